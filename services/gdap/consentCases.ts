// The delegated-access use cases: one client and its next step, the overview by verdict, and the consent-all preview.
import { randomUUID } from 'node:crypto';
import type { Organization } from '../store/storeData.js';
import { VERDICTS, type Verdict } from './accessVerdict.js';
import { inPool, type Preview } from './consentAll.js';
import type { ConsentFlowPort } from './consentFlowPort.js';
import type { FlowCustomer, FlowStep, LiveState } from './flowStep.js';
import { labelsByTenant, mappedCustomers, type MappedClient } from './mappedCustomers.js';
import type { RecentVerdicts } from './recentVerdicts.js';
import { stateKeyOf } from './stateKey.js';

export interface ConsentCasesPorts {
  flow: Pick<ConsentFlowPort, 'readState' | 'nextStep' | 'runStep' | 'previewAll'>;
  /** Organizations mapped to exactly one customer that is in the synced list. */
  mappedClients(): MappedClient[];
  recent: Pick<RecentVerdicts, 'fresh' | 'note' | 'clear'>;
}

export const PAGE_SIZE = 10;
const READ_CONCURRENCY = 8;
// What a preview's run id looks like (randomUUID); anything else on a Run button is not one of ours.
const RUN_ID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export const OVERVIEW_FILTERS = ['all', 'attention', ...VERDICTS] as const;
/** Every client, those that need something (all but working), or those of one verdict. */
export type OverviewFilter = (typeof OVERVIEW_FILTERS)[number];

export function isOverviewFilter(value: string): value is OverviewFilter {
  return (OVERVIEW_FILTERS as readonly string[]).includes(value);
}

interface ClientState {
  organization: Organization;
  state: LiveState;
  next: FlowStep;
}

export type OpenOutcome = { kind: 'unmapped' } | ({ kind: 'client' } & ClientState);

export type StepOutcome =
  | { kind: 'unmapped' }
  | { kind: 'going'; organization: Organization }
  | ({ kind: 'moved'; pressed: string } & ClientState)
  | ({ kind: 'ran'; done: FlowStep } & ClientState);

export interface OverviewRow {
  organization: Organization;
  customer: FlowCustomer;
  verdict: Verdict;
}

export interface Overview {
  /** Every mapped client, whatever the filter. */
  clients: number;
  counts: Record<Verdict, number>;
  /** Clients not working, the 'attention' filter's rows. */
  needsWork: number;
  /** The page asked for (kept within 1..pages), in verdict order then by name. */
  rows: OverviewRow[];
  page: number;
  pages: number;
}

/** A customer whose next step the bot can run, or whose read failed; named as its rows name it. */
export type PreviewWork = Preview & { label: string };

export interface PreviewAll {
  /** Customers, each counted once however many organizations map to it. */
  customers: number;
  work: PreviewWork[];
  /** The groups every access-assignment step creates, each named once, sorted. */
  groups: string[];
  /** The one run this preview offers. */
  runId: string;
}

export type RunCheck = { kind: 'outdated' } | { kind: 'run'; runId: string };

export class ConsentCases {
  /** Customers (lower-case tenant ids) with a step running from a card now, in this process. */
  readonly #stepping = new Set<string>();

  constructor(private readonly ports: ConsentCasesPorts) {}

