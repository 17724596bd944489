// Signs the partner admin in: authorization code + PKCE through MSAL, silent refresh from the sealed cache, sign-out.
import {
  AuthError,
  CryptoProvider,
  InteractionRequiredAuthError,
  type AccountInfo,
  type ICachePlugin,
} from '@azure/msal-node';
import { AppError } from '../errors.js';
import type { SecretBox } from '../crypto/secretBox.js';
import { GRAPH_SIGN_IN_SCOPES } from '../settings/permissionCatalog.js';
import type { AppRegistration } from '../settings/integrationSettings.js';
import type { PendingSignIn } from '../store/storeData.js';
import { homeTenantAccount, homeTenantOf } from './homeTenant.js';
import { MsalClientPool, type ProductApp } from './msalClientPool.js';
import type { NewPendingSignIn, PendingSignIns } from './pendingSignIns.js';
import { signInFailure, signInFailureFromMsal } from './signInErrors.js';
import { toSignInResult, type SignInResult } from './signInResult.js';
import { SsoTokenExchange, type SsoExchangeInput } from './ssoTokenExchange.js';

export interface SignInServiceDeps {
  /** https://login.microsoftonline.com, or the sandbox's https://127.0.0.1:PORT */
  authorityHost: string;
  /** Where browsers reach the bot: /auth/start and /auth/callback live under it. */
  publicBaseUrl: string;
  productApp?: ProductApp;
  /** Where sign-ins wait for their callback and the tokens are kept: shared by every instance of the bot. */
  storage: SignInStorage;
  box: SecretBox;
  now?: () => Date;
  /** Teams SSO: the Application ID URI in webApplicationInfo, accepted as the SSO token's audience. */
  ssoResource?: string;
}

export interface SignInStorage {
  pending: PendingSignIns;
  /** MSAL's cache plugin over the sealed token cache. */
  tokenCache: ICachePlugin;
}

export type StartSignInInput = NewPendingSignIn;

/** What /auth/callback receives in its query string. */
export interface SignInCallback {
  state: string;
  code?: string;
  error?: string;
  errorDescription?: string;
}

export interface CompletedSignIn {
  pending: Omit<PendingSignIn, 'verifier'>;
  result: SignInResult;
}

const VERIFIER_CONTEXT = 'pkce-verifier';
// MSAL adds openid and profile itself; offline_access is named so the refresh token is obviously asked for.
const SIGN_IN_SCOPES = [...GRAPH_SIGN_IN_SCOPES, 'offline_access'];

export class SignInService {
  readonly #deps: SignInServiceDeps;
  readonly #clients: MsalClientPool;
  readonly #pending: PendingSignIns;
  readonly #sso: SsoTokenExchange;
  readonly #accounts = new Map<string, AccountInfo>();

