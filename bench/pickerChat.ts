// The picker bench's partner and bot: 10,000 organizations, their mappings and 50,000 customers; one bot, many users.
import { TestAdapter, type Activity, type TurnContext } from 'botbuilder';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pino from 'pino';
import { AccessControl } from '../bot/accessControl.js';
import { createBot } from '../bot/createBot.js';
import { AlertCenter } from '../services/alerts/alertCenter.js';
import { Outbox } from '../services/alerts/outbox.js';
import { SecretBox } from '../services/crypto/secretBox.js';
import type { CspCustomer } from '../services/customers/cspCustomer.js';
import { AppStore } from '../services/store/appStore.js';
import {
  emptyStoreData,
  type Mapping,
  type Organization,
  type StoreData,
} from '../services/store/storeData.js';
import { FakeAuth } from '../test/fakes/fakeAuth.js';
import { FLOW_SETTINGS, FakeConsentFlow } from '../test/fakes/fakeConsentFlow.js';
import { FakeCustomers } from '../test/fakes/fakeCustomers.js';
import { asCspCustomers, customerList } from '../test/fixtures/nearMissCustomers.js';
import { FileAlertSubscriptions } from '../services/store/file/alertSubscriptions.js';
import { FileAlertInputs } from '../services/store/file/alertInputs.js';
import { FileAlertRecords } from '../services/store/file/alerts.js';

const TENANT = '7c1f2b3a-4d5e-4f60-8a7b-9c0d1e2f3a4b';
const ADMIN = '1a2b3c4d-5e6f-4a8b-9c0d-1e2f3a4b5c6d';
/** The Entra object id of the admin among the picker's users (the first one). */
export const pickerAdmin = ADMIN;

export interface PickerPartner {
  data: StoreData;
  customers: CspCustomer[];
}

/**
 * `organizations` named after every fifth customer; the first nine tenths mapped to that customer, the first
 * tenth also to a second one (older data's conflicts), so mappings = organizations and the last tenth unmapped.
 */
export function pickerPartner(organizations: number, customers: number): PickerPartner {
  const list = asCspCustomers(
    customerList({ customers, seed: 10_000, nonLatin: 0.05, invented: 0.15, twins: 0.01 }),
  );
  const data = emptyStoreData();
  const at = (i: number) => new Date(Date.UTC(2025, 0, 1) + i * 1000).toISOString();
  let links = 0;
  const link = (organizationId: string, customer: CspCustomer, i: number) => {
    const id = `mapping-${links++}`;
    const mapping: Mapping = {
      id,
      organizationId,
      customerTenantId: customer.tenantId,
      createdAt: at(i),
      createdBy: ADMIN,
    };
    data.mappings[id] = mapping;
  };
  const step = Math.max(1, Math.floor(customers / organizations));
  for (let i = 0; i < organizations; i++) {
    const id = `org-${i}`;
    const customer = list[(i * step) % list.length];
    const organization: Organization = {
      id,
      name: `${customer.displayName} ${i}`,
      createdAt: at(i),
      updatedAt: at(i),
    };
    data.organizations[id] = organization;
  }
  for (let i = 0; i < organizations; i++) {
    if (i < organizations * 0.9) link(`org-${i}`, list[(i * step) % list.length], i);
    if (i < organizations * 0.1) link(`org-${i}`, list[(i * step + 1) % list.length], organizations + i);
  }
  data.mappingRevision = 1;
  return { data, customers: list };
}

export interface PickerChat {
  store: AppStore;
  /** One chat per user, each with its own conversation, all served by the one bot on this event loop. */
  users: TestAdapter[];
  /** Removes the data file once the store has written everything. */
  dispose: () => Promise<void>;
}

/** The bot wired as production wires it (createBot, access control) over a data file and a customer list. */
export async function pickerChat(partner: PickerPartner, users: number): Promise<PickerChat> {
  // The data file `npm start` uses: every saved change rewrites it, as in production without PostgreSQL.
  const folder = await mkdtemp(join(tmpdir(), 'picker-bench-'));
  const file = join(folder, 'data.json');
  await writeFile(file, JSON.stringify(partner.data), { mode: 0o600 });
  const store = await AppStore.openFile(file);
  const customers = await FakeCustomers.with(partner.customers);
  const consentFlow = new FakeConsentFlow();
  const alerts = new AlertCenter({
    records: new FileAlertRecords(store),
    inputs: new FileAlertInputs(store),
    detect: () => [],
    subscriptions: new FileAlertSubscriptions(store),
    queue: await Outbox.open(),
  });
  const { bot } = createBot(store, {
    environment: 'Bench',
    box: new SecretBox(Buffer.alloc(32, 7).toString('base64')),
    auth: new FakeAuth(),
    customers,
    consent: {
      flow: consentFlow,
      runInBackground: async (context: TurnContext, firstText: string) => {
        await context.sendActivity(firstText);
      },
      settings: () => FLOW_SETTINGS,
      testAccess: (tenantId: string) => consentFlow.testAccess(tenantId),
      approvalsExportUrl: () => 'https://bot.example.test/exports/approvals.csv?expires=1&sig=test',
    },
    alerts: { center: alerts },
  });
  const chats = Array.from({ length: users }, (_, i) => {
    const userId = i === 0 ? ADMIN : `00000000-0000-4000-8000-${String(i).padStart(12, '0')}`;
    const template: Partial<Activity> = {
      channelId: 'msteams',
      conversation: {
        id: `conv-${i}`,
        conversationType: 'personal',
        tenantId: TENANT,
        isGroup: false,
        name: '',
      },
      from: { id: `29:${userId}`, name: `User ${i}`, aadObjectId: userId },
      channelData: { tenant: { id: TENANT } },
    };
    const adapter = new TestAdapter((context) => bot.run(context), template);
    adapter.use(
      new AccessControl({ allowedTenantIds: [TENANT], adminUserIds: [ADMIN] }, pino({ level: 'silent' })),
    );
    return adapter;
  });
  const dispose = async () => {
    await store.flush();
    await rm(folder, { recursive: true, force: true });
  };
  return { store, users: chats, dispose };
}

/** One turn: the activity in, every reply (an invoke's answer included) out. */
export async function turn(
  user: TestAdapter,
  input: string | Partial<Activity>,
): Promise<Partial<Activity>[]> {
  // A real activity arrives as a socket event, a task of its own: without this the users' turns would chain as
  // promise jobs and never let a timer, an I/O callback or a detection slice run between them.
  await new Promise<void>((resolve) => setImmediate(resolve));
  await user.processActivity(typeof input === 'string' ? { type: 'message', text: input } : input);
  return user.activeQueue.splice(0);
}

/** Teams' type-ahead invoke for a Data.Query drop-down. */
export function typeAheadInvoke(dataset: string, queryText: string): Partial<Activity> {
  return {
    type: 'invoke',
    name: 'application/search',
    value: { kind: 'search', queryText, dataset, queryOptions: { skip: 0, top: 15 } },
  };
}
