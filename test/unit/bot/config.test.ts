import assert from 'node:assert/strict';
import { loadConfig } from '../../../bot/config.js';
import { isAppError } from '../../../services/errors.js';

const TENANT = '5f6c1a9e-0d2b-4c1e-9a51-0f2d6b8e7a11';
const KEY = Buffer.alloc(32, 1).toString('base64');
const BASE = { ALLOWED_TENANT_IDS: TENANT, TOKEN_ENCRYPTION_KEY: KEY };

function problemsOf(env: Record<string, string>): string {
  try {
    loadConfig(env);
  } catch (error) {
    assert.ok(isAppError(error, 'CONFIG_INVALID'));
    return error.message;
  }
  assert.fail('expected the configuration to be refused');
}

describe('loadConfig', () => {
  it('applies the documented defaults', () => {
    const config = loadConfig(BASE);
    assert.equal(config.port, 3978);
    assert.equal(config.dataFile, 'data/bot.json');
    assert.equal(config.graphBaseUrl, 'https://graph.microsoft.com/v1.0');
    assert.equal(config.authorityHost, 'https://login.microsoftonline.com');
    assert.deepEqual(config.allowedTenantIds, [TENANT]);
    assert.equal(config.bot.appId, '');
  });

  it('takes the sandbox partner domain only in sandbox mode', () => {
    const domain = { SANDBOX_PARTNER_DOMAIN: 'contosoit.onmicrosoft.com' };
    assert.equal(loadConfig({ ...BASE, ...domain }).sandboxPartnerDomain, undefined);
    const sandbox = loadConfig({ ...BASE, ...domain, SANDBOX_URL: 'https://127.0.0.1:8443' });
    assert.equal(sandbox.sandboxPartnerDomain, 'contosoit.onmicrosoft.com');
  });

  it('returns a frozen object, nested parts included', () => {
    const config = loadConfig(BASE);
    assert.ok(Object.isFrozen(config));
    assert.ok(Object.isFrozen(config.bot));
    assert.ok(Object.isFrozen(config.allowedTenantIds));
    assert.ok(Object.isFrozen(config.alerts));
  });

  it('reports every problem at once', () => {
    const message = problemsOf({
      PORT: 'eighty',
      MicrosoftAppId: 'not-a-guid',
      GRAPH_BASE_URL: 'http://graph.example.test/v1.0',
      ADMIN_USER_IDS: 'bob',
      LOG_LEVEL: 'loud',
      PUBLIC_BASE_URL: 'http://bot.example.test',
    });
    for (const key of [
      'PORT',
      'MicrosoftAppId',
      'MicrosoftAppPassword',
      'GRAPH_BASE_URL',
      'ALLOWED_TENANT_IDS',
      'ADMIN_USER_IDS',
      'LOG_LEVEL',
    ]) {
      assert.match(message, new RegExp(key), `expected a problem about ${key}`);
    }
  });

  it('keeps 10,000 audit entries unless told another whole number of at least 1', () => {
    assert.equal(loadConfig(BASE).auditKept, 10_000);
    assert.equal(loadConfig({ ...BASE, AUDIT_KEPT: '500' }).auditKept, 500);
    for (const wrong of ['0', '-1', '2.5', 'all'])
      assert.match(problemsOf({ ...BASE, AUDIT_KEPT: wrong }), /AUDIT_KEPT/);
  });

  it('reads the alert settings, with their defaults, and refuses values out of range', () => {
    assert.deepEqual(loadConfig(BASE).alerts, {
      checkIntervalMinutes: 60,
      approvalPendingDays: 7,
      expiringSoonDays: 30,
    });
    assert.deepEqual(
      loadConfig({ ...BASE, ALERT_CHECK_INTERVAL_MINUTES: '0', ALERT_APPROVAL_PENDING_DAYS: '14' }).alerts,
      { checkIntervalMinutes: 0, approvalPendingDays: 14, expiringSoonDays: 30 },
    );
    const message = problemsOf({
      ...BASE,
      ALERT_CHECK_INTERVAL_MINUTES: '-5',
      ALERT_APPROVAL_PENDING_DAYS: 'a week',
      ALERT_EXPIRING_SOON_DAYS: '365',
    });
    for (const key of [
      'ALERT_CHECK_INTERVAL_MINUTES',
      'ALERT_APPROVAL_PENDING_DAYS',
      'ALERT_EXPIRING_SOON_DAYS',
    ])
      assert.match(message, new RegExp(key));
  });

  it('requires the three Bot Framework endpoint overrides together', () => {
    const message = problemsOf({
      ...BASE,
      ToBotFromChannelOpenIdMetadataUrl: 'https://127.0.0.1:4000/.well-known/openid-configuration',
    });
    assert.match(message, /set all three or none/);
  });

  it('requires a tenant for a single-tenant bot', () => {
    const message = problemsOf({
      ...BASE,
      MicrosoftAppId: '0b5d7e43-2c1f-4a3b-9d8e-6f7a8b9c0d1e',
      MicrosoftAppPassword: 'x',
      MicrosoftAppType: 'SingleTenant',
    });
    assert.match(message, /MicrosoftAppTenantId/);
  });

  it('normalises id lists: trimmed, lower-case, without duplicates', () => {
    const config = loadConfig({ ...BASE, ALLOWED_TENANT_IDS: ` ${TENANT.toUpperCase()}, ${TENANT} ` });
    assert.deepEqual(config.allowedTenantIds, [TENANT]);
  });
});

describe('loadConfig: sign-in and secrets', () => {
  it('defaults the public address to localhost on the bot’s port', () => {
    assert.equal(loadConfig({ ...BASE, PORT: '4000' }).publicBaseUrl, 'http://localhost:4000');
  });

  it('requires the product app id and secret together', () => {
    assert.match(
      problemsOf({ ...BASE, APP_CLIENT_ID: '0b5d7e43-2c1f-4a3b-9d8e-6f7a8b9c0d1e' }),
      /set both or neither/,
    );
  });

  it('accepts a hex key as well as base64', () => {
    assert.ok(loadConfig({ ...BASE, TOKEN_ENCRYPTION_KEY: 'ab'.repeat(32) }));
  });

  it('refuses a short key', () => {
    assert.match(problemsOf({ ...BASE, TOKEN_ENCRYPTION_KEY: 'c2hvcnQ=' }), /TOKEN_ENCRYPTION_KEY/);
  });
});