  constructor(deps: SignInServiceDeps) {
    this.#deps = { ...deps, publicBaseUrl: deps.publicBaseUrl.replace(/\/+$/, '') };
    this.#clients = new MsalClientPool({ ...deps, tokenCache: deps.storage.tokenCache });
    this.#pending = deps.storage.pending;
    this.#sso = new SsoTokenExchange({
      authorityHost: deps.authorityHost,
      clients: this.#clients,
      ssoResource: deps.ssoResource,
    });
  }

  get redirectUri(): string {
    return `${this.#deps.publicBaseUrl}/auth/callback`;
  }

  async createPending(input: StartSignInInput): Promise<{ startUrl: string }> {
    const state = await this.#pending.create(input);
    return { startUrl: `${this.#deps.publicBaseUrl}/auth/start?state=${encodeURIComponent(state)}` };
  }

  /** For GET /auth/start: the authority's authorize URL with a fresh PKCE challenge. */
  async authorizeUrl(state: string): Promise<string> {
    const pending = this.#pending.find(state);
    const pkce = await new CryptoProvider().generatePkceCodes();
    await this.#pending.attachVerifier(state, this.#deps.box.seal(pkce.verifier, VERIFIER_CONTEXT));
    return this.#clients.withClient(pending.appRegistration, (client) =>
      client.getAuthCodeUrl({
        authority: this.#clients.authority(pending.tenantId),
        scopes: SIGN_IN_SCOPES,
        redirectUri: this.redirectUri,
        state,
        codeChallenge: pkce.challenge,
        codeChallengeMethod: 'S256',
        // MSAL drops login_hint when prompt is select_account, so a hinted sign-in goes without the account picker.
        ...(pending.loginHint ? { loginHint: pending.loginHint } : { prompt: 'select_account' }),
      }),
    );
  }

  /** For GET /auth/callback: redeems the code once; the pending sign-in is gone afterwards whatever happens. */
  async complete(callback: SignInCallback): Promise<CompletedSignIn> {
    const { verifier, ...pending } = await this.#pending.take(callback.state);
    try {
      return { pending, result: await this.#redeem(callback, pending, verifier) };
    } catch (error) {
      // The conversation the sign-in came from still needs to hear why it failed.
      if (error instanceof AppError) Object.assign(error, { pending });
      throw error;
    }
  }

  async #redeem(
    callback: SignInCallback,
    pending: Omit<PendingSignIn, 'verifier'>,
    verifier: PendingSignIn['verifier'],
  ): Promise<SignInResult> {
    if (callback.error || !callback.code) {
      throw signInFailure({
        error: callback.error ?? 'missing_code',
        description: callback.errorDescription,
        redirectUri: this.redirectUri,
      });
    }
    // /auth/start was never opened for this state, so there is no PKCE verifier to redeem the code with.
    if (!verifier) throw new AppError('SIGN_IN_EXPIRED', 'callback without a started sign-in');
    const code = callback.code;
    const codeVerifier = this.#deps.box.open(verifier, VERIFIER_CONTEXT);
    try {
      const result = await this.#clients.withClient(pending.appRegistration, (client) =>
        client.acquireTokenByCode({
          authority: this.#clients.authority(pending.tenantId),
          code,
          scopes: SIGN_IN_SCOPES,
          redirectUri: this.redirectUri,
          codeVerifier,
        }),
      );
      return toSignInResult(result);
    } catch (error) {
      throw signInFailureFromMsal(error, this.redirectUri);
    }
  }

  /** The sign-in a failed `complete` belonged to, when it got that far. */
  static pendingOf(error: unknown): Omit<PendingSignIn, 'verifier'> | undefined {
    return (error as { pending?: Omit<PendingSignIn, 'verifier'> } | undefined)?.pending;
  }

  /**
   * A fresh access token from the cached refresh token; SIGN_IN_REQUIRED when there is none left. `tenantId`
   * names another tenant to get the token for (a customer tenant reached through GDAP); default: the account's.
   */
  async acquireTokenSilently(
    homeAccountId: string,
    appRegistration: AppRegistration,
    scopes: readonly string[] = GRAPH_SIGN_IN_SCOPES,
    tenantId?: string,
    /** Use the refresh token even while a cached access token is valid: proves the sign-in still holds. */
    options: { forceRefresh?: boolean } = {},
  ): Promise<SignInResult> {
    // Looking the account up loads the stored cache into this MSAL client, but MSAL rebuilds every tenant
    // profile against every cached id token to do it: with tokens for hundreds of customer tenants that is
    // the bulk of each call. The account is the same every time, so it is looked up once per client.
    const key = `${appRegistration.kind === 'own' ? appRegistration.clientId : 'product'}|${homeAccountId}`;
    try {
      const result = await this.#clients.withClient(appRegistration, async (client) => {
        let account = this.#accounts.get(key);
        if (!account) {
          account = homeTenantAccount(await client.getTokenCache().getAllAccounts(), homeAccountId);
          if (!account) throw new AppError('SIGN_IN_REQUIRED', 'no cached account for this sign-in');
          this.#accounts.set(key, account);
        }
        return client.acquireTokenSilent({
          account,
          scopes: [...scopes],
          authority: this.#clients.authority(tenantId ?? homeTenantOf(account)),
          ...(options.forceRefresh ? { forceRefresh: true } : {}),
        });
      });
      return toSignInResult(result);
    } catch (error) {
      if (
        error instanceof InteractionRequiredAuthError ||
        (error instanceof AuthError && isGrantRefusal(error))
      ) {
        throw new AppError('SIGN_IN_REQUIRED', `silent refresh refused: ${error.errorCode}`, {
          cause: error,
        });
      }
      throw error;
    }
  }

  /** Forgets the account and every token cached for it, under any client id. */
  async signOut(homeAccountId: string): Promise<void> {
    for (const key of [...this.#accounts.keys()])
      if (key.endsWith(`|${homeAccountId}`)) this.#accounts.delete(key);
    await this.#clients.withCacheClient(async (client) => {
      const cache = client.getTokenCache();
      const account = await cache.getAccountByHomeId(homeAccountId);
      if (account) await cache.removeAccount(account);
    });
  }

  /** Teams SSO: validates the token Teams sent and exchanges it on behalf of the user (see SsoTokenExchange). */
  exchangeSsoToken(input: SsoExchangeInput): Promise<SignInResult> {
    return this.#sso.exchangeSsoToken(input);
  }

  /**
   * Teams SSO for the sign-in this user started in this conversation. It is used up only when the
   * exchange works: otherwise Teams shows the card's button, whose link must still be good.
   */
  async completeWithSso(
    userAadId: string,
    conversationId: string,
    ssoToken: string,
  ): Promise<CompletedSignIn> {
    const { verifier: _unused, ...pending } = this.#pending.findFor(userAadId, conversationId);
    const result = await this.#sso.exchangeSsoToken({ ssoToken, appRegistration: pending.appRegistration });
    await this.#pending.takeFor(userAadId, conversationId);
    return { pending, result };
  }
}

// MSAL reports a missing or revoked refresh token as invalid_grant, or as no_tokens_found when nothing is cached.
function isGrantRefusal(error: AuthError): boolean {
  return ['invalid_grant', 'no_tokens_found', 'refresh_token_expired', 'interaction_required'].includes(
    error.errorCode,
  );
}
