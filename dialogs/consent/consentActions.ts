// Delegated access in chat: the overview by verdict, one client's card and its next step, and consent-all.
import { randomUUID } from 'node:crypto';
import type { Activity, TurnContext } from 'botbuilder';
import type { CardActionOf, ConsentAction } from '../../cards/cardActions.js';
import { explainedRoute, type ActionRoute, type ActionRoutes, type Rights } from '../actionRoutes.js';
import { accessOverviewCard, consentAllPreviewCard } from '../../cards/accessCards.js';
import type { CardAttachment } from '../../cards/cardAttachment.js';
import { noticeCard } from '../../cards/noticeCard.js';
import { VERDICTS, type Verdict } from '../../services/gdap/accessVerdict.js';
import { inPool, type ClientResult, type Preview } from '../../services/gdap/consentAll.js';
import type { FlowCustomer, FlowStep, LiveState } from '../../services/gdap/flowStep.js';
import type { MessageSender } from '../../services/settings/messageSender.js';
import type { Organization } from '../../services/store/storeData.js';
import { counted } from '../../services/text/counted.js';
import { whatsWrongButton } from '../troubleshoot/whatsWrongButton.js';
import { VERDICT_LABELS, buttonOfStateKey, clientAccessReply, stateKeyOf } from './clientAccessReply.js';
import type { ApprovalsList } from './approvalsList.js';
import { ConsentAllRun, type ConsentAllRunDeps } from './consentAllRun.js';
import { labelsByTenant, mappedCustomers } from './mappedCustomers.js';
import { RecentVerdicts } from './recentVerdicts.js';

export interface ConsentFlowPort {
  readState(customer: FlowCustomer): Promise<LiveState>;
  nextStep(state: LiveState): FlowStep;
  runStep(step: FlowStep): Promise<LiveState>;
  consentAll(
    customers: readonly FlowCustomer[],
    options: {
      onProgress?: (p: {
        completed: number;
        total: number;
        latest: Pick<ClientResult, 'customer' | 'relationships'>;
      }) => void;
    },
  ): Promise<ClientResult[]>;
  previewAll(customers: readonly FlowCustomer[]): Promise<Preview[]>;
}

export interface ConsentDeps {
  flow: ConsentFlowPort;
  /** Organizations mapped to exactly one customer that is in the synced list. */
  mappedClients(): { organization: Organization; customer: FlowCustomer }[];
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

const PAGE_SIZE = 10;
const READ_CONCURRENCY = 8;
// What a preview card's run id looks like (randomUUID); anything else on a Run button is not one of ours.
const RUN_ID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

type MappedClient = ReturnType<ConsentDeps['mappedClients']>[number];

export function stepGoing(organization: string): string {
  return `A step for **${organization}** is already running (a double click, or someone else pressed it too), so nothing else was run. Its result follows where it was pressed.`;
}

export function stepNoLonger(button: string | undefined): string {
  const what = button ? `That was already done: “${button}”` : 'That step';
  return `${what} is no longer the next step, so nothing was run. Here is where the client stands now:`;
}

export class ConsentActions {
  readonly #all: ConsentAllRun;
  /** Customers (lower-case tenant ids) with a step running from a card now, in this process. */
  readonly #stepping = new Set<string>();

  constructor(
    private readonly deps: ConsentDeps,
    private readonly recent = new RecentVerdicts(),
  ) {
    this.#all = new ConsentAllRun({ ...deps, afterRun: () => recent.clear() });
  }

  async command(context: TurnContext, args: string): Promise<void> {
    // Typed, the overview is read afresh; its paging and filter buttons reuse what this read found.
    if (!args) {
      this.recent.clear();
      return this.overview(context, 'all', 1);
    }
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

  private client(organizationId: string) {
    return this.deps.mappedClients().find((client) => client.organization.id === organizationId);
  }

  private async open(context: TurnContext, organizationId: string, note?: string): Promise<void> {
    const client = this.client(organizationId);
    if (!client) {
      await context.sendActivity(
        'That organization is not mapped to a CSP customer (or is mapped to several). Map it first with **map**.',
      );
      return;
    }
    const state = await this.#read(client.customer);
    if (note) await context.sendActivity(note);
    await this.reply(
      context,
      clientAccessReply(client.organization, state, this.deps.flow.nextStep(state), this.deps.mspName()),
    );
  }

  private async step(context: TurnContext, organizationId: string, stateKey: string): Promise<void> {
    const client = this.client(organizationId);
    if (!client) return this.open(context, organizationId);
    // Claimed before the first await: two presses handled at once would both read the step as still due.
    const tenant = client.customer.tenantId.toLowerCase();
    if (this.#stepping.has(tenant)) {
      await context.sendActivity(stepGoing(client.organization.name));
      return;
    }
    this.#stepping.add(tenant);
    try {
      await this.#runStep(context, client, stateKey);
    } finally {
      this.#stepping.delete(tenant);
    }
  }

  async #runStep(context: TurnContext, client: MappedClient, stateKey: string): Promise<void> {
    const organizationId = client.organization.id;
    const state = await this.#read(client.customer);
    const next = this.deps.flow.nextStep(state);
    if (stateKeyOf(next) !== stateKey) {
      // The card is older than the client's state (done already, a double click, someone else): show it now.
      return this.open(context, organizationId, stepNoLonger(buttonOfStateKey(stateKey)));
    }
    const after = await this.deps.flow.runStep(next);
    this.recent.note(after.customer.tenantId, after.verdict.verdict);
    await context.sendActivity(`Done: ${next.summary}`);
    await this.reply(
      context,
      clientAccessReply(client.organization, after, this.deps.flow.nextStep(after), this.deps.mspName()),
    );
  }

