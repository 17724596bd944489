// Environment → one frozen Config; every problem is reported at once.
import { SecretBox } from '../services/crypto/secretBox.js';
import { AppError } from '../services/errors.js';

export type AppType = 'MultiTenant' | 'SingleTenant' | 'UserAssignedMSI';
export type LogLevel = 'fatal' | 'error' | 'warn' | 'info' | 'debug' | 'trace' | 'silent';

export interface Config {
  readonly port: number;
  readonly host: string;
  readonly logLevel: LogLevel;
  readonly dataFile: string;
  readonly bot: {
    readonly appId: string;
    readonly appPassword: string;
    readonly appType: AppType;
    readonly appTenantId: string;
    /** Overrides for the Bot Framework's OpenID metadata and token endpoints (local stand-ins, sovereign clouds). */
    readonly openIdMetadataUrl?: string;
    readonly tokenIssuer?: string;
    readonly loginUrl?: string;
  };
  readonly graphBaseUrl: string;
  readonly authorityHost: string;
  readonly allowedTenantIds: readonly string[];
  readonly adminUserIds: readonly string[];
  /** Set when the bot runs against the local partner-tenant sandbox. */
  readonly sandboxUrl?: string;
  /** Sandbox mode only: the simulated partner tenant's domain, which step 2 of a first setup pre-fills. */
  readonly sandboxPartnerDomain?: string;
  /** Where browsers reach the bot (sign-in pages): https in production. */
  readonly publicBaseUrl: string;
  /** 32-byte key (base64 or hex) that seals secrets and tokens at rest. */
  readonly tokenEncryptionKey: string;
  /** The product's own multi-tenant app registration, offered as the default in setup. */
  readonly productApp?: { readonly clientId: string; readonly clientSecret: string };
  /** Teams SSO: the Application ID URI in the manifest's webApplicationInfo. */
  readonly ssoResource?: string;
  /** How often the customer list is synced on its own; 0 turns the schedule off. */
  readonly syncIntervalMinutes: number;
  /** Audit entries the store keeps (the newest). */
  readonly auditKept: number;
  /** Partner Center's API (per-customer app consent). */
  readonly partnerCenterBaseUrl: string;
  /** The customer's approval link up to the relationship id. */
  readonly approvalLinkBase: string;
  readonly alerts: {
    /** How often the alert check runs on its own, besides after every change; 0 turns the schedule off. */
    readonly checkIntervalMinutes: number;
    /** A relationship waiting longer than this for the customer's approval raises an alert. */
    readonly approvalPendingDays: number;
    /** A relationship ending within this many days without auto-extend raises an alert. */
    readonly expiringSoonDays: number;
  };
}

type Env = Record<string, string | undefined>;

const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const LOG_LEVELS: readonly LogLevel[] = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'];
const APP_TYPES: readonly AppType[] = ['MultiTenant', 'SingleTenant', 'UserAssignedMSI'];

