// Sign-ins started from a card: kept under the SHA-256 of their state (the state itself is never stored), single use, ten minutes.
import type { Sealed } from '../crypto/secretBox.js';
import type { PendingSignIn } from '../store/storeData.js';

export type NewPendingSignIn = Omit<PendingSignIn, 'createdAt' | 'expiresAt' | 'verifier'>;

/** The port the services use; the lowdb-backed file store implements it (services/store/file/pendingSignIns.ts). */
export interface PendingSignIns {
  /** Stores a new sign-in and returns its state; an older one for the same user and conversation is dropped. */
  create(input: NewPendingSignIn): Promise<string>;
  /** The live sign-in for this state; SIGN_IN_EXPIRED when it is unknown, used or too old. */
  find(state: string): PendingSignIn;
  attachVerifier(state: string, verifier: Sealed): Promise<void>;
  /** Removes the sign-in before anything else happens with it, so a state works once even if redeeming fails. */
  take(state: string): Promise<PendingSignIn>;
  /** The live sign-in of this user in this conversation (Teams SSO has no state to name it by). */
  findFor(userAadId: string, conversationId: string): PendingSignIn;
  /** Takes the live sign-in of this user in this conversation, so it cannot be used again. */
  takeFor(userAadId: string, conversationId: string): Promise<PendingSignIn>;
}
