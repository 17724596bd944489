// A TestAdapter wired like production (access control, Teams bot, main dialog) over an in-memory store.
import { TestAdapter, type Activity, type TurnContext } from 'botbuilder';
import { Memory } from 'lowdb';
import pino from 'pino';
import { AccessControl } from '../../bot/accessControl.js';
import { createBot } from '../../bot/createBot.js';
import { SecretBox } from '../../services/crypto/secretBox.js';
import { AppStore } from '../../services/store/appStore.js';
import { FakeAuth } from './fakeAuth.js';
import { FLOW_SETTINGS, FakeConsentFlow } from './fakeConsentFlow.js';
import { FakeCustomers } from './fakeCustomers.js';
import type { StoreData } from '../../services/store/storeData.js';
import { AlertCenter } from '../../services/alerts/alertCenter.js';
import { AlertDetector } from '../../services/alerts/incrementalDetector.js';
import { Outbox } from '../../services/alerts/outbox.js';
import { FileAlertSubscriptions } from '../../services/store/file/alertSubscriptions.js';
import { FileAlertInputs } from '../../services/store/file/alertInputs.js';
import { FileAlertRecords } from '../../services/store/file/alerts.js';

export const TEST_TENANT = '7c1f2b3a-4d5e-4f60-8a7b-9c0d1e2f3a4b';
export const OTHER_TENANT = '0a0b0c0d-1e1f-4a2b-8c3d-4e5f6a7b8c9d';
export const ADMIN_ID = '1a2b3c4d-5e6f-4a8b-9c0d-1e2f3a4b5c6d';
// A fixed test key: it seals nothing real.
export const TEST_ENCRYPTION_KEY = Buffer.alloc(32, 7).toString('base64');
export const READER_ID = '9f8e7d6c-5b4a-4392-8170-6f5e4d3c2b1a';

export interface TestConversation {
  adapter: TestAdapter;
  store: AppStore;
  auth: FakeAuth;
  customers: FakeCustomers;
  consentFlow: FakeConsentFlow;
  alerts: AlertCenter;
  /** The alert outbox, in memory: what the notifier would send next. */
  outbox: Outbox;
}

export async function testConversation(
  options: {
    userId?: string;
    tenantId?: string;
    store?: AppStore;
    auth?: FakeAuth;
    customers?: FakeCustomers;
    consentFlow?: FakeConsentFlow;
    conversationType?: string;
  } = {},
): Promise<TestConversation> {
  const store = options.store ?? (await AppStore.open(new Memory<StoreData>()));
  const auth = options.auth ?? new FakeAuth();
  const customers = options.customers ?? (await FakeCustomers.with());
  const box = new SecretBox(TEST_ENCRYPTION_KEY);
  const consentFlow = options.consentFlow ?? new FakeConsentFlow();
  const consent = {
    flow: consentFlow,
    // Conversation tests run the background work in the turn, so its replies arrive with the turn's.
    runInBackground: async (
      context: TurnContext,
      firstText: string,
      work: (report: (text: string) => void) => Promise<Partial<Activity>>,
    ) => {
      await context.sendActivity(firstText);
      await context.sendActivity(await work(() => undefined));
    },
    settings: () => FLOW_SETTINGS,
    testAccess: (tenantId: string) => consentFlow.testAccess(tenantId),
    approvalsExportUrl: () => 'https://bot.example.test/exports/approvals.csv?expires=1&sig=test',
  };
  const outbox = await Outbox.open();
  // The real check over the store and the fake customer list; the outbox stands where the notifier reads.
  const detector = new AlertDetector();
  const alertInputs = new FileAlertInputs(store);
  const alerts = new AlertCenter({
    records: new FileAlertRecords(store),
    inputs: alertInputs,
    detect: alertInputs.detection((data, now) =>
      detector.detect(
        data,
        data.settings ? customers.cache.list() : undefined,
        {
          roleIds: FLOW_SETTINGS.gdap.roleIds,
          applicationId: FLOW_SETTINGS.applicationId,
          consentScopes: FLOW_SETTINGS.consentScopes,
        },
        now,
      ),
    ),
    subscriptions: new FileAlertSubscriptions(store),
    queue: outbox,
  });
  const { bot } = createBot(store, {
    environment: 'Test',
    box,
    auth,
    customers,
    consent,
    alerts: { center: alerts },
  });
  const userId = options.userId ?? ADMIN_ID;
  const tenantId = options.tenantId ?? TEST_TENANT;
  const template: Partial<Activity> = {
    channelId: 'msteams',
    conversation: {
      id: 'conv-1',
      conversationType: options.conversationType ?? 'personal',
      tenantId,
      isGroup: false,
      name: '',
    },
    from: { id: `29:${userId}`, name: 'Alex Admin', aadObjectId: userId },
    channelData: { tenant: { id: tenantId } },
  };
  const adapter = new TestAdapter((context) => bot.run(context), template);
  adapter.use(
    new AccessControl(
      { allowedTenantIds: [TEST_TENANT], adminUserIds: [ADMIN_ID] },
      pino({ level: 'silent' }),
    ),
  );
  return { adapter, store, auth, customers, consentFlow, alerts, outbox };
}

