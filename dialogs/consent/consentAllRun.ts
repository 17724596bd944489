// Consent all as a background run: saved as it goes, reported when done, and resumed after a restart cut it off.
import { TurnContext, type Activity } from 'botbuilder';
import { consentAllCutOffCard, consentAllResultsCard } from '../../cards/accessCards.js';
import type { ClientResult } from '../../services/gdap/consentAll.js';
import type { ConsentRunProgress } from '../../services/gdap/consentRunProgress.js';
import type { ConsentRuns, RunOrigin } from '../../services/gdap/consentRuns.js';
import type { ConsentRunEntry, ConversationRef } from '../../services/store/storeData.js';
import { counted } from '../../services/text/counted.js';
import { getTurnUser } from '../../bot/turnUser.js';
import type { ConsentDeps } from './consentActions.js';
import { labelsByTenant, mappedCustomers, type MappedCustomer } from '../../services/gdap/mappedCustomers.js';

export interface ConsentAllRunDeps {
  flow: Pick<ConsentDeps['flow'], 'consentAll'>;
  runs: Pick<ConsentRuns, 'start' | 'resume'>;
  mappedClients: ConsentDeps['mappedClients'];
  runInBackground: ConsentDeps['runInBackground'];
  /** Called when a run has finished: every client it touched may stand elsewhere now. */
  afterRun: () => void;
}

export const RESUME_RUNNING =
  'That run is already going again: its results come to its chat when it finishes. Nothing else was started.';
export const RESUME_GONE =
  'There is nothing left to resume: that run finished, or a newer consent all took its place. Type **consent** to see where every client stands.';
export const RUN_GOING =
  'Consent all is already running: its results come to the chat it was started in when it finishes. Nothing else was started.';
export const RUN_CUT_OFF =
  'That run was cut off when the bot stopped, so nothing else was started. Press **Resume** on its notice to finish it, or type **consent** for a new run.';

export function runEnded(endedAt: string): string {
  return `That was already done: this card’s run ended ${when(endedAt)}. Nothing else was started. For a new run, type **consent** and press **Consent all**.`;
}

export class ConsentAllRun {
  /** Runs going in this process, by id: every run covers every customer, so one at a time is enough. */
  readonly #running = new Set<string>();

  constructor(private readonly deps: ConsentAllRunDeps) {}

  /** Starts the run a preview card offered; `runId` is that card's, so a second press of it starts nothing. */
  async start(context: TurnContext, runId: string): Promise<void> {
    // Checked and taken before the first await, so two presses handled at once see each other.
    if (this.#running.size > 0) {
      await context.sendActivity(RUN_GOING);
      return;
    }
    this.#running.add(runId);
    try {
      const customers = mappedCustomers(this.deps.mappedClients());
      const claim = await this.deps.runs.start(originOf(context), customers.length, runId);
      if (!claim.ok) {
        this.#running.delete(runId);
        await context.sendActivity(
          claim.reason === 'ended'
            ? runEnded(claim.endedAt)
            : claim.reason === 'running'
              ? RUN_GOING
              : RUN_CUT_OFF,
        );
        return;
      }
      await this.#inBackground(
        context,
        runId,
        claim.progress,
        `Consent all: starting for ${counted(customers.length, 'customer')}…`,
        (report) => this.#run(customers, claim.progress, report, { before: 0 }),
      );
    } catch (error) {
      this.#running.delete(runId);
      throw error;
    }
  }

  /** Runs the customers a cut-off run had not finished: those mapped now, less the ones it saved as done. */
  async resume(context: TurnContext, runId: string): Promise<void> {
    const customers = mappedCustomers(this.deps.mappedClients());
    const { startedBy: _, ...where } = originOf(context);
    const left = (done: ReadonlySet<string>) =>
      customers.filter((mapped) => !done.has(mapped.customer.tenantId.toLowerCase()));
    const claim = await this.deps.runs.resume(runId, where, (done) => left(done).length);
    if (!claim.ok) {
      await context.sendActivity(claim.reason === 'running' ? RESUME_RUNNING : RESUME_GONE);
      return;
    }
    this.#running.add(runId);
    const done = new Set(claim.run.done);
    const remaining = left(done);
    await this.#inBackground(
      context,
      runId,
      claim.progress,
      `Consent all: resuming for ${remaining.length} of ${counted(claim.run.total, 'customer')} (${done.size} done before the bot stopped)…`,
      (report) => this.#run(remaining, claim.progress, report, { before: done.size }),
    );
  }

  /** Hands the run to the background; it counts as going until its results are in (or it failed). */
  async #inBackground(
    context: TurnContext,
    runId: string,
    progress: ConsentRunProgress,
    firstText: string,
    work: (report: (text: string) => void) => Promise<Partial<Activity>>,
  ): Promise<void> {
    try {
      await this.deps.runInBackground(context, firstText, (report) =>
        work(report).finally(() => this.#running.delete(runId)),
      );
    } catch (error) {
      // Not even started (the first message failed): a record left running would read as cut off after a restart.
      this.#running.delete(runId);
      await progress.finish().catch(() => undefined);
      throw error;
    }
  }

  async #run(
    customers: MappedCustomer[],
    progress: ConsentRunProgress,
    report: (text: string) => void,
    counts: { before: number },
  ): Promise<Partial<Activity>> {
    // Shown only once saved, so a restart never reports fewer customers done than the chat last saw.
    progress.onSaved = (done) =>
      report(`Consent all: ${done} of ${counted(progress.total, 'customer')} done…`);
    try {
      const results = await this.deps.flow.consentAll(
        customers.map((mapped) => mapped.customer),
        { onProgress: ({ latest }) => progress.note(latest.customer.tenantId) },
      );
      this.deps.afterRun();
      return { attachments: [resultsCard(customers, results, { ...counts, total: progress.total })] };
    } finally {
      // A record left behind only offers a Resume after the next restart, and that skips every customer done.
      await progress.finish().catch(() => undefined);
    }
  }
}

