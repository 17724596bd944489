// Reads the app package's ids and domain from the environment and reports every missing or invalid one at once.
import { createHash } from 'node:crypto';
import { AppPackageError } from './appPackageError.js';

export type Env = Readonly<Record<string, string | undefined>>;

export interface PackageEnv {
  readonly botId: string;
  readonly botDomain: string;
  readonly teamsAppId: string;
  /** True when no variable was set and the local try-out defaults were used. */
  readonly localTryOut: boolean;
}

// `npm run package` with none of the variables set builds a try-out package with these values, so the
// build can be run on a fresh clone. Teams refuses the all-zero bot id, so such a package cannot be
// uploaded by mistake; setting any one variable switches to the strict rules below.
export const LOCAL_TRYOUT_BOT_ID = '00000000-0000-0000-0000-000000000000';
export const LOCAL_TRYOUT_BOT_DOMAIN = 'localhost';

const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const HOST_NAME =
  /^(?=.{1,253}$)[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?(?:\.[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?)*$/i;
// Namespace of this project's name-based ids; changing it would give every installation a new Teams app id.
const TEAMS_APP_ID_NAMESPACE = '503a66a3-26b0-484a-9654-87d625de2302';

/** A name-based (version 5) UUID of the bot id: rebuilding keeps the same Teams app, so uploads update it. */
export function deriveTeamsAppId(botId: string): string {
  const namespace = Buffer.from(TEAMS_APP_ID_NAMESPACE.replaceAll('-', ''), 'hex');
  const hash = createHash('sha1').update(namespace).update(botId.toLowerCase()).digest();
  hash[6] = (hash[6] & 0x0f) | 0x50;
  hash[8] = (hash[8] & 0x3f) | 0x80;
  const hex = hash.subarray(0, 16).toString('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

export function readPackageEnv(env: Env): PackageEnv {
  const value = (name: string): string => env[name]?.trim() ?? '';
  const [botId, botDomain, teamsAppId] = ['MicrosoftAppId', 'BOT_DOMAIN', 'TEAMS_APP_ID'].map(value);
  if (!botId && !botDomain && !teamsAppId) {
    return {
      botId: LOCAL_TRYOUT_BOT_ID,
      botDomain: LOCAL_TRYOUT_BOT_DOMAIN,
      teamsAppId: deriveTeamsAppId(LOCAL_TRYOUT_BOT_ID),
      localTryOut: true,
    };
  }

  const problems: string[] = [];
  if (!botId) problems.push("MicrosoftAppId is missing: set it to the bot's Microsoft App ID (a GUID).");
  else if (!GUID.test(botId))
    problems.push(`MicrosoftAppId "${botId}" is not a GUID (xxxxxxxx-xxxx-xxxx-xxxx-xxxxxxxxxxxx).`);
  else if (botId === LOCAL_TRYOUT_BOT_ID)
    problems.push("MicrosoftAppId is the all-zero try-out id; use the bot's real app id.");

  if (!botDomain)
    problems.push("BOT_DOMAIN is missing: set it to the bot's public host name, e.g. csp-bot.contoso.com.");
  else if (!HOST_NAME.test(botDomain)) {
    problems.push(
      `BOT_DOMAIN "${botDomain}" must be a host name only, without scheme, port or path (e.g. csp-bot.contoso.com).`,
    );
  }

  if (teamsAppId && !GUID.test(teamsAppId)) {
    problems.push(
      `TEAMS_APP_ID "${teamsAppId}" is not a GUID; leave it unset to derive a stable id from MicrosoftAppId.`,
    );
  }

  if (problems.length) throw new AppPackageError('The app package environment is incomplete', problems);
  return {
    botId,
    botDomain: botDomain.toLowerCase(),
    teamsAppId: teamsAppId || deriveTeamsAppId(botId),
    localTryOut: false,
  };
}
