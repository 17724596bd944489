// `npm start` without credentials: the sandbox tenant, the bot's settings pointing at it, and the Playground's people.
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { SecretBox } from '../services/crypto/secretBox.js';
import type { PlaygroundUser } from './playground.js';
import { GLOBAL_ADMINISTRATOR_ROLE_ID } from './roles.js';
import type { RunningSandbox } from './sandboxServer.js';
import type { SeedUser } from './seed.js';

type Env = Record<string, string | undefined>;

/** The environment the bot runs with against the sandbox; explicit settings in `env` win. */
export function sandboxEnv(sandbox: RunningSandbox, env: Env): Env {
  const admins = partnerAdmins(sandbox);
  return {
    ...env,
    GRAPH_BASE_URL: sandbox.graphBaseUrl,
    AUTHORITY_HOST: sandbox.authorityHost,
    SANDBOX_URL: sandbox.baseUrl,
    SANDBOX_PARTNER_DOMAIN: sandbox.state.partnerTenant.defaultDomain,
    PARTNER_CENTER_BASE_URL: sandbox.partnerCenterBaseUrl,
    APPROVAL_LINK_BASE: sandbox.approvalLinkBase,
    APP_CLIENT_ID: sandbox.clientId,
    APP_CLIENT_SECRET: sandbox.clientSecret,
    ALLOWED_TENANT_IDS: env.ALLOWED_TENANT_IDS?.trim() || sandbox.partnerTenantId,
    ADMIN_USER_IDS: env.ADMIN_USER_IDS?.trim() || admins.map((user) => user.id).join(','),
  };
}

/**
 * The local key that seals tokens in sandbox mode: made once and kept beside the data file (never
 * committed; data/ is ignored), so a restart can still read what the last run sealed.
 */
export async function sandboxEncryptionKey(dataFile: string): Promise<string> {
  const file = join(dirname(dataFile), 'sandbox.key');
  const existing = await readFile(file, 'utf8').catch(() => '');
  if (existing.trim()) return existing.trim();
  const key = SecretBox.generateKey();
  await mkdir(dirname(file), { recursive: true, mode: 0o700 });
  await writeFile(file, key, { mode: 0o600 });
  return key;
}

/** The Playground's people: the sandbox's default user (an admin with MFA) first, then other partner users. */
export function playgroundPeople(sandbox: RunningSandbox): {
  currentUser: PlaygroundUser;
  users: PlaygroundUser[];
} {
  const { state } = sandbox;
  const current = state.defaultUser;
  const others = state.users
    .filter((user) => user.tenantId === sandbox.partnerTenantId && user.id !== current.id)
    .slice(0, 5);
  return { currentUser: toPlaygroundUser(current), users: others.map(toPlaygroundUser) };
}

function partnerAdmins(sandbox: RunningSandbox): SeedUser[] {
  return sandbox.state.users.filter(
    (user) =>
      user.tenantId === sandbox.partnerTenantId &&
      user.userType === 'Member' &&
      user.directoryRoleIds.includes(GLOBAL_ADMINISTRATOR_ROLE_ID),
  );
}

function toPlaygroundUser(user: SeedUser): PlaygroundUser {
  const [givenName = user.displayName, ...rest] = user.displayName.split(' ');
  return {
    id: `29:${user.id}`,
    name: user.displayName,
    userPrincipalName: user.userPrincipalName,
    aadObjectId: user.id,
    givenName,
    surname: rest.join(' ') || givenName,
    email: user.userPrincipalName,
  };
}