/** The start-up notice for a run the last process left unfinished, posted to the chat that started it. */
export function cutOffReply(run: ConsentRunEntry): Partial<Activity> {
  return {
    type: 'message',
    // Teams shows the summary in the activity feed and the notification, where a card has no text.
    summary: `Consent all was cut off: ${run.done.length} of ${counted(run.total, 'customer')} done`,
    attachments: [
      consentAllCutOffCard({
        runId: run.id,
        done: run.done.length,
        total: run.total,
        startedBy: run.startedBy.name || 'an administrator',
        startedAt: when(run.startedAt),
      }),
    ],
  };
}

function when(iso: string): string {
  return `${iso.slice(0, 10)} ${iso.slice(11, 16)} UTC`;
}

/** Counts customers, as the button and the progress did: every result is one customer, in one outcome. */
function resultsCard(
  customers: MappedCustomer[],
  results: ClientResult[],
  counts: { before: number; total: number },
) {
  const labelOf = labelsByTenant(customers);
  const count = (outcome: ClientResult['outcome']) =>
    results.filter((result) => result.outcome === outcome).length;
  const failures = results.filter((result) => result.outcome === 'failed' || result.outcome === 'blocked');
  const head =
    counts.before > 0
      ? `Resumed after the bot stopped, ${counts.before} of ${counts.total} customers done before. The other ${results.length}:`
      : results.length === 1
        ? 'The 1 customer:'
        : `All ${results.length} customers:`;
  const waiting = count('waiting-for-customer');
  const waitingMicrosoft = count('waiting');
  return consentAllResultsCard({
    waitingForCustomer: waiting,
    summary: `${head} ${count('done')} working, ${waiting} ${waiting === 1 ? 'waits' : 'wait'} for their customer, ${waitingMicrosoft} ${waitingMicrosoft === 1 ? 'waits' : 'wait'} for Microsoft, ${failures.length} failed or ${failures.length === 1 ? 'is' : 'are'} blocked.`,
    failures: failures.slice(0, 15).map((result) => ({
      organization: labelOf(result.customer.tenantId) ?? result.customer.displayName,
      reason: result.error?.userMessage ?? result.step?.summary ?? 'unknown',
    })),
    moreFailures: Math.max(0, failures.length - 15),
  });
}

function originOf(context: TurnContext): RunOrigin {
  const user = getTurnUser(context);
  return {
    conversationId: context.activity.conversation.id,
    reference: TurnContext.getConversationReference(context.activity) as ConversationRef,
    startedBy: { aadObjectId: user.aadObjectId, name: user.name },
  };
}
