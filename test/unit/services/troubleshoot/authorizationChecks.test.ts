// The authorization checks: each failure is a ✗ with its fix, and what depends on it is skipped with the reason.
import assert from 'node:assert/strict';
import { InteractionRequiredAuthError } from '@azure/msal-node';
import { AppError, ERROR_MESSAGES } from '../../../../services/errors.js';
import type { IntegrationSettings } from '../../../../services/settings/integrationSettings.js';
import { GRAPH_SIGN_IN_SCOPES } from '../../../../services/settings/permissionCatalog.js';
import {
  authorizationBlocker,
  authorizationChecks,
  type TokenProbe,
} from '../../../../services/troubleshoot/authorizationChecks.js';
import type { Check } from '../../../../services/troubleshoot/check.js';
import { OTHER_TENANT } from '../../../fakes/testConversation.js';
import { HOME_ACCOUNT_ID, authorizedSettings } from './troubleshootFixtures.js';

const FULL: TokenProbe = { grantedScopes: [...GRAPH_SIGN_IN_SCOPES], mfa: true };

function run(settings: IntegrationSettings | undefined, token: () => Promise<TokenProbe> = async () => FULL) {
  const asked: string[] = [];
  const checks = authorizationChecks({
    settings: () => settings,
    probeToken: async (homeAccountId) => {
      asked.push(homeAccountId);
      return token();
    },
  });
  return { checks, asked };
}

const byId = (checks: Check[], id: string) => checks.find((check) => check.id === id)!;
const outcomes = (checks: Check[]) => checks.map((check) => `${check.id}:${String(check.ok)}`);

