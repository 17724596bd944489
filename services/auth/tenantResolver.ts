// Turns what an admin types as the partner tenant (a domain or a tenant id) into the tenant id.
import { AppError } from '../errors.js';
import { fetchOpenIdConfiguration } from './openIdDiscovery.js';

const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const DOMAIN = /^(?=.{4,253}$)([a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,63}$/i;
// Entra resolves outlook.com, hotmail.com and the like to the tenant of personal Microsoft accounts.
const PERSONAL_ACCOUNTS_TENANT = '9188040d-6c67-4c5b-b112-36a304b66dad';

export async function resolveTenantId(authorityHost: string, input: string): Promise<string> {
  const tenant = input.trim().toLowerCase();
  if (!GUID.test(tenant) && !DOMAIN.test(tenant)) {
    throw new AppError('TENANT_INVALID', `not a domain or tenant id: ${JSON.stringify(input)}`);
  }
  // A tenant id is looked up too, so a mistyped GUID is caught here rather than at sign-in.
  const configuration = await fetchOpenIdConfiguration(authorityHost, tenant);
  const tenantId = configuration?.issuer.match(
    /\/([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})(?:\/|$)/i,
  )?.[1];
  if (!tenantId) {
    throw new AppError('TENANT_NOT_FOUND', `no tenant for ${tenant}`, {
      userMessage: `We could not find a Microsoft tenant for '${tenant}'. Check the spelling, or enter the tenant id (a GUID) from the Entra admin center's Overview page.`,
    });
  }
  if (tenantId === PERSONAL_ACCOUNTS_TENANT) {
    throw new AppError('TENANT_NOT_FOUND', `${tenant} is a personal Microsoft account domain`, {
      userMessage: `'${tenant}' belongs to personal Microsoft accounts, not to an organisation. Enter your partner tenant's domain (for example contoso.onmicrosoft.com).`,
    });
  }
  return tenantId.toLowerCase();
}
