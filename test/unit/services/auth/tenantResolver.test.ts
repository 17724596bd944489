// The partner tenant as an admin types it: a domain or a tenant id, checked against the authority's discovery document.
import assert from 'node:assert/strict';
import { isAppError } from '../../../../services/errors.js';
import { startSandbox, type RunningSandbox } from '../../../../sandbox/sandboxServer.js';
import { resolveTenantId } from '../../../../services/auth/tenantResolver.js';
import { trustCertificateAuthority } from '../../../../services/http/trustCertificateAuthority.js';

describe('resolveTenantId', () => {
  let sandbox: RunningSandbox;

  before(async () => {
    sandbox = await startSandbox();
    trustCertificateAuthority(sandbox.caCertPem);
  });
  after(() => sandbox.close());

  const identityRequests = () =>
    sandbox.requests.filter((entry) => entry.path.includes('openid-configuration')).length;

  it('resolves the partner’s primary domain to its tenant id', async () => {
    assert.equal(
      await resolveTenantId(sandbox.authorityHost, ' ContosoIT.onmicrosoft.com '),
      sandbox.partnerTenantId,
    );
  });

  it('resolves any tenant’s domain, not only the partner’s', async () => {
    const customer = sandbox.state.customers[3];
    assert.equal(await resolveTenantId(sandbox.authorityHost, customer.defaultDomainName), customer.tenantId);
  });

  it('accepts a tenant id in any case once the authority knows it', async () => {
    assert.equal(
      await resolveTenantId(sandbox.authorityHost, sandbox.partnerTenantId.toUpperCase()),
      sandbox.partnerTenantId,
    );
  });

  it('says plainly when no tenant has that domain or id', async () => {
    for (const input of ['contosoitt.onmicrosoft.com', '00000000-1111-2222-3333-444444444444']) {
      await assert.rejects(resolveTenantId(sandbox.authorityHost, input), (error) => {
        assert.ok(isAppError(error, 'TENANT_NOT_FOUND'));
        assert.equal(
          error.userMessage,
          `We could not find a Microsoft tenant for '${input}'. Check the spelling, or enter the tenant id (a GUID) from the Entra admin center's Overview page.`,
        );
        return true;
      });
    }
  });

  it('refuses input that is neither a domain nor a tenant id without asking the authority', async () => {
    const before = identityRequests();
    for (const input of [
      '',
      'contoso',
      'not a domain.com',
      'https://contoso.com',
      'x'.repeat(300) + '.com',
    ]) {
      await assert.rejects(resolveTenantId(sandbox.authorityHost, input), (error) =>
        isAppError(error, 'TENANT_INVALID'),
      );
    }
    assert.equal(identityRequests(), before);
  });

  it('tells an unreachable authority apart from an unknown tenant', async () => {
    await assert.rejects(resolveTenantId('https://127.0.0.1:1', 'contosoit.onmicrosoft.com'), (error) =>
      isAppError(error, 'TENANT_LOOKUP_FAILED'),
    );
  });
});
