// Test helper: a real SignInService over an in-memory store, with one partner user signed in as setup would leave it.
import { Memory } from 'lowdb';
import type { RunningSandbox } from '../../../../sandbox/sandboxServer.js';
import { SignInService } from '../../../../services/auth/signInService.js';
import { SecretBox } from '../../../../services/crypto/secretBox.js';
import type { TokenSettings } from '../../../../services/gdap/gdapTokens.js';
import { AppStore } from '../../../../services/store/appStore.js';
import type { StoreData } from '../../../../services/store/storeData.js';
import { PRODUCT_APP, PUBLIC_BASE_URL, signInInBrowser, type AuthHarness } from '../auth/authHarness.js';
import { fileSignInStorage } from '../../../../services/store/file/signInStorage.js';

export interface PartnerSignIn {
  signIn: SignInService;
  settings: () => TokenSettings;
  /** The signed-in admin's object id. */
  oid: string;
}

/** Signs `loginHint` (default: the sandbox's default admin, with MFA) in through the browser flow. */
export async function signInPartner(sandbox: RunningSandbox, loginHint?: string): Promise<PartnerSignIn> {
  const store = await AppStore.open(new Memory<StoreData>());
  const box = new SecretBox(SecretBox.generateKey());
  const signIn = new SignInService({
    authorityHost: sandbox.authorityHost,
    publicBaseUrl: PUBLIC_BASE_URL,
    productApp: { clientId: sandbox.clientId, clientSecret: sandbox.clientSecret },
    storage: fileSignInStorage(store, box),
    box,
  });
  // signInInBrowser reads only the sandbox from its harness.
  const harness = { sandbox } as AuthHarness;
  const { callback } = await signInInBrowser(harness, signIn, { loginHint });
  const { result } = await signIn.complete(callback);
  const settings = () => ({
    appRegistration: PRODUCT_APP,
    authorizedAccount: { homeAccountId: result.account.homeAccountId },
  });
  return { signIn, settings, oid: result.account.oid };
}
