// Test helper: the sandbox, an in-memory store and SignInServices over it, plus a browser stand-in that follows the sign-in redirects.
import { Memory } from 'lowdb';
import { startSandbox, type RunningSandbox } from '../../../../sandbox/sandboxServer.js';
import { SignInService, type SignInCallback } from '../../../../services/auth/signInService.js';
import { SecretBox } from '../../../../services/crypto/secretBox.js';
import { trustCertificateAuthority } from '../../../../services/http/trustCertificateAuthority.js';
import type { AppRegistration } from '../../../../services/settings/integrationSettings.js';
import { AppStore } from '../../../../services/store/appStore.js';
import type { ConversationRef, StoreData } from '../../../../services/store/storeData.js';
import { fileSignInStorage } from '../../../../services/store/file/signInStorage.js';

// Never called: the tests read the Location of the sandbox's redirect instead.
export const PUBLIC_BASE_URL = 'http://127.0.0.1:1';
export const PRODUCT_APP: AppRegistration = { kind: 'product' };

export interface AuthHarness {
  sandbox: RunningSandbox;
  store: AppStore;
  box: SecretBox;
  clock: { now: Date; advance(ms: number): void };
  service(options?: { store?: AppStore; box?: SecretBox }): SignInService;
  upn(displayName: string): string;
}

export async function startAuthHarness(): Promise<AuthHarness> {
  const sandbox = await startSandbox();
  trustCertificateAuthority(sandbox.caCertPem);
  const store = await AppStore.open(new Memory<StoreData>());
  const box = new SecretBox(SecretBox.generateKey());
  const clock = {
    now: new Date(),
    advance(ms: number) {
      clock.now = new Date(clock.now.getTime() + ms);
    },
  };
  return {
    sandbox,
    store,
    box,
    clock,
    service: (options = {}) =>
      new SignInService({
        authorityHost: sandbox.authorityHost,
        publicBaseUrl: PUBLIC_BASE_URL,
        productApp: { clientId: sandbox.clientId, clientSecret: sandbox.clientSecret },
        storage: fileSignInStorage(options.store ?? store, options.box ?? box, () => clock.now),
        box: options.box ?? box,
        now: () => clock.now,
      }),
    upn: (displayName) => {
      const user = sandbox.state.users.find((candidate) => candidate.displayName === displayName);
      if (!user) throw new Error(`no sandbox user ${displayName}`);
      return user.userPrincipalName;
    },
  };
}

export function conversationRef(conversationId = 'a:1on1-megan'): ConversationRef {
  return {
    channelId: 'msteams',
    serviceUrl: 'https://smba.trafficmanager.net/emea/',
    conversation: { id: conversationId, conversationType: 'personal' },
    bot: { id: '28:bot' },
    user: { id: '29:megan', aadObjectId: 'user-aad-id' },
  };
}

export interface BrowserSignIn {
  state: string;
  /** The authorize URL /auth/start redirected to. */
  authorizeUrl: URL;
  /** What the authority sent the browser back to /auth/callback with. */
  callback: SignInCallback;
}

/** Presses the sign-in button: createPending, GET /auth/start, then the authority's redirect back. */
export async function signInInBrowser(
  harness: AuthHarness,
  service: SignInService,
  options: {
    loginHint?: string;
    tenantId?: string;
    appRegistration?: AppRegistration;
    conversationId?: string;
  } = {},
): Promise<BrowserSignIn> {
  const conversationId = options.conversationId ?? 'a:1on1-megan';
  const { startUrl } = await service.createPending({
    userAadId: 'user-aad-id',
    conversationId,
    reference: conversationRef(conversationId),
    tenantId: options.tenantId ?? harness.sandbox.partnerTenantId,
    appRegistration: options.appRegistration ?? PRODUCT_APP,
    loginHint: options.loginHint,
  });
  const state = new URL(startUrl).searchParams.get('state') ?? '';
  const authorizeUrl = new URL(await service.authorizeUrl(state));
  const redirect = await fetch(authorizeUrl, { redirect: 'manual' });
  if (redirect.status !== 302)
    throw new Error(`authorize answered ${redirect.status}: ${await redirect.text()}`);
  const back = new URL(redirect.headers.get('location') ?? '');
  const value = (name: string) => back.searchParams.get(name) ?? undefined;
  return {
    state,
    authorizeUrl,
    callback: {
      state: value('state') ?? '',
      code: value('code'),
      error: value('error'),
      errorDescription: value('error_description'),
    },
  };
}
