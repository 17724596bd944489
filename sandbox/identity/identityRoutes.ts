// The Entra ID sign-in surface: each endpoint under /{tenant}/, with OAuth errors turned into Entra's JSON answers.
import type { SandboxRequest, SandboxResponse } from '../httpExchange.js';
import { matchRoute, route, type Route } from '../router.js';
import { authorize, logout } from './authorizeRoutes.js';
import type { IdentityContext } from './identityContext.js';
import { OAuthError, oauthErrorResponse } from './oauthError.js';
import { openIdConfiguration, signingKeys } from './openIdRoutes.js';
import { token } from './tokenRoute.js';

export type IdentityHandler = (request: SandboxRequest, context: IdentityContext) => Promise<SandboxResponse>;

// The pages a person's browser opens. They are also served over plain http on loopback, which browsers
// trust as a secure context, because no browser knows the sandbox's throwaway certificate authority.
const browserPageRoutes: readonly Route<IdentityHandler>[] = [
  route('GET', '/:tenant/oauth2/v2.0/authorize', authorize),
  route('GET', '/:tenant/oauth2/v2.0/logout', logout),
];

export const identityRoutes: readonly Route<IdentityHandler>[] = [
  route('GET', '/:tenant/v2.0/.well-known/openid-configuration', openIdConfiguration),
  route('GET', '/:tenant/discovery/v2.0/keys', signingKeys),
  route('POST', '/:tenant/oauth2/v2.0/token', token),
  ...browserPageRoutes,
];

export function isBrowserPage(method: string, pathname: string): boolean {
  return matchRoute(browserPageRoutes, method, pathname).kind === 'found';
}

export async function handleIdentity(
  handler: IdentityHandler,
  request: SandboxRequest,
  context: IdentityContext,
): Promise<SandboxResponse> {
  try {
    return await handler(request, context);
  } catch (error) {
    if (error instanceof OAuthError) return oauthErrorResponse(error);
    throw error;
  }
}
