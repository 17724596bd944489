// The access kinds of alert for one mapped customer: which one applies (at most one), and the words that say why.
import type { CspCustomer, CustomerRelationship } from '../customers/cspCustomer.js';
import { consentCovers } from '../gdap/consentLedger.js';
import { autoExtends, missingRoleIds, roleNames } from '../gdap/gdapModel.js';
import { ACTIVE_RANK, COMPLETE, chooseRelationship, statusRank } from '../gdap/relationshipChoice.js';
import { statusWords } from '../gdap/statusWords.js';
import type { AccessTestEntry, ConsentEntry } from '../store/storeData.js';
import type { AlertKind } from './alertModel.js';

export type AccessKind = Exclude<AlertKind, 'mapping-conflict' | 'customer-missing'>;

export interface AccessFinding {
  kind: AccessKind;
  /** Dates, never countdowns: the fingerprint is made of it, and a card is redrawn only when it changes. */
  detail: string;
}

export interface AccessRuleOptions {
  roleIds: readonly string[];
  applicationId: string;
  consentScopes: readonly string[];
  /** As the client card's verdict counts it: whole days left ≤ this. Default 30. */
  expiringSoonDays?: number;
  /** Default 7. */
  approvalPendingDays?: number;
}

const DAY_MS = 86_400_000;

const day = (iso: string) => iso.slice(0, 10);
const named = (relationship: CustomerRelationship) => `'${relationship.displayName}'`;

/**
 * Before `limit` (an instant given both as ISO text and as milliseconds). Graph writes UTC ISO stamps ending in
 * Z, which compare as text without parsing (to within a second, when one has no fraction); anything else is
 * parsed. An unreadable stamp is never before anything.
 */
function before(stamp: string, limitIso: string, limitMs: number): boolean {
  if (stamp.length >= 20 && stamp.charCodeAt(stamp.length - 1) === 90 /* Z */) return stamp < limitIso;
  return Date.parse(stamp) < limitMs;
}

/**
 * One per detector run: the settings turned into what a hot loop wants (role ids as indexes, limits as ISO
 * text). Precedence, most urgent first: relationship-ended > roles-missing > approval-pending >
 * relationship-expiring > consent-missing. A customer with no relationship at all is none of these.
 */
export class AccessRules {
  readonly #roleIds: readonly string[];
  /** Lower-case wanted role id → its index in #seen; any other id met → -1. */
  readonly #roleIndex = new Map<string, number>();
  // Which wanted roles one relationship was seen to hold: stamped, not cleared, so checking allocates nothing.
  readonly #seen: Int32Array;
  #stamp = 0;
  readonly #applicationId: string;
  readonly #scopes: readonly string[];
  readonly #expiringIso: string;
  readonly #expiringMs: number;
  readonly #pendingIso: string;
  readonly #pendingMs: number;

