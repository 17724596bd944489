// The per-client consent flow: reads a client's live state, runs one step at a time, or all of them for many.
import { verdictFor, type AccessState } from './accessVerdict.js';
import {
  asAppError,
  consentAll,
  previewAll,
  type ClientResult,
  type ConsentAllOptions,
  type Preview,
} from './consentAll.js';
import type { ConsentClient } from './consentClient.js';
import { consentCovers, type ConsentLedger } from './consentLedger.js';
import { performStep } from './flowActions.js';
import type { FlowCustomer, FlowSettings, FlowStep, LiveState, StepKind } from './flowStep.js';
import type { GdapClient } from './gdapClient.js';
import { ACTIVE_STATUSES, type AccessAssignment } from './gdapModel.js';
import { nextStep } from './nextStep.js';
import { chooseRelationship } from './relationshipChoice.js';

export interface ConsentFlowDeps {
  gdap: Pick<
    GdapClient,
    | 'listRelationships'
    | 'createRelationship'
    | 'lockForApproval'
    | 'listAccessAssignments'
    | 'createAccessAssignment'
    | 'ensureSecurityGroups'
  >;
  consent: Pick<ConsentClient, 'consentApp' | 'testAccess'>;
  ledger: ConsentLedger;
  /** Read on every use, so a settings change applies to the next step. */
  settings: () => FlowSettings;
  now?: () => Date;
}

export class ConsentFlow {
  readonly #deps: ConsentFlowDeps;
  readonly #now: () => Date;
  // One step at a time per client, so two people pressing the same button cannot create two relationships.
  readonly #running = new Map<string, Promise<unknown>>();

  constructor(deps: ConsentFlowDeps) {
    this.#deps = deps;
    this.#now = deps.now ?? (() => new Date());
  }

  async readState(customer: FlowCustomer): Promise<LiveState> {
    const { gdap, ledger } = this.#deps;
    const settings = this.#deps.settings();
    const relationships = await gdap.listRelationships(customer.tenantId);
    const chosen = chooseRelationship(relationships, settings.gdap.roleIds);
    const assignments: Record<string, AccessAssignment[]> = {};
    if (chosen && ACTIVE_STATUSES.includes(chosen.status)) {
      assignments[chosen.id] = await gdap.listAccessAssignments(chosen.id);
    }
    const consent = ledger.consentOf(customer.tenantId);
    const accessTest = ledger.lastAccessTest(customer.tenantId);
    const covered = consentCovers(consent, settings.applicationId, settings.consentScopes);
    const state: AccessState = {
      consented: covered ? true : consent ? false : undefined,
      assignments,
      relationships,
      accessTested: Boolean(consent && accessTest && accessTest.testedAt >= consent.consentedAt),
    };
    // Only a test run after the current consent says anything about it.
    if (
      accessTest &&
      !accessTest.ok &&
      accessTest.code &&
      consent &&
      accessTest.testedAt >= consent.consentedAt
    ) {
      state.accessProblem = { code: accessTest.code, message: accessTest.message ?? '' };
    }
    const verdict = verdictFor(
      { tenantId: customer.tenantId, relationships },
      state,
      { roleIds: settings.gdap.roleIds, expiringSoonDays: settings.expiringSoonDays },
      this.#now(),
    );
    return { customer, relationships, assignments, consent, accessTest, verdict };
  }

  nextStep(state: LiveState): FlowStep {
    return nextStep(state, this.#deps.settings(), this.#now());
  }

  /**
   * Runs `step` if it is still due on a fresh read (a blocked step runs its retry), and returns the state after
   * it. A step that is no longer due does nothing, so a stale button or a second run is harmless. Creating a
   * relationship is always re-planned on the fresh read: the planner refuses while a usable one exists.
   */
  runStep(step: FlowStep): Promise<LiveState> {
    return this.#exclusive(step.customer.tenantId, async () => {
      const fresh = await this.readState(step.customer);
      const wanted = step.kind === 'blocked' ? step.retry : step;
      const next = this.nextStep(fresh);
      // The step as due now (fresh etag, groups still missing), not as the card that asked for it saw it.
      const due = next.kind === 'blocked' ? next.retry : next;
      if (wanted?.kind === 'create-relationship') await performStep(this.#deps, this.#now(), wanted, fresh);
      else if (wanted && due && wanted.kind === due.kind)
        await performStep(this.#deps, this.#now(), due, fresh);
      else return fresh;
      return this.readState(step.customer);
    });
  }

  /** Runs every due step for one client until it has to wait, is blocked or done; errors become the result. */
  advance(customer: FlowCustomer, options: ConsentAllOptions = {}): Promise<ClientResult> {
    const stepsRun: StepKind[] = [];
    return this.#exclusive<ClientResult>(customer.tenantId, async () => {
      const wait = options.assignmentWait ?? { intervalMs: 2_000, maxWaitMs: 60_000 };
      let waited = 0;
      let retried = false;
      let state = await this.readState(customer);
      const result = (outcome: ClientResult['outcome'], step: FlowStep): ClientResult => ({
        customer,
        outcome,
        step,
        stepsRun,
        relationships: state.relationships,
      });
      // Only steps that act count: waiting for assignments is bounded by its own time limit.
      while (stepsRun.length < (options.maxSteps ?? 8)) {
        const step = this.nextStep(state);
        if (step.kind === 'done') return result('done', step);
        if (step.kind === 'wait-for-approval') return result('waiting-for-customer', step);
        if (step.kind === 'wait-for-activation') return result('waiting', step);
        if (step.kind === 'wait-for-assignments') {
          if (waited >= wait.maxWaitMs) return result('waiting', step);
          await new Promise((resolve) => setTimeout(resolve, wait.intervalMs));
          waited += wait.intervalMs;
        } else if (step.kind === 'blocked') {
          // A blocked client gets its retry once per run: a second run of "consent all" picks it up again.
          if (!step.retry || retried) return result('blocked', step);
          retried = true;
          await performStep(this.#deps, this.#now(), step.retry, state);
          stepsRun.push(step.retry.kind);
        } else {
          await performStep(this.#deps, this.#now(), step, state);
          stepsRun.push(step.kind);
        }
        state = await this.readState(customer);
      }
      return result('waiting', this.nextStep(state));
    }).catch((error: unknown) => ({
      customer,
      outcome: 'failed' as const,
      stepsRun,
      error: asAppError(error),
    }));
  }

  consentAll(customers: readonly FlowCustomer[], options: ConsentAllOptions = {}): Promise<ClientResult[]> {
    return consentAll(customers, (customer) => this.advance(customer, options), options);
  }

  previewAll(customers: readonly FlowCustomer[], options: { concurrency?: number } = {}): Promise<Preview[]> {
    return previewAll(customers, async (customer) => this.nextStep(await this.readState(customer)), options);
  }

  async #exclusive<T>(tenantId: string, run: () => Promise<T>): Promise<T> {
    const key = tenantId.toLowerCase();
    const previous = this.#running.get(key) ?? Promise.resolve();
    const current = previous.catch(() => undefined).then(run);
    this.#running.set(key, current);
    try {
      return await current;
    } finally {
      if (this.#running.get(key) === current) this.#running.delete(key);
    }
  }
}
