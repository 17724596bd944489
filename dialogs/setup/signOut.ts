// The sign-out command: forget the authorized account's tokens and the authorization, and say whom it was.
import type { SettingsStore } from '../../services/settings/settingsStore.js';

export interface SignOutDeps {
  settings: Pick<SettingsStore, 'get' | 'clearAuthorization'>;
  /** Deletes the account's tokens from the cache. */
  forgetTokens(homeAccountId: string): Promise<void>;
}

/** Signs the authorized account out; returns the reply. */
export async function signOutAccount(deps: SignOutDeps, by: string): Promise<string> {
  const account = deps.settings.get()?.authorizedAccount;
  if (!account?.homeAccountId) return 'Nobody is signed in.';
  await deps.forgetTokens(account.homeAccountId);
  await deps.settings.clearAuthorization(by);
  return `Signed out ${account.upn}: its tokens are deleted. An MSP administrator runs **setup** to sign in again.`;
}