  constructor(options: AccessRuleOptions, now: Date) {
    this.#roleIds = options.roleIds;
    let wanted = 0;
    for (const id of options.roleIds) {
      const key = id.toLowerCase();
      if (!this.#roleIndex.has(key)) this.#roleIndex.set(key, wanted++);
    }
    this.#seen = new Int32Array(wanted);
    this.#applicationId = options.applicationId;
    this.#scopes = options.consentScopes;
    // daysLeft rounds down, so "≤ N days left" means ending before now + N + 1 days.
    this.#expiringMs = now.getTime() + ((options.expiringSoonDays ?? 30) + 1) * DAY_MS;
    this.#expiringIso = new Date(this.#expiringMs).toISOString();
    this.#pendingMs = now.getTime() - (options.approvalPendingDays ?? 7) * DAY_MS;
    this.#pendingIso = new Date(this.#pendingMs).toISOString();
  }

  /** The customer's one access problem, or undefined when it has none (the path most customers take). */
  problemOf(
    customer: CspCustomer,
    consent: ConsentEntry | undefined,
    test: AccessTestEntry | undefined,
  ): AccessFinding | undefined {
    const relationships = customer.relationships;
    if (relationships.length === 0) return undefined;
    // chooseRelationship's choice in one pass; ties need its dates, so they are left to it.
    let chosen = relationships[0];
    let chosenScore = this.#score(chosen);
    let tied = false;
    let stalePending: CustomerRelationship | undefined;
    for (let i = 0; i < relationships.length; i++) {
      const relationship = relationships[i];
      if (i > 0) {
        const score = this.#score(relationship);
        if (score > chosenScore) {
          chosen = relationship;
          chosenScore = score;
          tied = false;
        } else if (score === chosenScore) tied = true;
      }
      if (relationship.status === 'approvalPending' && this.#waitedTooLong(relationship, stalePending))
        stalePending = relationship;
    }
    if (tied) chosen = chooseRelationship(relationships, this.#roleIds) ?? chosen;

    if (chosenScore === 0) {
      const ended = chosen.endDateTime ? ` (end date ${day(chosen.endDateTime)})` : '';
      return {
        kind: 'relationship-ended',
        detail: `${named(chosen)} is ${statusWords(chosen.status)}${ended} and no other relationship gives access`,
      };
    }
    if (chosenScore < COMPLETE) {
      const missing = roleNames(missingRoleIds(chosen, this.#roleIds));
      return {
        kind: 'roles-missing',
        detail: `${named(chosen)} (${statusWords(chosen.status)}) lacks ${missing}, and no relationship has every configured role`,
      };
    }
    if (stalePending) {
      return {
        kind: 'approval-pending',
        detail: `${named(stalePending)} has waited for the customer’s approval since ${day(stalePending.createdDateTime ?? '')}`,
      };
    }
    if (chosenScore !== COMPLETE + ACTIVE_RANK) return undefined;
    if (this.#endsSoon(chosen) && !this.#hasReplacement(chosen, relationships)) {
      return {
        kind: 'relationship-expiring',
        detail: `${named(chosen)} ends on ${day(chosen.endDateTime ?? '')} without auto-extend, and no replacement is on its way`,
      };
    }
    return this.#consentProblem(consent, test);
  }

  // chooseRelationship's score: status rank, plus 4 for a usable relationship with every configured role.
  #score(relationship: CustomerRelationship): number {
    const rank = statusRank(relationship.status);
    return rank > 0 && this.#hasEveryRole(relationship) ? COMPLETE + rank : rank;
  }

  #hasEveryRole(relationship: CustomerRelationship): boolean {
    const stamp = ++this.#stamp;
    let held = 0;
    for (const id of relationship.roleIds) {
      let index = this.#roleIndex.get(id);
      if (index === undefined) {
        // Once per distinct id a run meets (a few dozen roles exist): lower-casing each time would copy every one.
        index = this.#roleIndex.get(id.toLowerCase()) ?? -1;
        this.#roleIndex.set(id, index);
      }
      if (index >= 0 && this.#seen[index] !== stamp) {
        this.#seen[index] = stamp;
        held++;
      }
    }
    return held === this.#seen.length;
  }

  #waitedTooLong(relationship: CustomerRelationship, oldest: CustomerRelationship | undefined): boolean {
    const created = relationship.createdDateTime;
    if (!created || !before(created, this.#pendingIso, this.#pendingMs)) return false;
    return !oldest?.createdDateTime || Date.parse(created) < Date.parse(oldest.createdDateTime);
  }

  #endsSoon(relationship: CustomerRelationship): boolean {
    const end = relationship.endDateTime;
    return (
      end !== undefined && before(end, this.#expiringIso, this.#expiringMs) && !autoExtends(relationship)
    );
  }

  // Another relationship that will grant every role, and is not itself about to end.
  #hasReplacement(chosen: CustomerRelationship, relationships: readonly CustomerRelationship[]): boolean {
    return relationships.some(
      (other) =>
        other !== chosen &&
        statusRank(other.status) > 0 &&
        this.#hasEveryRole(other) &&
        !this.#endsSoon(other),
    );
  }

  /**
   * consents and accessTests as the ledger keeps them; a failed test older than the consent is out of date. Only
   * evidence alerts: a client consented before the bot kept a ledger has no record, and is not broken for that
   * (the consent overview shows it as unknown, and its first access test tells).
   */
  #consentProblem(
    consent: ConsentEntry | undefined,
    test: AccessTestEntry | undefined,
  ): AccessFinding | undefined {
    const testSaysMissing = test && !test.ok && test.code === 'CUSTOMER_CONSENT_MISSING';
    if (!consent) {
      return testSaysMissing
        ? { kind: 'consent-missing', detail: 'the last access test found the app’s consent missing' }
        : undefined;
    }
    if (!this.#covers(consent)) {
      const detail =
        consent.appId.toLowerCase() !== this.#applicationId.toLowerCase()
          ? 'the recorded consent is for another app registration'
          : `the recorded consent lacks ${this.#scopes.filter((scope) => !consentCovers(consent, this.#applicationId, [scope])).join(', ')}`;
      return { kind: 'consent-missing', detail };
    }
    if (testSaysMissing && !(test.testedAt < consent.consentedAt))
      return { kind: 'consent-missing', detail: 'the last access test found the app’s consent missing' };
    return undefined;
  }

  // consentCovers builds a set per call; an exact match (the usual case) is checked without one first.
  #covers(consent: ConsentEntry): boolean {
    if (consent.appId === this.#applicationId) {
      let exact = 0;
      for (const scope of this.#scopes) if (consent.scopes.includes(scope)) exact++;
      if (exact === this.#scopes.length) return true;
    }
    return consentCovers(consent, this.#applicationId, this.#scopes);
  }
}
