// Delegated access in chat: the overview by verdict, one client's card and its next step, and consent-all.
import type { Activity, TurnContext } from 'botbuilder';
import { ERROR_MESSAGES, isAppError } from '../../bot/errors.js';
import { accessOverviewCard, consentAllPreviewCard } from '../../cards/accessCards.js';
import type { CardAttachment } from '../../cards/cardAttachment.js';
import { noticeCard } from '../../cards/noticeCard.js';
import { VERDICTS, type Verdict } from '../../services/gdap/accessVerdict.js';
import { inPool, type ClientResult, type Preview } from '../../services/gdap/consentAll.js';
import type { FlowCustomer, FlowStep, LiveState } from '../../services/gdap/flowStep.js';
import type { MessageSender } from '../../services/settings/messageSender.js';
import type { Organization } from '../../services/store/storeData.js';
import { text, whole } from '../mapping/mappingDeps.js';
import { whatsWrongButton } from '../troubleshoot/whatsWrongButton.js';
import { getTurnUser } from '../turnUser.js';
import { VERDICT_LABELS, clientAccessReply, stateKeyOf } from './clientAccessReply.js';
import { ConsentAllRun, type ConsentAllRunDeps } from './consentAllRun.js';
import { RecentVerdicts } from './recentVerdicts.js';

export interface ConsentFlowPort {
  readState(customer: FlowCustomer): Promise<LiveState>;
  nextStep(state: LiveState): FlowStep;
  runStep(step: FlowStep): Promise<LiveState>;
  consentAll(
    customers: readonly FlowCustomer[],
    options: {
      onProgress?: (p: { completed: number; total: number; latest: { customer: FlowCustomer } }) => void;
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
  runInBackground(
    context: TurnContext,
    firstText: string,
    work: (report: (text: string) => void) => Promise<Partial<Activity>>,
  ): Promise<void>;
}

const PAGE_SIZE = 10;
const READ_CONCURRENCY = 8;

export class ConsentActions {
  readonly #all: ConsentAllRun;

  constructor(
    private readonly deps: ConsentDeps,
    private readonly recent = new RecentVerdicts(),
  ) {
    this.#all = new ConsentAllRun({ ...deps, afterRun: () => recent.clear() });
  }

  static owns(action: unknown): action is string {
    return typeof action === 'string' && action.startsWith('consent.');
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

  async submit(context: TurnContext, value: Record<string, unknown>): Promise<void> {
    const action = text(value, 'action');
    const runs = action === 'consent.step' || action === 'consent.runAll' || action === 'consent.resume';
    if (runs && !getTurnUser(context).isAdmin) {
      await context.sendActivity(ERROR_MESSAGES.NOT_ADMIN);
      return;
    }
    try {
      switch (action) {
        case 'consent.open':
          return await this.open(context, text(value, 'organizationId'));
        case 'consent.list':
          return await this.overview(context, text(value, 'verdict') || 'all', whole(value, 'page') ?? 1);
        case 'consent.step':
          return await this.step(context, text(value, 'organizationId'), text(value, 'stateKey'));
        case 'consent.previewAll':
          return await this.previewAll(context);
        case 'consent.runAll':
          return await this.#all.start(context);
        case 'consent.resume':
          return await this.#all.resume(context, text(value, 'runId'));
        default:
          await context.sendActivity('That button is not one I know. Please use a current card.');
      }
    } catch (error) {
      if (!isAppError(error)) throw error;
      const whatsWrong = whatsWrongButton(error, value.organizationId);
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
    }
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
    const state = await this.#read(client.customer);
    const next = this.deps.flow.nextStep(state);
    if (stateKeyOf(next) !== stateKey) {
      // The card is older than the client's state (done already, a double click, someone else): show it now.
      return this.open(
        context,
        organizationId,
        'That step is no longer the next one, so nothing was run. Here is where the client stands now:',
      );
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
      }),
    );
  }

  private async previewAll(context: TurnContext): Promise<void> {
    const clients = this.deps.mappedClients();
    const previews = await this.deps.flow.previewAll(clients.map((client) => client.customer));
    const byTenant = new Map(clients.map((client) => [client.customer.tenantId, client.organization.name]));
    const work = previews.filter(
      (preview) => preview.error || (preview.step && preview.step.kind !== 'done'),
    );
    await this.reply(
      context,
      consentAllPreviewCard({
        summary: `${work.length} of ${clients.length} mapped clients need something. This is what comes next for each:`,
        rows: work.slice(0, 20).map((preview) => ({
          organization: byTenant.get(preview.customer.tenantId) ?? preview.customer.displayName,
          plan: preview.error ? preview.error.userMessage : (preview.step?.summary ?? ''),
        })),
        more: Math.max(0, work.length - 20),
        total: work.length,
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
