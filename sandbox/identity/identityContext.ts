// What the sign-in endpoints share: the live state, the signing key, issued grants, the app's generated secret and the two addresses.
import type { SandboxState } from '../sandboxState.js';
import type { TokenSigner } from '../tokenSigner.js';
import type { GrantStore } from './grantStore.js';

export interface IdentityContext {
  state: SandboxState;
  signer: TokenSigner;
  grants: GrantStore;
  baseUrl: string;
  /** The plain-http loopback address of the pages a browser opens (authorize, logout). */
  signInBaseUrl: string;
  clientSecret: string;
}