export function loadConfig(env: Env): Config {
  const problems: string[] = [];
  const text = (key: string, fallback = ''): string => (env[key] ?? '').trim() || fallback;

  const port = parsePort(text('PORT', '3978'), problems);
  const logLevel = text('LOG_LEVEL', 'info') as LogLevel;
  if (!LOG_LEVELS.includes(logLevel)) problems.push(`LOG_LEVEL must be one of ${LOG_LEVELS.join(', ')}.`);

  const appId = text('MicrosoftAppId');
  const appPassword = text('MicrosoftAppPassword');
  const appType = text('MicrosoftAppType', 'MultiTenant') as AppType;
  const appTenantId = text('MicrosoftAppTenantId');
  if (appId && !GUID.test(appId))
    problems.push('MicrosoftAppId must be a GUID (the bot’s app registration id).');
  if (!APP_TYPES.includes(appType)) problems.push(`MicrosoftAppType must be one of ${APP_TYPES.join(', ')}.`);
  if (appId && appType !== 'UserAssignedMSI' && !appPassword) {
    problems.push('MicrosoftAppPassword is required when MicrosoftAppId is set.');
  }
  if (appType === 'SingleTenant' && !GUID.test(appTenantId)) {
    problems.push('MicrosoftAppTenantId must be a tenant GUID when MicrosoftAppType is SingleTenant.');
  }
  const openIdMetadataUrl = optionalUrl(env, 'ToBotFromChannelOpenIdMetadataUrl', problems);
  const tokenIssuer = optionalUrl(env, 'ToBotFromChannelTokenIssuer', problems);
  const loginUrl = optionalUrl(env, 'ToChannelFromBotLoginUrl', problems);
  const overrides = [openIdMetadataUrl, tokenIssuer, loginUrl].filter(Boolean).length;
  if (overrides > 0 && overrides < 3) {
    problems.push(
      'ToBotFromChannelOpenIdMetadataUrl, ToBotFromChannelTokenIssuer and ToChannelFromBotLoginUrl go together: set all three or none.',
    );
  }

  const graphBaseUrl = requiredUrl(env, 'GRAPH_BASE_URL', 'https://graph.microsoft.com/v1.0', problems);
  const authorityHost = requiredUrl(env, 'AUTHORITY_HOST', 'https://login.microsoftonline.com', problems);
  const sandboxUrl = optionalUrl(env, 'SANDBOX_URL', problems);
  // Outside the sandbox nobody knows the admin's tenant in advance: the key is ignored there.
  const sandboxPartnerDomain = sandboxUrl ? text('SANDBOX_PARTNER_DOMAIN') || undefined : undefined;

  const allowedTenantIds = guidList(env, 'ALLOWED_TENANT_IDS', problems);
  if (allowedTenantIds.length === 0) {
    problems.push('ALLOWED_TENANT_IDS must list at least one tenant id (the MSP’s own Microsoft tenant).');
  }
  const adminUserIds = guidList(env, 'ADMIN_USER_IDS', problems);

  const publicBaseUrl = (optionalUrl(env, 'PUBLIC_BASE_URL', problems) ?? `http://localhost:${port}`).replace(
    /\/+$/,
    '',
  );
  if (appId && !publicBaseUrl.startsWith('https://')) {
    problems.push('PUBLIC_BASE_URL must be the bot’s public https address when MicrosoftAppId is set.');
  }
  const tokenEncryptionKey = text('TOKEN_ENCRYPTION_KEY');
  if (!SecretBox.isValidKey(tokenEncryptionKey)) {
    problems.push('TOKEN_ENCRYPTION_KEY must be 32 random bytes as base64 (e.g. `openssl rand -base64 32`).');
  }
  const productClientId = text('APP_CLIENT_ID');
  const productClientSecret = text('APP_CLIENT_SECRET');
  if (productClientId && !GUID.test(productClientId)) problems.push('APP_CLIENT_ID must be a GUID.');
  if (Boolean(productClientId) !== Boolean(productClientSecret)) {
    problems.push('APP_CLIENT_ID and APP_CLIENT_SECRET go together: set both or neither.');
  }
  const auditKept = Number(text('AUDIT_KEPT', '10000'));
  if (!Number.isInteger(auditKept) || auditKept < 1) {
    problems.push('AUDIT_KEPT must be a whole number of audit entries to keep, 1 or more.');
  }
  const syncIntervalMinutes = Number(text('SYNC_INTERVAL_MINUTES', '360'));
  if (!Number.isInteger(syncIntervalMinutes) || syncIntervalMinutes < 0 || syncIntervalMinutes > 10_080) {
    problems.push('SYNC_INTERVAL_MINUTES must be a whole number of minutes from 0 (off) to 10080 (a week).');
  }
  const whole = (key: string, fallback: string, min: number, max: number, what: string) => {
    const value = Number(text(key, fallback));
    if (!Number.isInteger(value) || value < min || value > max)
      problems.push(`${key} must be a whole number of ${what} from ${min} to ${max}.`);
    return value;
  };
  const alerts = {
    checkIntervalMinutes: whole('ALERT_CHECK_INTERVAL_MINUTES', '60', 0, 10_080, 'minutes (0 is off)'),
    approvalPendingDays: whole('ALERT_APPROVAL_PENDING_DAYS', '7', 1, 90, 'days'),
    expiringSoonDays: whole('ALERT_EXPIRING_SOON_DAYS', '30', 1, 180, 'days'),
  };
  const partnerCenterBaseUrl = requiredUrl(
    env,
    'PARTNER_CENTER_BASE_URL',
    'https://api.partnercenter.microsoft.com',
    problems,
  );
  const approvalLinkBase = requiredUrl(
    env,
    'APPROVAL_LINK_BASE',
    'https://admin.microsoft.com/AdminPortal/Home#/partners/invitation/granularAdminRelationships/',
    problems,
  );
  const ssoResource = text('SSO_RESOURCE') || undefined;
  if (ssoResource && !/^api:\/\/\S+$/.test(ssoResource)) {
    problems.push('SSO_RESOURCE must be the Application ID URI, e.g. api://bot.contoso.com/botid-<app id>.');
  }

  if (problems.length > 0) {
    throw new AppError('CONFIG_INVALID', `Configuration problems:\n- ${problems.join('\n- ')}`);
  }
  return deepFreeze({
    port,
    host: text('HOST', '0.0.0.0'),
    logLevel,
    dataFile: text('DATA_FILE', 'data/bot.json'),
    bot: { appId, appPassword, appType, appTenantId, openIdMetadataUrl, tokenIssuer, loginUrl },
    graphBaseUrl: graphBaseUrl.replace(/\/+$/, ''),
    authorityHost: authorityHost.replace(/\/+$/, ''),
    allowedTenantIds,
    adminUserIds,
    sandboxUrl,
    sandboxPartnerDomain,
    publicBaseUrl,
    tokenEncryptionKey,
    productApp: productClientId
      ? { clientId: productClientId, clientSecret: productClientSecret }
      : undefined,
    ssoResource,
    syncIntervalMinutes,
    auditKept,
    partnerCenterBaseUrl: partnerCenterBaseUrl.replace(/\/+$/, ''),
    approvalLinkBase,
    alerts: Object.freeze(alerts),
  });
}

