// Composition root: reads the environment, builds every service once, and starts the bot.
import { ConversationState, UserState, type ConversationReference } from 'botbuilder';
import type { DialogState } from 'botbuilder-dialogs';
import { readFileSync } from 'node:fs';
import { pathToFileURL } from 'node:url';
import { MainDialog } from '../dialogs/mainDialog.js';
import { playgroundPeople, sandboxEncryptionKey, sandboxEnv, wantsSandbox } from '../sandbox/devStack.js';
import { startPlayground, type Playground } from '../sandbox/playground.js';
import { startSandbox, type RunningSandbox } from '../sandbox/sandboxServer.js';
import { loadSeed } from '../sandbox/seed.js';
import { trustCertificateAuthority } from '../services/http/trustCertificateAuthority.js';
import { ConversationStore } from '../services/conversations/conversationStore.js';
import { SecretBox } from '../services/crypto/secretBox.js';
import { SettingsStore } from '../services/settings/settingsStore.js';
import { readSetupStatus } from '../services/status/setupStatus.js';
import type { ConversationRecord } from '../services/store/storeData.js';
import { SetupDialog } from '../dialogs/setup/setupDialog.js';
import {
  SIGN_IN_RESULT_EVENT,
  type SetupServices,
  type SignInOutcome,
} from '../dialogs/setup/setupServices.js';
import { resolveTenantId } from '../services/auth/tenantResolver.js';
import { SignInService } from '../services/auth/signInService.js';
import { AppStore } from '../services/store/appStore.js';
import { StateStorage } from '../services/store/stateStorage.js';
import { AccessControl } from './accessControl.js';
import { BotAdapter, createBotFrameworkAuthentication, installTurnErrorHandler } from './adapter.js';
import { loadConfig, type Config } from './config.js';
import { isAppError } from './errors.js';
import { createLogger, type Logger } from './logger.js';
import { ProactiveMessenger, deliverEvent } from './proactive.js';
import { SignInFinisher } from './signInFinisher.js';
import { registerSignInRoutes } from './signInRoutes.js';
import { createServer } from './server.js';
import { TeamsBot } from './teamsBot.js';
import { TurnLogging } from './turnLogging.js';

const VERSION = (
  JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as { version: string }
).version;

export interface App {
  readonly url: string;
  readonly port: number;
  readonly store: AppStore;
  readonly conversations: ConversationStore;
  readonly proactive: ProactiveMessenger;
  close(): Promise<void>;
}

/** The sign-in side of the bot: real MSAL and Entra in production, fakes in conversation tests. */
export interface AuthPorts {
  productAppAvailable: boolean;
  ssoResource?: string;
  /** Teams SSO: the verdict on the account behind the token Teams sent for this user's pending sign-in. */
  completeSso(userAadId: string, conversationId: string, ssoToken: string): Promise<SignInOutcome>;
  resolveTenant(input: string): Promise<string>;
  startSignIn: SetupServices['startSignIn'];
  signOut(homeAccountId: string): Promise<void>;
}

export interface BotOptions {
  environment: string;
  box: SecretBox;
  auth: AuthPorts;
}

/** The Teams bot with its state and dialogs over a store; shared by the server and conversation tests. */
export function createBot(store: AppStore, options: BotOptions) {
  const storage = new StateStorage(store);
  const conversationState = new ConversationState(storage);
  const userState = new UserState(storage);
  const conversations = new ConversationStore(store);
  const settings = new SettingsStore(store);
  const dialogState = conversationState.createProperty<DialogState>('dialogState');
  const setup: SetupServices = {
    productAppAvailable: options.auth.productAppAvailable,
    savedSettings: () => settings.get(),
    saveSettings: (next, by) => settings.save(next, by),
    resolveTenant: (input) => options.auth.resolveTenant(input),
    sealSecret: (secret) => options.box.seal(secret, 'app-client-secret'),
    alertDestinations: () =>
      conversations.list().map((record) => ({ id: record.id, label: destinationLabel(record) })),
    startSignIn: (request) => options.auth.startSignIn(request),
    ssoResource: options.auth.ssoResource,
  };
  const mainDialog = new MainDialog(
    {
      readStatus: () => readSetupStatus(store.data),
      environment: options.environment,
      signOut: async (by) => {
        const account = settings.get()?.authorizedAccount;
        if (!account?.homeAccountId) return 'Nobody is signed in.';
        await options.auth.signOut(account.homeAccountId);
        await settings.clearAuthorization(by);
        return `Signed out ${account.upn}: its tokens are deleted. An MSP administrator runs **setup** to sign in again.`;
      },
    },
    dialogState,
    [{ command: 'setup', dialog: new SetupDialog(setup) }],
  );
  const bot = new TeamsBot(
    conversationState,
    userState,
    mainDialog,
    conversations,
    (user, conversation, token) => options.auth.completeSso(user, conversation, token),
  );
  return { bot, conversationState, conversations, settings };
}