describe('authorization checks', () => {
  it('pass one by one for an Admin Agent signed in with MFA whose token refreshes', async () => {
    const { checks, asked } = run(authorizedSettings());
    const result = await checks;
    assert.deepEqual(outcomes(result), [
      'setup:true',
      'tenant:true',
      'role:true',
      'token:true',
      'scopes:true',
    ]);
    assert.match(byId(result, 'role').detail, /was Admin Agent and used MFA/);
    assert.deepEqual(asked, [HOME_ACCOUNT_ID]);
    assert.equal(authorizationBlocker(result), undefined);
  });

  it('before setup: one ✗ that says to run setup, the rest skipped because of it, no token asked for', async () => {
    const { checks, asked } = run(undefined);
    const result = await checks;
    assert.deepEqual(outcomes(result), [
      'setup:false',
      'tenant:skipped',
      'role:skipped',
      'token:skipped',
      'scopes:skipped',
    ]);
    assert.equal(byId(result, 'setup').detail, ERROR_MESSAGES.SETUP_REQUIRED);
    assert.equal(byId(result, 'setup').remedy, 'setup');
    assert.match(byId(result, 'token').detail, /until “Setup is done and an account is authorized” passes/);
    assert.deepEqual(asked, []);
    assert.equal(authorizationBlocker(result)?.id, 'setup');
  });

  it('after sign-out: names the account and says to sign in again', async () => {
    const result = await run(authorizedSettings({ homeAccountId: '' })).checks;
    const setup = byId(result, 'setup');
    assert.equal(setup.ok, false);
    assert.match(setup.detail, /megan\.bowen@contosoit\.onmicrosoft\.com was signed out/);
    assert.equal(setup.remedy, 'sign-in');
  });

  it('an account of another tenant fails the tenant check and blocks the client checks', async () => {
    const result = await run(authorizedSettings({ tenantId: OTHER_TENANT })).checks;
    const tenant = byId(result, 'tenant');
    assert.equal(tenant.ok, false);
    assert.match(tenant.detail, new RegExp(OTHER_TENANT));
    assert.match(tenant.fix ?? '', /Sign in again with an admin account of the partner tenant/);
    assert.equal(authorizationBlocker(result)?.id, 'tenant');
  });

  it('a refused refresh is a ✗ that says to sign in again; the scopes fall back to what the sign-in recorded', async () => {
    const refused = new AppError('SIGN_IN_REQUIRED', 'silent refresh refused: invalid_grant', {
      cause: new InteractionRequiredAuthError(
        'invalid_grant',
        'correlation-1',
        'AADSTS700082: The refresh token has expired due to inactivity.',
      ),
    });
    const result = await run(authorizedSettings(), async () => Promise.reject(refused)).checks;
    const token = byId(result, 'token');
    assert.equal(token.ok, false);
    assert.match(token.detail, /no longer valid.*expired or was revoked \(AADSTS700082\)/);
    assert.match(token.fix ?? '', /signs in again/);
    assert.equal(token.remedy, 'sign-in');
    assert.match(byId(result, 'scopes').detail, /^The sign-in grants/);
    assert.equal(authorizationBlocker(result)?.id, 'token');
  });

  it('explains a refresh Entra refused for an expired client secret in the sign-in’s words', async () => {
    const refused = new AppError('SIGN_IN_REQUIRED', 'silent refresh refused', {
      cause: new InteractionRequiredAuthError(
        'invalid_grant',
        'correlation-2',
        'AADSTS7000215: Invalid client secret provided.',
      ),
    });
    const result = await run(authorizedSettings(), async () => Promise.reject(refused)).checks;
    assert.match(
      byId(result, 'token').detail,
      /client secret of the app registration is wrong or has expired/,
    );
  });

  it('never repeats what a failed token request said, which may carry secrets', async () => {
    const leak = new Error('request failed: Authorization: Bearer eyJhbGciOiJSUzI1NiJ9.secret');
    const result = await run(authorizedSettings(), async () => Promise.reject(leak)).checks;
    const token = byId(result, 'token');
    assert.equal(token.ok, false);
    assert.doesNotMatch(JSON.stringify(result), /eyJ|Bearer/);
  });

  it('a token without MFA fails the role and MFA check with the MFA fix', async () => {
    const result = await run(authorizedSettings(), async () => ({ ...FULL, mfa: false })).checks;
    const role = byId(result, 'role');
    assert.equal(role.ok, false);
    assert.match(role.detail, /did not use multi-factor authentication/);
    assert.match(role.fix ?? '', /sign in again with MFA/);
  });

  it('a sign-in saved before the role was recorded still says what was checked', async () => {
    const result = await run(authorizedSettings({ adminRole: undefined })).checks;
    assert.match(byId(result, 'role').detail, /was Admin Agent or Global Administrator and used MFA/);
  });

  it('names a missing scope and the app consent fix for the product’s app and for an own app', async () => {
    const partial = async () => ({ ...FULL, grantedScopes: ['User.Read', 'Directory.Read.All'] });
    const product = byId(await run(authorizedSettings(), partial).checks, 'scopes');
    assert.equal(product.ok, false);
    assert.match(product.detail, /lacks DelegatedAdminRelationship\.ReadWrite\.All, Group\.ReadWrite\.All/);
    assert.match(product.fix ?? '', /Global Administrator .* accepts the permissions/);

    const own: IntegrationSettings = {
      ...authorizedSettings(),
      appRegistration: {
        kind: 'own',
        clientId: 'c0ffee00-0000-4000-8000-000000000001',
        clientSecret: { v: 1, iv: '', tag: '', data: '' },
      },
    };
    const ownCheck = byId(await run(own, partial).checks, 'scopes');
    assert.match(ownCheck.fix ?? '', /API permissions/);
  });

  it('accepts scopes Microsoft answers as full URIs', async () => {
    const uris = async () => ({
      ...FULL,
      grantedScopes: GRAPH_SIGN_IN_SCOPES.map(
        (scope) => `https://graph.microsoft.com/${scope.toLowerCase()}`,
      ),
    });
    assert.equal(byId(await run(authorizedSettings(), uris).checks, 'scopes').ok, true);
  });
});
