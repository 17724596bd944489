// Teams SSO: checks the token Teams hands the bot, then trades it on behalf of the user for Graph tokens.
import { AuthError } from '@azure/msal-node';
import { createRemoteJWKSet, decodeJwt, jwtVerify, type JWTPayload } from 'jose';
import { AppError, isAppError } from '../errors.js';
import { GRAPH_SIGN_IN_SCOPES } from '../settings/permissionCatalog.js';
import type { AppRegistration } from '../settings/integrationSettings.js';
import type { MsalClientPool } from './msalClientPool.js';
import { fetchOpenIdConfiguration } from './openIdDiscovery.js';
import { firstLine } from './signInErrors.js';
import { toSignInResult, type SignInResult } from './signInResult.js';

export interface SsoTokenExchangeDeps {
  authorityHost: string;
  clients: MsalClientPool;
  /** The Application ID URI from webApplicationInfo (api://…/<client id>), if it is not api://<client id>. */
  ssoResource?: string;
}

export interface SsoExchangeInput {
  ssoToken: string;
  /** The app in webApplicationInfo: the SSO token must be issued for it, and it redeems the token. */
  appRegistration: AppRegistration;
}

const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

type TenantKeys = { issuer: string; jwks: ReturnType<typeof createRemoteJWKSet> };

export class SsoTokenExchange {
  readonly #deps: SsoTokenExchangeDeps;
  readonly #tenants = new Map<string, Promise<TenantKeys>>();

  constructor(deps: SsoTokenExchangeDeps) {
    this.#deps = deps;
  }

  /** SSO_FAILED for any refusal, so the caller answers Teams with 412 and falls back to the sign-in button. */
  async exchangeSsoToken({ ssoToken, appRegistration }: SsoExchangeInput): Promise<SignInResult> {
    let claims: JWTPayload;
    try {
      claims = await this.#verify(ssoToken, this.#deps.clients.clientIdFor(appRegistration));
    } catch (error) {
      throw ssoFailed('the SSO token is not valid', error);
    }
    const tenantId = String(claims.tid);
    try {
      const result = await this.#deps.clients.withClient(appRegistration, (client) =>
        client.acquireTokenOnBehalfOf({
          oboAssertion: ssoToken,
          scopes: [...GRAPH_SIGN_IN_SCOPES],
          authority: this.#deps.clients.authority(tenantId),
        }),
      );
      if (!result) throw new Error('no token in the on-behalf-of answer');
      return toSignInResult(result);
    } catch (error) {
      const reason =
        error instanceof AuthError ? `${error.errorCode}: ${error.errorMessage}` : 'exchange failed';
      throw ssoFailed(`on-behalf-of refused (${firstLine(reason)})`, error);
    }
  }

  async #verify(token: string, clientId: string): Promise<JWTPayload> {
    const tenantId = decodeJwt(token).tid;
    if (typeof tenantId !== 'string' || !GUID.test(tenantId)) throw new Error('no tenant id in the token');
    const { issuer, jwks } = await this.#tenantKeys(tenantId);
    // Teams sends v1.0 tokens (sts.windows.net issuer) unless the app's manifest asks for v2.0; the keys are the same.
    const { payload } = await jwtVerify(token, jwks, {
      issuer: [issuer, `https://sts.windows.net/${tenantId}/`],
      algorithms: ['RS256'],
    });
    const audience = typeof payload.aud === 'string' ? payload.aud : '';
    if (!this.#acceptedAudience(audience, clientId)) throw new Error(`audience ${audience} is not this app`);
    return payload;
  }

  #acceptedAudience(audience: string, clientId: string): boolean {
    const id = clientId.toLowerCase();
    const aud = audience.toLowerCase();
    if (aud === id || aud === this.#deps.ssoResource?.toLowerCase()) return true;
    // Application ID URIs look like api://<client id> or api://<host>/botid-<client id>.
    return aud.startsWith('api://') && aud.endsWith(id);
  }

  #tenantKeys(tenantId: string): Promise<TenantKeys> {
    let keys = this.#tenants.get(tenantId);
    if (!keys) {
      keys = fetchOpenIdConfiguration(this.#deps.authorityHost, tenantId).then((configuration) => {
        if (!configuration) throw new Error(`the authority does not know tenant ${tenantId}`);
        return { issuer: configuration.issuer, jwks: createRemoteJWKSet(new URL(configuration.jwks_uri)) };
      });
      // A failed lookup is not remembered, so the next SSO attempt asks again.
      keys.catch(() => this.#tenants.delete(tenantId));
      this.#tenants.set(tenantId, keys);
    }
    return keys;
  }
}

function ssoFailed(detail: string, cause: unknown): AppError {
  if (isAppError(cause, 'SSO_FAILED')) return cause;
  const why = cause instanceof Error && !(cause instanceof AuthError) ? `: ${cause.message}` : '';
  return new AppError('SSO_FAILED', `${detail}${why}`, { cause });
}