  private async overview(context: TurnContext, filter: string, page: number): Promise<void> {
    const clients = this.deps.mappedClients();
    const verdicts = await inPool(
      clients,
      READ_CONCURRENCY,
      async (client) =>
        this.recent.fresh(client.customer.tenantId) ?? (await this.#read(client.customer)).verdict.verdict,
    );
    const rows = clients
      .map((client, i) => ({ client, verdict: verdicts[i] }))
      .sort(
        (a, b) =>
          VERDICTS.indexOf(a.verdict) - VERDICTS.indexOf(b.verdict) ||
          a.client.organization.name.localeCompare(b.client.organization.name),
      );
    const counts = Object.fromEntries(
      VERDICTS.map((verdict) => [verdict, rows.filter((row) => row.verdict === verdict).length]),
    ) as Record<Verdict, number>;
    const shown = rows.filter(
      (row) =>
        filter === 'all' || (filter === 'attention' ? row.verdict !== 'working' : row.verdict === filter),
    );
    const pages = Math.max(1, Math.ceil(shown.length / PAGE_SIZE));
    const current = Math.min(Math.max(1, page), pages);
    await this.reply(
      context,
      accessOverviewCard({
        summary: `${clients.length} mapped clients: ${counts.working} working, ${clients.length - counts.working} need something.`,
        counts: VERDICTS.filter((verdict) => counts[verdict] > 0).map((verdict) => ({
          label: VERDICT_LABELS[verdict].label,
          value: String(counts[verdict]),
        })),
        verdict: filter,
        filters: [
          { title: 'All clients', value: 'all' },
          { title: 'Needs something', value: 'attention' },
          ...VERDICTS.map((verdict) => ({ title: VERDICT_LABELS[verdict].label, value: verdict })),
        ],
        rows: shown.slice((current - 1) * PAGE_SIZE, current * PAGE_SIZE).map(({ client, verdict }) => ({
          organizationId: client.organization.id,
          organization: client.organization.name,
          customer: client.customer.displayName,
          verdictLabel: VERDICT_LABELS[verdict].label,
          mark: VERDICT_LABELS[verdict].mark,
        })),
        page: current,
        pages,
        needsWork: clients.length - counts.working,
        needsApproval: counts['needs-approval'],
      }),
    );
  }

  /** Each preview card offers one run, under the id on its button; a card without one is older than that rule. */
  private async runAll(context: TurnContext, runId: string): Promise<void> {
    if (!RUN_ID.test(runId)) {
      return this.previewAll(
        context,
        'That card is out of date, so nothing was run. Here is a fresh preview:',
      );
    }
    return this.#all.start(context, runId);
  }

  private async previewAll(context: TurnContext, note?: string): Promise<void> {
    const customers = mappedCustomers(this.deps.mappedClients());
    const previews = await this.deps.flow.previewAll(customers.map((mapped) => mapped.customer));
    const labelOf = labelsByTenant(customers);
    const work = previews.filter(
      (preview) => preview.error || (preview.step && preview.step.kind !== 'done'),
    );
    // Every access-assignment step uses the same groups: named once under the rows instead of on each.
    const groups = new Set(
      work.flatMap((preview) =>
        preview.step?.kind === 'create-access-assignments'
          ? preview.step.groups.map((group) => group.groupName)
          : [],
      ),
    );
    if (note) await context.sendActivity(note);
    await this.reply(
      context,
      consentAllPreviewCard({
        summary: `${work.length} of ${counted(customers.length, 'customer')} ${work.length === 1 ? 'needs' : 'need'} something. This is what comes next for ${work.length === 1 ? 'it' : 'each'}:`,
        groups: [...groups].sort().join(', '),
        rows: work.slice(0, 20).map((preview) => ({
          organization: labelOf(preview.customer.tenantId) ?? preview.customer.displayName,
          plan: preview.error ? preview.error.userMessage : (preview.step?.summary ?? ''),
        })),
        more: Math.max(0, work.length - 20),
        total: customers.length,
        needWork: work.length,
        runId: randomUUID(),
      }),
    );
  }

  async #read(customer: FlowCustomer): Promise<LiveState> {
    const state = await this.deps.flow.readState(customer);
    this.recent.note(customer.tenantId, state.verdict.verdict);
    return state;
  }

  private async reply(context: TurnContext, card: CardAttachment): Promise<void> {
    await context.sendActivity({ attachments: [card] });
  }
}
