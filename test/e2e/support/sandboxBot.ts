// The bot against a running sandbox over HTTP, and a browser-like sign-in through its pages.
import assert from 'node:assert/strict';
import type { Activity } from 'botbuilder';
import { sandboxEnv } from '../../../sandbox/devStack.js';
import type { RunningSandbox } from '../../../sandbox/sandboxServer.js';
import { installActivity, type TeamsIdentity } from '../../fakes/teamsActivities.js';
import { inputValues } from '../../fakes/testConversation.js';
import { freePort } from './freePort.js';
import { HttpChat, openUrlOf } from './httpChat.js';
import { startRunningBot, type RunningBot } from './runningBot.js';

/** The real bot pointed at the sandbox, installed in the default admin's personal chat. */
export async function startSandboxBot(
  sandbox: RunningSandbox,
  env: Record<string, string> = {},
): Promise<{ bot: RunningBot; chat: HttpChat; admin: TeamsIdentity }> {
  const port = await freePort();
  const derived = sandboxEnv(sandbox, {});
  const bot = await startRunningBot({
    PORT: String(port),
    PUBLIC_BASE_URL: `http://127.0.0.1:${port}`,
    GRAPH_BASE_URL: derived.GRAPH_BASE_URL!,
    AUTHORITY_HOST: derived.AUTHORITY_HOST!,
    APP_CLIENT_ID: derived.APP_CLIENT_ID!,
    APP_CLIENT_SECRET: derived.APP_CLIENT_SECRET!,
    ALLOWED_TENANT_IDS: sandbox.partnerTenantId,
    ADMIN_USER_IDS: sandbox.state.defaultUser.id,
    SYNC_INTERVAL_MINUTES: '0',
    ...env,
  });
  const admin = { ...bot.admin, tenantId: sandbox.partnerTenantId, userAadId: sandbox.state.defaultUser.id };
  const chat = new HttpChat((activity) => bot.post(activity), bot.connector, admin);
  await bot.post(installActivity(admin));
  await chat.next(/Welcome to CSP Integration Bot/);
  return { bot, chat, admin };
}

/**
 * Follows the sign-in as a browser would, with plain HTTP: the bot's /auth/start, the sandbox's
 * /authorize (where `account` plays the user picking an account), then the bot's /auth/callback.
 */
export async function signInAs(
  startUrl: string,
  account?: string,
): Promise<{ status: number; page: string }> {
  const start = await fetch(startUrl, { redirect: 'manual' });
  assert.equal(start.status, 302, 'the bot’s /auth/start redirects to the authority');
  const authorize = new URL(start.headers.get('location')!);
  assert.equal(authorize.searchParams.get('code_challenge_method'), 'S256');
  if (account) authorize.searchParams.set('login_hint', account);
  const answer = await fetch(authorize, { redirect: 'manual' });
  assert.equal(answer.status, 302, 'the authority redirects back to the bot');
  const callback = await fetch(answer.headers.get('location')!, { redirect: 'manual' });
  return { status: callback.status, page: await callback.text() };
}

/** Runs the setup wizard to its sign-in card. */
export async function setupToSignIn(chat: HttpChat, domain: string): Promise<Partial<Activity>> {
  await chat.say('setup');
  const integrations = await chat.next(/Step 1 of 5/);
  await chat.press(integrations, 'Next', { integrations: 'csp' });
  const configuration = await chat.next(/Step 2 of 5/);
  await chat.press(configuration, 'Next', { ...inputValues(configuration), partnerTenant: domain });
  const permissions = await chat.next(/Step 3 of 5/);
  await chat.press(permissions, 'Next');
  return chat.next(/Step 4 of 5 · Authorize/);
}

/** The whole setup with the sandbox's admin with MFA. */
export async function completeSetup(chat: HttpChat, domain: string): Promise<void> {
  const signInCard = await setupToSignIn(chat, domain);
  await signInAs(openUrlOf(signInCard, 'Sign in'));
  await chat.next(/Microsoft CSP is set up/);
}
