// Reads an authority's OpenID Connect discovery document for one tenant, named by id or by domain.
import { AppError } from '../errors.js';

export interface OpenIdConfiguration {
  issuer: string;
  jwks_uri: string;
  authorization_endpoint: string;
  token_endpoint: string;
}

const TIMEOUT_MS = 10_000;

export function authorityUrl(authorityHost: string, tenant: string): string {
  return `${authorityHost.replace(/\/+$/, '')}/${encodeURIComponent(tenant)}`;
}

/**
 * Returns undefined when the authority says the tenant does not exist (Entra answers 400 AADSTS90002);
 * throws TENANT_LOOKUP_FAILED when the authority cannot be asked.
 */
export async function fetchOpenIdConfiguration(
  authorityHost: string,
  tenant: string,
): Promise<OpenIdConfiguration | undefined> {
  const url = `${authorityUrl(authorityHost, tenant)}/v2.0/.well-known/openid-configuration`;
  let response: Response;
  try {
    response = await fetch(url, { signal: AbortSignal.timeout(TIMEOUT_MS) });
  } catch (cause) {
    throw new AppError('TENANT_LOOKUP_FAILED', `GET ${url}: ${(cause as Error).message}`, { cause });
  }
  if (response.status >= 400 && response.status < 500) return undefined;
  const body = (await response.json().catch(() => undefined)) as Partial<OpenIdConfiguration> | undefined;
  if (!response.ok || typeof body?.issuer !== 'string' || typeof body.jwks_uri !== 'string') {
    throw new AppError(
      'TENANT_LOOKUP_FAILED',
      `GET ${url}: HTTP ${response.status} without a discovery document`,
    );
  }
  return body as OpenIdConfiguration;
}
