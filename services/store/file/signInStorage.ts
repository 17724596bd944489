// Sign-in storage in the file store: pending sign-ins and the sealed MSAL token cache, in the one JSON document.
import type { SecretBox } from '../../crypto/secretBox.js';
import type { SignInStorage } from '../../auth/signInService.js';
import type { AppStore } from '../appStore.js';
import { FilePendingSignIns } from './pendingSignIns.js';
import { FileTokenCache } from './tokenCache.js';

export function fileSignInStorage(
  store: AppStore,
  box: SecretBox,
  now: () => Date = () => new Date(),
): SignInStorage {
  return { pending: new FilePendingSignIns(store, now), tokenCache: new FileTokenCache(store, box) };
}
