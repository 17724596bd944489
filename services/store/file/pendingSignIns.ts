// Sign-ins started from a card: kept under the SHA-256 of their state (the state itself is never stored), single use, ten minutes.
import type { NewPendingSignIn, PendingSignIns } from '../../auth/pendingSignIns.js';
import { createHash, randomBytes } from 'node:crypto';
import { AppError } from '../../errors.js';
import type { Sealed } from '../../crypto/secretBox.js';
import type { AppStore } from '../appStore.js';
import type { PendingSignIn } from '../storeData.js';

export const SIGN_IN_LIFETIME_MS = 10 * 60_000;
// 32 random bytes in base64url; anything else cannot be one of ours.
const STATE_SHAPE = /^[A-Za-z0-9_-]{43}$/;

export function stateKey(state: string): string {
  return createHash('sha256').update(state).digest('hex');
}

export class FilePendingSignIns implements PendingSignIns {
  readonly #store: AppStore;
  readonly #now: () => Date;

  constructor(store: AppStore, now: () => Date) {
    this.#store = store;
    this.#now = now;
  }

  /** Stores a new sign-in and returns its state; an older one for the same user and conversation is dropped. */
  async create(input: NewPendingSignIn): Promise<string> {
    const state = randomBytes(32).toString('base64url');
    const now = this.#now();
    const record: PendingSignIn = {
      ...input,
      createdAt: now.toISOString(),
      expiresAt: new Date(now.getTime() + SIGN_IN_LIFETIME_MS).toISOString(),
    };
    await this.#store.update((data) => {
      for (const [key, pending] of Object.entries(data.signIns)) {
        const sameUser =
          pending.userAadId === input.userAadId && pending.conversationId === input.conversationId;
        if (sameUser || this.#expired(pending)) delete data.signIns[key];
      }
      data.signIns[stateKey(state)] = record;
    });
    return state;
  }

  /** The live sign-in for this state; SIGN_IN_EXPIRED when it is unknown, used or too old. */
  find(state: string): PendingSignIn {
    const pending = STATE_SHAPE.test(state) ? this.#store.data.signIns[stateKey(state)] : undefined;
    if (!pending || this.#expired(pending)) throw expired();
    return structuredClone(pending);
  }

  async attachVerifier(state: string, verifier: Sealed): Promise<void> {
    this.find(state);
    await this.#store.update((data) => {
      const pending = data.signIns[stateKey(state)];
      // Taken by a callback while this request waited for the store.
      if (!pending) throw expired();
      pending.verifier = verifier;
    });
  }

  /** Removes the sign-in before anything else happens with it, so a state works once even if redeeming fails. */
  async take(state: string): Promise<PendingSignIn> {
    if (!STATE_SHAPE.test(state)) throw expired();
    const key = stateKey(state);
    if (!this.#store.data.signIns[key]) throw expired();
    const pending = await this.#store.update((data) => {
      const found = data.signIns[key];
      delete data.signIns[key];
      return found;
    });
    if (!pending || this.#expired(pending)) throw expired();
    return pending;
  }

  /** The live sign-in of this user in this conversation (Teams SSO has no state to name it by). */
  findFor(userAadId: string, conversationId: string): PendingSignIn {
    const pending = Object.values(this.#store.data.signIns).find(
      (candidate) => candidate.userAadId === userAadId && candidate.conversationId === conversationId,
    );
    if (!pending || this.#expired(pending)) throw expired();
    return structuredClone(pending);
  }

  /** Takes the live sign-in of this user in this conversation, so it cannot be used again. */
  async takeFor(userAadId: string, conversationId: string): Promise<PendingSignIn> {
    const pending = await this.#store.update((data) => {
      for (const [key, candidate] of Object.entries(data.signIns)) {
        if (candidate.userAadId !== userAadId || candidate.conversationId !== conversationId) continue;
        delete data.signIns[key];
        return candidate;
      }
      return undefined;
    });
    if (!pending || this.#expired(pending)) throw expired();
    return pending;
  }

  #expired(pending: PendingSignIn): boolean {
    return Date.parse(pending.expiresAt) <= this.#now().getTime();
  }
}

function expired(): AppError {
  return new AppError('SIGN_IN_EXPIRED', 'unknown, used or expired sign-in state');
}