/** The text of every TextBlock in an Adaptive Card reply, joined, for readable assertions. */
export function cardText(activity: Partial<Activity>): string {
  const content = activity.attachments?.[0]?.content as object | undefined;
  const texts: string[] = [];
  const walk = (node: unknown): void => {
    if (Array.isArray(node)) node.forEach(walk);
    else if (node && typeof node === 'object') {
      const record = node as Record<string, unknown>;
      if (record.type === 'TextBlock' && typeof record.text === 'string') texts.push(record.text);
      if (record.type === 'FactSet' && Array.isArray(record.facts)) {
        for (const fact of record.facts as { title: string; value: string }[])
          texts.push(`${fact.title}: ${fact.value}`);
      }
      if (
        typeof record.title === 'string' &&
        typeof record.type === 'string' &&
        record.type.startsWith('Action.')
      )
        texts.push(`[${record.title}]`);
      Object.values(record).forEach(walk);
    }
  };
  walk(content);
  return texts.join('\n');
}

/** Sends one activity (text or a partial activity) and returns every reply the bot sent for it. */
export async function say(
  adapter: TestAdapter,
  input: string | Partial<Activity>,
): Promise<Partial<Activity>[]> {
  await adapter.send(input).startTest();
  return adapter.activeQueue.splice(0);
}

/** The data of the card action with this title (top-level, in an ActionSet, or in a ShowCard), e.g. to press "Next". */
export function actionData(activity: Partial<Activity>, title: string): Record<string, unknown> {
  let found: Record<string, unknown> | undefined;
  const walk = (node: unknown): void => {
    if (found) return;
    if (Array.isArray(node)) node.forEach(walk);
    else if (node && typeof node === 'object') {
      const record = node as Record<string, unknown>;
      if (
        typeof record.type === 'string' &&
        record.type.startsWith('Action.') &&
        record.title === title &&
        record.data
      ) {
        found = record.data as Record<string, unknown>;
        return;
      }
      Object.values(record).forEach(walk);
    }
  };
  walk(activity.attachments?.[0]?.content);
  if (!found) throw new Error(`no "${title}" action on the card:\n${cardText(activity)}`);
  return found;
}

/** Presses a card button, sending the card's inputs along as Teams does. */
export function press(
  activity: Partial<Activity>,
  title: string,
  inputs: Record<string, unknown> = {},
): Partial<Activity> {
  return { type: 'message', value: { ...actionData(activity, title), ...inputs } };
}

/** The current values of a card's inputs, as the client would submit them untouched. */
export function inputValues(activity: Partial<Activity>): Record<string, string> {
  const values: Record<string, string> = {};
  const walk = (node: unknown): void => {
    if (Array.isArray(node)) node.forEach(walk);
    else if (node && typeof node === 'object') {
      const record = node as Record<string, unknown>;
      if (
        typeof record.type === 'string' &&
        record.type.startsWith('Input.') &&
        typeof record.id === 'string'
      ) {
        values[record.id] = record.value === undefined || record.value === null ? '' : String(record.value);
      }
      Object.values(record).forEach(walk);
    }
  };
  walk(activity.attachments?.[0]?.content);
  return values;
}
