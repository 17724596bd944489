// Delegated access in chat: each action asks the consent use cases and words their outcome as a card or text.
import type { Activity, TurnContext } from 'botbuilder';
import type { CardActionOf, ConsentAction } from '../../cards/cardActions.js';
import { explainedRoute, type ActionRoute, type ActionRoutes, type Rights } from '../actionRoutes.js';
import { accessOverviewCard, consentAllPreviewCard } from '../../cards/accessCards.js';
import type { CardAttachment } from '../../cards/cardAttachment.js';
import { noticeCard } from '../../cards/noticeCard.js';
import { VERDICTS } from '../../services/gdap/accessVerdict.js';
import { ConsentCases, isOverviewFilter } from '../../services/gdap/consentCases.js';
import type { ConsentFlowPort } from '../../services/gdap/consentFlowPort.js';
import type { MappedClient } from '../../services/gdap/mappedCustomers.js';
import { RecentVerdicts } from '../../services/gdap/recentVerdicts.js';
import type { MessageSender } from '../../services/settings/messageSender.js';
import type { Organization } from '../../services/store/storeData.js';
import { counted } from '../../services/text/counted.js';
import { whatsWrongButton } from '../troubleshoot/whatsWrongButton.js';
import { VERDICT_LABELS, buttonOfStateKey, clientAccessReply } from './clientAccessReply.js';
import type { ApprovalsList } from './approvalsList.js';
import { ConsentAllRun, type ConsentAllRunDeps } from './consentAllRun.js';

export interface ConsentDeps {
  flow: ConsentFlowPort;
  /** Organizations mapped to exactly one customer that is in the synced list. */
  mappedClients(): MappedClient[];
  findOrganization(name: string): Organization | undefined;
  /** Who messages for customers come from: the partner tenant's name and the signature. */
  mspName(): MessageSender;
  /** Consent-all runs under way, saved so that a restart can offer to resume one it cut off. */
  runs: ConsentAllRunDeps['runs'];
  /** The customers waiting for approval, with their links, the CSV and reminders. */
  approvals: ApprovalsList;
  runInBackground(
    context: TurnContext,
    firstText: string,
    work: (report: (text: string) => void) => Promise<Partial<Activity>>,
  ): Promise<void>;
}

// Rows a preview card lists; the rest are counted under them.
const PREVIEW_ROWS = 20;
const UNMAPPED =
  'That organization is not mapped to a CSP customer (or is mapped to several). Map it first with **map**.';

export function stepGoing(organization: string): string {
  return `A step for **${organization}** is already running (a double click, or someone else pressed it too), so nothing else was run. Its result follows where it was pressed.`;
}

export function stepNoLonger(button: string | undefined): string {
  const what = button ? `That was already done: “${button}”` : 'That step';
  return `${what} is no longer the next step, so nothing was run. Here is where the client stands now:`;
}

export class ConsentActions {
  readonly #all: ConsentAllRun;
  readonly #cases: ConsentCases;

  constructor(
    private readonly deps: ConsentDeps,
    recent = new RecentVerdicts(),
  ) {
    this.#cases = new ConsentCases({ flow: deps.flow, mappedClients: () => deps.mappedClients(), recent });
    this.#all = new ConsentAllRun({ ...deps, afterRun: () => recent.clear() });
  }

  async command(context: TurnContext, args: string): Promise<void> {
    // Typed, the overview is read afresh; its paging and filter buttons reuse what this read found.
    if (!args) return this.overview(context, 'all', 1, true);
    const organization = this.deps.findOrganization(args);
    if (!organization) {
      await context.sendActivity(
        `I found no organization called “${args}”. Type **consent** to see every mapped client.`,
      );
      return;
    }
    return this.open(context, organization.id);
  }

  /** `approvals`: every customer waiting for approval, read afresh. */
  async approvalsCommand(context: TurnContext): Promise<void> {
    return this.deps.approvals.show(context, 1, true);
  }

