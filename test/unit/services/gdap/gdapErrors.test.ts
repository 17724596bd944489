// DOMAIN's troubleshooting table as the bot applies it: each symptom becomes a code with its cause and fix.
import assert from 'node:assert/strict';
import { GraphError } from '@microsoft/microsoft-graph-client';
import { AppError, ERROR_MESSAGES } from '../../../../services/errors.js';
import { consentFailure, customerAccessFailure } from '../../../../services/gdap/customerAccessErrors.js';
import { gdapFailure } from '../../../../services/gdap/gdapErrors.js';

function graphError(status: number, message = '', code = 'Code'): GraphError {
  const error = new GraphError(status, message);
  error.code = code;
  return error;
}

// What SignInService throws when MSAL refuses a silent token: the AADSTS text sits on the wrapped MSAL error.
function refusedToken(aadsts: string): AppError {
  const msal = Object.assign(new Error('invalid_grant'), {
    errorCode: 'invalid_grant',
    errorMessage: aadsts,
  });
  return new AppError('SIGN_IN_REQUIRED', 'silent refresh refused: invalid_grant', { cause: msal });
}

describe('gdapFailure', () => {
  const code = (status: number) => gdapFailure(graphError(status, 'x'), 'locking the relationship').code;

  it('maps Graph statuses to codes with a plain fix', () => {
    assert.equal(code(401), 'SIGN_IN_REQUIRED');
    assert.equal(code(403), 'GDAP_PERMISSION_DENIED');
    assert.equal(code(404), 'GDAP_NOT_FOUND');
    assert.equal(code(412), 'GDAP_STALE');
    assert.equal(code(429), 'GDAP_THROTTLED');
    assert.equal(code(503), 'GDAP_UNAVAILABLE');
    assert.match(ERROR_MESSAGES.GDAP_PERMISSION_DENIED, /Admin Agent/);
  });

  it('quotes Graph’s own words for a refused request, and says what was being done', () => {
    const error = gdapFailure(
      graphError(400, 'Only a relationship in the created status can be locked for approval.'),
      'locking the relationship for approval',
    );
    assert.equal(error.code, 'GDAP_REJECTED');
    assert.match(
      error.userMessage,
      /refused locking the relationship for approval\. Microsoft said: “Only a relationship/,
    );
  });

  it('treats an unreachable host as unavailable, not as the user’s fault', () => {
    const error = gdapFailure(new TypeError('fetch failed'), 'reading the relationship');
    assert.equal(error.code, 'GDAP_UNAVAILABLE');
    assert.match(error.userMessage, /while reading the relationship/);
  });

  it('passes an AppError through unchanged', () => {
    const original = new AppError('SIGN_IN_REQUIRED');
    assert.equal(gdapFailure(original, 'anything'), original);
  });
});

describe('customerAccessFailure', () => {
  const code = (error: unknown) => customerAccessFailure(error, 'tenant-1').code;

  it('finds the AADSTS code behind a refused silent token', () => {
    assert.equal(
      code(refusedToken('AADSTS65001: The user or administrator has not consented')),
      'CUSTOMER_CONSENT_MISSING',
    );
    for (const aadsts of ['AADSTS50076', 'AADSTS50020', 'AADSTS50177', 'AADSTS53003']) {
      assert.equal(code(refusedToken(`${aadsts}: blocked`)), 'CUSTOMER_CONDITIONAL_ACCESS', aadsts);
    }
    assert.equal(
      code(refusedToken('AADSTS50034: The user account does not exist')),
      'CUSTOMER_ACCESS_EXPIRED',
    );
  });

  it('recognizes the symptoms MSPs see in Graph answers', () => {
    assert.equal(code(graphError(401, 'User was not found.')), 'CUSTOMER_ACCESS_EXPIRED');
    assert.equal(code(graphError(401, 'Unsupported token.')), 'CUSTOMER_ACCESS_UNASSIGNED');
    assert.equal(code(graphError(401, 'Provide valid credential.')), 'CUSTOMER_ACCESS_NOT_IN_GROUP');
    assert.equal(code(graphError(403, 'The user is a guest in this tenant')), 'CUSTOMER_ACCESS_NOT_IN_GROUP');
  });

  it('each explanation carries its fix', () => {
    assert.match(ERROR_MESSAGES.CUSTOMER_CONDITIONAL_ACCESS, /exclude "Service Provider Users"/);
    assert.match(ERROR_MESSAGES.CUSTOMER_ACCESS_UNASSIGNED, /Create the access assignments/);
    assert.match(ERROR_MESSAGES.CUSTOMER_ACCESS_EXPIRED, /approval link/);
  });

  it('leaves other failures to the general rules', () => {
    assert.equal(code(new AppError('SETUP_REQUIRED')), 'SETUP_REQUIRED');
    assert.equal(code(graphError(503, 'busy')), 'GDAP_UNAVAILABLE');
  });
});

describe('consentFailure', () => {
  const failure = (status: number, description: string) =>
    consentFailure({ status, body: JSON.stringify({ code: 'X', description }) }, 'tenant-1');

  it('Partner Center’s MFA refusal asks the admin to sign in again with MFA', () => {
    assert.equal(failure(401, 'Multi-factor authentication (MFA) is required').code, 'PARTNER_MFA_REQUIRED');
  });

  it('a 400 during consent points at Conditional Access, quoting Partner Center', () => {
    const error = failure(400, 'Something about the customer');
    assert.equal(error.code, 'CUSTOMER_CONDITIONAL_ACCESS');
    assert.match(
      error.userMessage,
      /Service Provider Users.*Partner Center said: “Something about the customer”/,
    );
  });

  it('403 and 404 say what Partner Center needs', () => {
    assert.match(failure(403, 'no relationship').userMessage, /Admin Agent.*active GDAP relationship/);
    assert.match(failure(404, 'not found').userMessage, /CSP customers/);
  });

  it('a plain-text body is quoted as it came', () => {
    const error = consentFailure({ status: 418, body: 'teapot' }, 'tenant-1');
    assert.equal(error.code, 'CONSENT_FAILED');
    assert.match(error.userMessage, /“teapot”/);
  });
});