function destinationLabel(record: ConversationRecord): string {
  const name = record.reference.conversation.name;
  if (record.scope === 'personal') return `Personal chat with ${record.reference.user?.name || 'me'}`;
  return `${record.scope === 'channel' ? 'Channel' : 'Group chat'}${name ? `: ${name}` : ''}`;
}

export async function startApp(config: Config, log: Logger = createLogger(config.logLevel)): Promise<App> {
  const store = await AppStore.openFile(config.dataFile);
  const box = new SecretBox(config.tokenEncryptionKey);
  const signIn = new SignInService({
    authorityHost: config.authorityHost,
    publicBaseUrl: config.publicBaseUrl,
    productApp: config.productApp,
    store,
    box,
    ssoResource: config.ssoResource,
  });
  const finisher = new SignInFinisher({
    graphBaseUrl: config.graphBaseUrl,
    forget: (homeAccountId) => signIn.signOut(homeAccountId),
  });
  const { bot, conversationState, conversations } = createBot(store, {
    environment: config.sandboxUrl ? 'Sandbox (simulated partner tenant)' : 'Microsoft cloud',
    box,
    auth: {
      productAppAvailable: Boolean(config.productApp),
      resolveTenant: (input) => resolveTenantId(config.authorityHost, input),
      startSignIn: (request) => signIn.createPending(request),
      signOut: (homeAccountId) => signIn.signOut(homeAccountId),
      ssoResource: config.ssoResource,
      completeSso: async (userAadId, conversationId, ssoToken) => {
        const { pending, result } = await signIn.completeWithSso(userAadId, conversationId, ssoToken);
        return finisher.verdict(result, pending.tenantId);
      },
    },
  });

  const adapter = new BotAdapter(createBotFrameworkAuthentication(config));
  adapter.use(new TurnLogging(log));
  adapter.use(new AccessControl(config, log));
  installTurnErrorHandler(adapter, conversationState, log);
  const proactive = new ProactiveMessenger(adapter, config.bot.appId, conversations, log);

  const server = createServer({
    adapter,
    logic: (context) => bot.run(context),
    log,
    routes: (server) =>
      registerSignInRoutes(server, {
        signIn,
        finisher,
        log,
        deliver: (pending, outcome) =>
          deliverEvent(
            adapter,
            config.bot.appId,
            pending.reference as Partial<ConversationReference>,
            { name: SIGN_IN_RESULT_EVENT, value: outcome },
            (context) => bot.run(context),
          ),
      }),
    health: () => ({
      status: 'ok',
      version: VERSION,
      store: { status: 'ok', conversations: Object.keys(store.data.conversations).length },
      ...(config.sandboxUrl ? { sandbox: config.sandboxUrl } : {}),
    }),
  });
  const port = await server.listen(config.port, config.host);
  const url = `http://127.0.0.1:${port}`;
  log.info({ port, sandbox: config.sandboxUrl }, 'bot listening');

  return {
    url,
    port,
    store,
    conversations,
    proactive,
    async close() {
      await server.close();
      await store.flush();
    },
  };
}

async function main(): Promise<void> {
  let env: Record<string, string | undefined> = { ...process.env };
  let sandbox: RunningSandbox | undefined;
  if (wantsSandbox(env)) {
    const seed = env.SANDBOX_SEED ? await loadSeed(env.SANDBOX_SEED) : undefined;
    sandbox = await startSandbox({ seed, port: Number(env.SANDBOX_PORT || 0) });
    // Graph and MSAL only talk https; trust the sandbox's throwaway CA in this process alone.
    trustCertificateAuthority(sandbox.caCertPem);
    env = sandboxEnv(sandbox, env);
    env.TOKEN_ENCRYPTION_KEY ||= await sandboxEncryptionKey(env.DATA_FILE || 'data/bot.json');
  }
  let config: Config;
  try {
    config = loadConfig(env);
  } catch (error) {
    console.error(isAppError(error) ? error.message : error);
    await sandbox?.close();
    process.exit(1);
  }
  const log = createLogger(config.logLevel);
  const app = await startApp(config, log).catch(async (error: unknown) => {
    log.fatal({ err: error }, isAppError(error) ? error.message : 'start-up failed');
    await sandbox?.close();
    process.exit(1);
  });
  let playground: Playground | undefined;
  if (sandbox) {
    playground = await startPlayground({
      botEndpoint: `${app.url}/api/messages`,
      port: Number(env.PLAYGROUND_PORT || 56150),
      tenantId: sandbox.partnerTenantId,
      bot: { id: '28:csp-integration-bot', name: 'CSP Integration Bot' },
      ...playgroundPeople(sandbox),
    });
    log.info({ sandbox: sandbox.baseUrl, playground: playground.url }, 'sandbox mode');
    console.log(`\nOpen ${playground.url.replace('127.0.0.1', 'localhost')} to chat\n`);
  }
  const stop = async (signal: string) => {
    log.info({ signal }, 'shutting down');
    await playground?.close();
    await app.close();
    await sandbox?.close();
    process.exit(0);
  };
  process.once('SIGTERM', () => void stop('SIGTERM'));
  process.once('SIGINT', () => void stop('SIGINT'));
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) await main();