  async open(input: { organizationId: string }): Promise<OpenOutcome> {
    const client = this.#client(input.organizationId);
    if (!client) return { kind: 'unmapped' };
    return { kind: 'client', ...(await this.#stateOf(client)) };
  }

  /** Runs the step a card showed, once, and only while it is still the client's next step. */
  async step(input: { organizationId: string; stateKey: string }): Promise<StepOutcome> {
    const client = this.#client(input.organizationId);
    if (!client) return { kind: 'unmapped' };
    // Claimed before the first await: two presses handled at once would both read the step as still due.
    const tenant = client.customer.tenantId.toLowerCase();
    if (this.#stepping.has(tenant)) return { kind: 'going', organization: client.organization };
    this.#stepping.add(tenant);
    try {
      const now = await this.#stateOf(client);
      // The card is older than the client's state (done already, a double click, someone else): nothing runs.
      if (stateKeyOf(now.next) !== input.stateKey) return { kind: 'moved', pressed: input.stateKey, ...now };
      const after = await this.ports.flow.runStep(now.next);
      this.ports.recent.note(after.customer.tenantId, after.verdict.verdict);
      return {
        kind: 'ran',
        done: now.next,
        organization: client.organization,
        state: after,
        next: this.ports.flow.nextStep(after),
      };
    } finally {
      this.#stepping.delete(tenant);
    }
  }

  /** `fresh` reads every client live; paging and filtering reuse the verdicts read a moment ago. */
  async overview(input: { filter: OverviewFilter; page: number; fresh?: boolean }): Promise<Overview> {
    if (input.fresh) this.ports.recent.clear();
    const clients = this.ports.mappedClients();
    const verdicts = await inPool(
      clients,
      READ_CONCURRENCY,
      async (client) =>
        this.ports.recent.fresh(client.customer.tenantId) ??
        (await this.#read(client.customer)).verdict.verdict,
    );
    const all = clients
      .map(({ organization, customer }, i) => ({ organization, customer, verdict: verdicts[i] }))
      .sort(
        (a, b) =>
          VERDICTS.indexOf(a.verdict) - VERDICTS.indexOf(b.verdict) ||
          a.organization.name.localeCompare(b.organization.name),
      );
    const counts = Object.fromEntries(
      VERDICTS.map((verdict) => [verdict, all.filter((row) => row.verdict === verdict).length]),
    ) as Record<Verdict, number>;
    const { filter } = input;
    const shown = all.filter(
      (row) =>
        filter === 'all' || (filter === 'attention' ? row.verdict !== 'working' : row.verdict === filter),
    );
    const pages = Math.max(1, Math.ceil(shown.length / PAGE_SIZE));
    const page = Math.min(Math.max(1, input.page), pages);
    return {
      clients: clients.length,
      counts,
      needsWork: clients.length - counts.working,
      rows: shown.slice((page - 1) * PAGE_SIZE, page * PAGE_SIZE),
      page,
      pages,
    };
  }

  /** What consent all would do next for each customer, changing nothing. */
  async previewAll(): Promise<PreviewAll> {
    const customers = mappedCustomers(this.ports.mappedClients());
    const previews = await this.ports.flow.previewAll(customers.map((mapped) => mapped.customer));
    const labelOf = labelsByTenant(customers);
    const work = previews
      .filter((preview) => preview.error || (preview.step && preview.step.kind !== 'done'))
      .map((preview) => ({
        ...preview,
        label: labelOf(preview.customer.tenantId) ?? preview.customer.displayName,
      }));
    // Every access-assignment step uses the same groups: named once under the rows instead of on each.
    const groups = new Set(
      work.flatMap((preview) =>
        preview.step?.kind === 'create-access-assignments'
          ? preview.step.groups.map((group) => group.groupName)
          : [],
      ),
    );
    return { customers: customers.length, work, groups: [...groups].sort(), runId: randomUUID() };
  }

  /** Each preview offers one run, under its id; a card without one is older than that rule. */
  async checkRun(input: { runId: string }): Promise<RunCheck> {
    return RUN_ID.test(input.runId) ? { kind: 'run', runId: input.runId } : { kind: 'outdated' };
  }

  #client(organizationId: string): MappedClient | undefined {
    return this.ports.mappedClients().find((client) => client.organization.id === organizationId);
  }

  async #stateOf(client: MappedClient): Promise<ClientState> {
    const state = await this.#read(client.customer);
    return { organization: client.organization, state, next: this.ports.flow.nextStep(state) };
  }

  async #read(customer: FlowCustomer): Promise<LiveState> {
    const state = await this.ports.flow.readState(customer);
    this.ports.recent.note(customer.tenantId, state.verdict.verdict);
    return state;
  }
}