  /** The access buttons: looking is open to all; a step, a run and a reminder (recorded in the store) are changes. */
  routes(): ActionRoutes<ConsentAction['action']> {
    return {
      'consent.open': this.route('anyone', (context, action) => this.open(context, action.organizationId)),
      'consent.list': this.route('anyone', (context, action) =>
        this.overview(context, action.verdict ?? 'all', action.page ?? 1),
      ),
      'consent.step': this.route('admin', (context, action) =>
        this.step(context, action.organizationId, action.stateKey),
      ),
      'consent.previewAll': this.route('anyone', (context) => this.previewAll(context)),
      'consent.runAll': this.route('admin', (context, action) => this.runAll(context, action.runId)),
      'consent.resume': this.route('admin', (context, action) => this.#all.resume(context, action.runId)),
      'consent.approvals': this.route('anyone', (context, action) =>
        this.deps.approvals.show(context, action.page ?? 1),
      ),
      'consent.remind': this.route('admin', (context, action) =>
        this.deps.approvals.remind(context, action.relationshipIds, action.drawnAt),
      ),
    };
  }

  /** A route whose refusals are told on a card that offers what's wrong for the client it names. */
  private route<Name extends ConsentAction['action']>(
    rights: Rights,
    run: (context: TurnContext, action: CardActionOf<Name>) => Promise<void>,
  ): ActionRoute<Name> {
    return explainedRoute(rights, run, async (context, error, action) => {
      const whatsWrong = whatsWrongButton(
        error,
        'organizationId' in action ? action.organizationId : undefined,
      );
      await this.reply(
        context,
        noticeCard({
          kind: 'error',
          title: 'That did not work',
          message: error.userMessage,
          buttons: [
            ...(whatsWrong ? [whatsWrong] : []),
            { title: 'All clients', data: { action: 'consent.list', page: 1 } },
          ],
        }),
      );
    });
  }

  private async open(context: TurnContext, organizationId: string): Promise<void> {
    const outcome = await this.#cases.open({ organizationId });
    if (outcome.kind === 'unmapped') {
      await context.sendActivity(UNMAPPED);
      return;
    }
    await this.reply(
      context,
      clientAccessReply(outcome.organization, outcome.state, outcome.next, this.deps.mspName()),
    );
  }

  private async step(context: TurnContext, organizationId: string, stateKey: string): Promise<void> {
    const outcome = await this.#cases.step({ organizationId, stateKey });
    switch (outcome.kind) {
      case 'unmapped':
        await context.sendActivity(UNMAPPED);
        return;
      case 'going':
        await context.sendActivity(stepGoing(outcome.organization.name));
        return;
      case 'moved':
        // The card is older than the client's state (done already, a double click, someone else): show it now.
        await context.sendActivity(stepNoLonger(buttonOfStateKey(outcome.pressed)));
        break;
      case 'ran':
        await context.sendActivity(`Done: ${outcome.done.summary}`);
        break;
    }
    await this.reply(
      context,
      clientAccessReply(outcome.organization, outcome.state, outcome.next, this.deps.mspName()),
    );
  }

  private async overview(context: TurnContext, filter: string, page: number, fresh = false): Promise<void> {
    const shown = isOverviewFilter(filter) ? filter : 'all';
    const overview = await this.#cases.overview({ filter: shown, page, fresh });
    const { counts, clients } = overview;
    await this.reply(
      context,
      accessOverviewCard({
        summary: `${clients} mapped clients: ${counts.working} working, ${overview.needsWork} need something.`,
        counts: VERDICTS.filter((verdict) => counts[verdict] > 0).map((verdict) => ({
          label: VERDICT_LABELS[verdict].label,
          value: String(counts[verdict]),
        })),
        verdict: shown,
        filters: [
          { title: 'All clients', value: 'all' },
          { title: 'Needs something', value: 'attention' },
          ...VERDICTS.map((verdict) => ({ title: VERDICT_LABELS[verdict].label, value: verdict })),
        ],
        rows: overview.rows.map(({ organization, customer, verdict }) => ({
          organizationId: organization.id,
          organization: organization.name,
          customer: customer.displayName,
          verdictLabel: VERDICT_LABELS[verdict].label,
          mark: VERDICT_LABELS[verdict].mark,
        })),
        page: overview.page,
        pages: overview.pages,
        needsWork: overview.needsWork,
        needsApproval: counts['needs-approval'],
      }),
    );
  }

  private async runAll(context: TurnContext, runId: string): Promise<void> {
    const check = await this.#cases.checkRun({ runId });
    if (check.kind === 'outdated') {
      return this.previewAll(
        context,
        'That card is out of date, so nothing was run. Here is a fresh preview:',
      );
    }
    return this.#all.start(context, check.runId);
  }

  private async previewAll(context: TurnContext, note?: string): Promise<void> {
    const preview = await this.#cases.previewAll();
    const { work, customers } = preview;
    if (note) await context.sendActivity(note);
    await this.reply(
      context,
      consentAllPreviewCard({
        summary: `${work.length} of ${counted(customers, 'customer')} ${work.length === 1 ? 'needs' : 'need'} something. This is what comes next for ${work.length === 1 ? 'it' : 'each'}:`,
        groups: preview.groups.join(', '),
        rows: work.slice(0, PREVIEW_ROWS).map((item) => ({
          organization: item.label,
          plan: item.error ? item.error.userMessage : (item.step?.summary ?? ''),
        })),
        more: Math.max(0, work.length - PREVIEW_ROWS),
        total: customers,
        needWork: work.length,
        runId: preview.runId,
      }),
    );
  }

  private async reply(context: TurnContext, card: CardAttachment): Promise<void> {
    await context.sendActivity({ attachments: [card] });
  }
}
