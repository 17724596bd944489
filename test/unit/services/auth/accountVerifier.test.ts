// Who may authorize the integration: each sandbox user that is wrong for it gets exactly its problems, with the fix.
import assert from 'node:assert/strict';
import { verifyPartnerAccount } from '../../../../services/auth/accountVerifier.js';
import type { SignInResult } from '../../../../services/auth/signInResult.js';
import { createGraphClient } from '../../../../services/graph/graphClientFactory.js';
import { signInInBrowser, startAuthHarness, type AuthHarness } from './authHarness.js';

describe('verifyPartnerAccount', () => {
  let harness: AuthHarness;

  before(async () => {
    harness = await startAuthHarness();
  });
  after(() => harness.sandbox.close());

  async function signIn(displayName?: string, tenantId?: string): Promise<SignInResult> {
    const service = harness.service();
    const loginHint = displayName ? harness.upn(displayName) : undefined;
    const { callback } = await signInInBrowser(harness, service, { loginHint, tenantId });
    return (await service.complete(callback)).result;
  }

  function verify(result: SignInResult, getAccessToken = async () => result.accessToken) {
    return verifyPartnerAccount({
      accessTokenClaims: result.accessTokenClaims,
      idTokenClaims: result.claims,
      partnerTenantId: harness.sandbox.partnerTenantId,
      graph: createGraphClient({ graphBaseUrl: harness.sandbox.graphBaseUrl, getAccessToken }),
    });
  }

  const problemsOf = async (displayName: string) => {
    const verification = await verify(await signIn(displayName));
    assert.equal(verification.ok, false);
    return verification.ok ? [] : verification.problems;
  };

  it('accepts the partner admin who is an Admin Agent and signed in with MFA, with the tenant’s name', async () => {
    const megan = harness.sandbox.state.defaultUser;
    assert.deepEqual(await verify(await signIn()), {
      ok: true,
      account: {
        oid: megan.id,
        upn: megan.userPrincipalName,
        displayName: megan.displayName,
        tenantId: harness.sandbox.partnerTenantId,
        adminRole: 'Admin Agent',
      },
      // Read from Graph's /organization, for the messages the bot writes to customers.
      partnerTenantName: harness.sandbox.state.partnerTenant.displayName,
    });
  });

  it('refuses a sign-in without MFA and says how to turn it on', async () => {
    assert.deepEqual(await problemsOf('Alex Wilber'), [
      {
        code: 'NO_MFA',
        title: 'The sign-in did not use multi-factor authentication',
        detail: "Your sign-in did not use multi-factor authentication. Microsoft's partner APIs require it.",
        fix: 'Turn on MFA for this account (Security defaults or a Conditional Access policy) and sign in again with MFA.',
      },
    ]);
  });

  it('refuses a guest, and reports its missing role in the same answer', async () => {
    const problems = await problemsOf('Diego Siciliani');
    assert.deepEqual(
      problems.map((problem) => problem.code),
      ['GUEST', 'MISSING_ROLE'],
    );
    assert.match(
      problems[0].detail,
      /diego\.siciliani_fabrikam\.com#EXT#@contosoit\.onmicrosoft\.com is a guest/,
    );
    assert.match(problems[0].fix, /member account created in the partner tenant itself/);
  });

  it('refuses a member without the Admin Agent role and names the role GDAP needs', async () => {
    const problems = await problemsOf('Lee Gu');
    assert.deepEqual(
      problems.map((problem) => problem.code),
      ['MISSING_ROLE'],
    );
    assert.match(
      problems[0].detail,
      /^lee\.gu@contosoit\.onmicrosoft\.com is neither in the AdminAgents group nor a Global Administrator/,
    );
    assert.match(
      problems[0].detail,
      /Creating GDAP relationships .* needs the Partner Center Admin Agent role/,
    );
    assert.match(problems[0].fix, /Admin Agent role/);
  });

  it('refuses an account of another tenant without asking Graph', async () => {
    // Signing in through `organizations` gives the foreign admin a token of their own tenant.
    const pradeep = await signIn('Pradeep Gupta', 'organizations');
    let graphAsked = false;
    const verification = await verify(pradeep, async () => {
      graphAsked = true;
      return pradeep.accessToken;
    });
    assert.equal(graphAsked, false);
    assert.ok(!verification.ok);
    assert.deepEqual(
      verification.problems.map((problem) => problem.code),
      ['WRONG_TENANT'],
    );
    assert.match(verification.problems[0].detail, /pradeep\.gupta@fabrikamsolutions\.onmicrosoft\.com/);
    assert.match(verification.problems[0].detail, new RegExp(harness.sandbox.partnerTenantId));
  });

  it('reads every page of memberships to find the AdminAgents group', async () => {
    // Lee joins AdminAgents, listed after his other group, with one membership per page.
    const { groups } = harness.sandbox.state;
    const adminAgents = groups.find((group) => group.displayName === 'AdminAgents')!;
    const lee = harness.sandbox.state.userByPrincipalName(harness.upn('Lee Gu'))!;
    groups.push(groups.splice(groups.indexOf(adminAgents), 1)[0]);
    adminAgents.memberIds.push(lee.id);
    harness.sandbox.settings.pageSize = 1;
    try {
      const verification = await verify(await signIn('Lee Gu'));
      assert.equal(verification.ok, true);
      const pages = harness.sandbox.requests.filter((entry) => entry.path.startsWith('/v1.0/me/memberOf'));
      assert.ok(pages.at(-1)?.path.includes('skiptoken'), 'the last page read was a second page');
    } finally {
      harness.sandbox.settings.pageSize = undefined;
      adminAgents.memberIds.pop();
      groups.unshift(groups.splice(groups.indexOf(adminAgents), 1)[0]);
    }
  });
});
