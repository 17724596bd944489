// Consent all as a background run: saved as it goes, reported when done, and resumed after a restart cut it off.
import { TurnContext, type Activity } from 'botbuilder';
import { consentAllCutOffCard, consentAllResultsCard } from '../../cards/accessCards.js';
import type { ClientResult } from '../../services/gdap/consentAll.js';
import type { ConsentRunProgress } from '../../services/gdap/consentRunProgress.js';
import type { ConsentRuns, RunOrigin } from '../../services/gdap/consentRuns.js';
import type { ConsentRunEntry, ConversationRef } from '../../services/store/storeData.js';
import { getTurnUser } from '../turnUser.js';
import type { ConsentDeps } from './consentActions.js';

export interface ConsentAllRunDeps {
  flow: Pick<ConsentDeps['flow'], 'consentAll'>;
  runs: Pick<ConsentRuns, 'start' | 'resume'>;
  mappedClients: ConsentDeps['mappedClients'];
  runInBackground: ConsentDeps['runInBackground'];
  /** Called when a run has finished: every client it touched may stand elsewhere now. */
  afterRun: () => void;
}

type MappedClient = ReturnType<ConsentDeps['mappedClients']>[number];

export const RESUME_RUNNING =
  'That run is already going again: its results come to its chat when it finishes. Nothing else was started.';
export const RESUME_GONE =
  'There is nothing left to resume: that run finished, or a newer consent all took its place. Type **consent** to see where every client stands.';

export class ConsentAllRun {
  constructor(private readonly deps: ConsentAllRunDeps) {}

  async start(context: TurnContext): Promise<void> {
    const clients = this.deps.mappedClients();
    const origin = originOf(context);
    await this.deps.runInBackground(
      context,
      `Consent all: starting for ${clients.length} clients…`,
      async (report) => this.#run(clients, await this.deps.runs.start(origin, clients.length), report, ''),
    );
  }

  /** Runs the clients a cut-off run had not finished: those mapped now, less the ones it saved as done. */
  async resume(context: TurnContext, runId: string): Promise<void> {
    const clients = this.deps.mappedClients();
    const { startedBy: _, ...where } = originOf(context);
    const left = (done: ReadonlySet<string>) =>
      clients.filter((client) => !done.has(client.customer.tenantId.toLowerCase()));
    const claim = await this.deps.runs.resume(runId, where, (done) => left(done).length);
    if (!claim.ok) {
      await context.sendActivity(claim.reason === 'running' ? RESUME_RUNNING : RESUME_GONE);
      return;
    }
    const done = new Set(claim.run.done);
    const remaining = left(done);
    await this.deps.runInBackground(
      context,
      `Consent all: resuming for ${remaining.length} clients; ${done.size} of ${claim.run.total} were done before the bot stopped…`,
      (report) =>
        this.#run(
          remaining,
          claim.progress,
          report,
          `Resumed after the bot stopped, with ${done.size} clients done before. `,
        ),
    );
  }

  async #run(
    clients: MappedClient[],
    progress: ConsentRunProgress,
    report: (text: string) => void,
    preface: string,
  ): Promise<Partial<Activity>> {
    // Shown only once saved, so a restart never reports fewer clients done than the chat last saw.
    progress.onSaved = (done) => report(`Consent all: ${done} of ${progress.total} clients done…`);
    try {
      const results = await this.deps.flow.consentAll(
        clients.map((client) => client.customer),
        { onProgress: ({ latest }) => progress.note(latest.customer.tenantId) },
      );
      this.deps.afterRun();
      return { attachments: [resultsCard(clients, results, preface)] };
    } finally {
      // A record left behind only offers a Resume after the next restart, and that skips every client done.
      await progress.finish().catch(() => undefined);
    }
  }
}

/** The start-up notice for a run the last process left unfinished, posted to the chat that started it. */
export function cutOffReply(run: ConsentRunEntry): Partial<Activity> {
  return {
    type: 'message',
    // Teams shows the summary in the activity feed and the notification, where a card has no text.
    summary: `Consent all was cut off: ${run.done.length} of ${run.total} clients done`,
    attachments: [
      consentAllCutOffCard({
        runId: run.id,
        done: run.done.length,
        total: run.total,
        startedBy: run.startedBy.name || 'an administrator',
        startedAt: `${run.startedAt.slice(0, 10)} ${run.startedAt.slice(11, 16)} UTC`,
      }),
    ],
  };
}

function resultsCard(clients: MappedClient[], results: ClientResult[], preface: string) {
  const byTenant = new Map(clients.map((client) => [client.customer.tenantId, client.organization.name]));
  const count = (outcome: ClientResult['outcome']) =>
    results.filter((result) => result.outcome === outcome).length;
  const failures = results.filter((result) => result.outcome === 'failed' || result.outcome === 'blocked');
  return consentAllResultsCard({
    summary: `${preface}${results.length - failures.length} of ${results.length} clients went as far as they can now: ${count('done')} working, ${count('waiting-for-customer')} wait for their customer, ${count('waiting')} wait for Microsoft. ${failures.length} failed or are blocked.`,
    failures: failures.slice(0, 15).map((result) => ({
      organization: byTenant.get(result.customer.tenantId) ?? result.customer.displayName,
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
