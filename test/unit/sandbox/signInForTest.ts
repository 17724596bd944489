// Test helper: gets sandbox tokens with plain HTTP (code + PKCE, or client credentials) for tests that are not about MSAL.
import { createHash, randomBytes } from 'node:crypto';
import type { RunningSandbox } from '../../../sandbox/sandboxServer.js';

export const TEST_REDIRECT_URI = 'http://localhost:3978/auth/callback';
export const GRAPH_DEFAULT_SCOPE = 'https://graph.microsoft.com/.default';

async function tokenRequest(
  sandbox: RunningSandbox,
  tenant: string,
  form: Record<string, string>,
): Promise<Record<string, string>> {
  const response = await fetch(`${sandbox.authorityHost}/${tenant}/oauth2/v2.0/token`, {
    method: 'POST',
    body: new URLSearchParams({ client_id: sandbox.clientId, client_secret: sandbox.clientSecret, ...form }),
  });
  const body = (await response.json()) as Record<string, string>;
  if (!response.ok) throw new Error(`token request failed: ${body.error_description}`);
  return body;
}

export async function signInAs(
  sandbox: RunningSandbox,
  options: { loginHint?: string; scope?: string; tenant?: string } = {},
): Promise<string> {
  const tenant = options.tenant ?? sandbox.partnerTenantId;
  const scope = options.scope ?? `${GRAPH_DEFAULT_SCOPE} openid profile offline_access`;
  const verifier = randomBytes(32).toString('base64url');
  const authorizeUrl = new URL(`${sandbox.authorityHost}/${tenant}/oauth2/v2.0/authorize`);
  authorizeUrl.search = new URLSearchParams({
    client_id: sandbox.clientId,
    response_type: 'code',
    redirect_uri: TEST_REDIRECT_URI,
    scope,
    code_challenge: createHash('sha256').update(verifier).digest('base64url'),
    code_challenge_method: 'S256',
    ...(options.loginHint ? { login_hint: options.loginHint } : {}),
  }).toString();
  const redirect = await fetch(authorizeUrl, { redirect: 'manual' });
  const code = new URL(redirect.headers.get('location') ?? '').searchParams.get('code');
  if (!code) throw new Error(`sign-in did not return a code: ${redirect.headers.get('location')}`);
  const body = await tokenRequest(sandbox, tenant, {
    grant_type: 'authorization_code',
    code,
    redirect_uri: TEST_REDIRECT_URI,
    code_verifier: verifier,
    scope,
  });
  return body.access_token;
}

export async function appOnlyToken(sandbox: RunningSandbox): Promise<string> {
  const body = await tokenRequest(sandbox, sandbox.partnerTenantId, {
    grant_type: 'client_credentials',
    scope: GRAPH_DEFAULT_SCOPE,
  });
  return body.access_token;
}

export function userPrincipalName(sandbox: RunningSandbox, displayName: string): string {
  const user = sandbox.state.users.find((candidate) => candidate.displayName === displayName);
  if (!user) throw new Error(`no seed user ${displayName}`);
  return user.userPrincipalName;
}