function parsePort(value: string, problems: string[]): number {
  const port = Number(value);
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    problems.push(`PORT must be a whole number from 0 to 65535 (got "${value}").`);
  }
  return port;
}

function optionalUrl(env: Env, key: string, problems: string[]): string | undefined {
  const value = (env[key] ?? '').trim();
  if (!value) return undefined;
  if (!URL.canParse(value)) problems.push(`${key} must be an absolute URL (got "${value}").`);
  return value;
}

function requiredUrl(env: Env, key: string, fallback: string, problems: string[]): string {
  const value = optionalUrl(env, key, problems) ?? fallback;
  if (URL.canParse(value) && new URL(value).protocol !== 'https:') {
    problems.push(`${key} must use https (Microsoft's clients send tokens only over https).`);
  }
  return value;
}

function guidList(env: Env, key: string, problems: string[]): string[] {
  const items = (env[key] ?? '')
    .split(',')
    .map((item) => item.trim().toLowerCase())
    .filter(Boolean);
  const bad = items.filter((item) => !GUID.test(item));
  if (bad.length > 0)
    problems.push(`${key} must be a comma-separated list of GUIDs (not: ${bad.join(', ')}).`);
  return [...new Set(items)];
}

function deepFreeze<T>(value: T): T {
  if (value && typeof value === 'object') {
    for (const child of Object.values(value)) deepFreeze(child);
    Object.freeze(value);
  }
  return value;
}
