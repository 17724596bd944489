// What the sign-in endpoints share: the live state, the signing key, issued grants and the app's generated secret.
import type { SandboxState } from '../sandboxState.js';
import type { TokenSigner } from '../tokenSigner.js';
import type { GrantStore } from './grantStore.js';

export interface IdentityContext {
  state: SandboxState;
  signer: TokenSigner;
  grants: GrantStore;
  baseUrl: string;
  clientSecret: string;
}
