// Composition root: reads the environment, builds every service once, and starts the bot.
import { ConversationState, UserState, type ConversationReference, type TurnContext } from 'botbuilder';
import type { DialogState } from 'botbuilder-dialogs';
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { MainDialog } from '../dialogs/mainDialog.js';
import { ApprovalsList } from '../dialogs/consent/approvalsList.js';
import { ConsentActions, type ConsentDeps, type ConsentFlowPort } from '../dialogs/consent/consentActions.js';
import { MappingActions } from '../dialogs/mapping/mappingActions.js';
import { AlertActions } from '../dialogs/alerts/alertActions.js';
import { alertHeading, alertReply } from '../dialogs/alerts/alertReply.js';
import { isAlertKind } from '../services/alerts/alertModel.js';
import { AlertCenter } from '../services/alerts/alertCenter.js';
import { AlertSubscriptions } from '../services/alerts/alertSubscriptions.js';
import { AlertDetector } from '../services/alerts/incrementalDetector.js';
import { Notifier } from '../services/alerts/notifier.js';
import { Outbox } from '../services/alerts/outbox.js';
import { reportingAccessSeen } from './accessSeen.js';
import { ConnectorAlertSender } from './alertSender.js';
import { announceCutOffRuns } from './cutOffRunNotices.js';
import { TroubleshootActions } from '../dialogs/troubleshoot/troubleshootActions.js';
import type { MappingDeps } from '../dialogs/mapping/mappingDeps.js';
import { customerChoice } from '../dialogs/mapping/mapPicker.js';
import { CustomerCache } from '../services/customers/customerCache.js';
import { CustomerDirectory } from '../services/customers/customerDirectory.js';
import { CustomerSync } from '../services/customers/customerSync.js';
import { authorizedAccountToken } from '../services/customers/customerSyncToken.js';
import { GraphCustomerSource } from '../services/customers/graphCustomerSource.js';
import { LinkSigner } from '../services/crypto/linkSigner.js';
import { createGraphClient } from '../services/graph/graphClientFactory.js';
import { downloadCsv, findCsvAttachment } from './csvAttachment.js';
import { APPROVALS_EXPORT, MAPPINGS_EXPORT, registerExportRoutes } from './exportRoutes.js';
import { SyncRunner } from './syncRunner.js';
import { BackgroundTasks } from './backgroundTask.js';
import {
  ConsentClient,
  DEFAULT_CUSTOMER_SCOPES,
  type AccessTestResult,
} from '../services/gdap/consentClient.js';
import { ApprovalReminders } from '../services/gdap/approvalReminders.js';
import { ConsentFlow } from '../services/gdap/consentFlow.js';
import type { FlowSettings } from '../services/gdap/flowStep.js';
import { GdapClient } from '../services/gdap/gdapClient.js';
import { customerGraphToken, partnerCenterToken } from '../services/gdap/gdapTokens.js';
import { ConsentRuns } from '../services/gdap/consentRuns.js';
import { StoreConsentLedger } from '../services/gdap/storeConsentLedger.js';
import { MappingStore } from '../services/mappings/mappingStore.js';
import { OrganizationSearch } from '../services/organizations/organizationSearch.js';
import { OrganizationStore } from '../services/organizations/organizationStore.js';
import { playgroundPeople, sandboxEncryptionKey, sandboxEnv, wantsSandbox } from '../sandbox/devStack.js';
import { startPlayground, type Playground } from '../sandbox/playground.js';
import { startSandbox, type RunningSandbox } from '../sandbox/sandboxServer.js';
import { loadSeed } from '../sandbox/seed.js';
import { trustCertificateAuthority } from '../services/http/trustCertificateAuthority.js';
import { ConversationStore } from '../services/conversations/conversationStore.js';
import { SecretBox } from '../services/crypto/secretBox.js';
import { messageSender } from '../services/settings/messageSender.js';
import { SettingsStore } from '../services/settings/settingsStore.js';
import { readSetupStatus } from '../services/status/setupStatus.js';
import type { TokenProbe } from '../services/troubleshoot/authorizationChecks.js';
import type { AppRegistration } from '../services/settings/integrationSettings.js';
import type { ConversationRecord, StoreData } from '../services/store/storeData.js';
import { SetupDialog } from '../dialogs/setup/setupDialog.js';
import {
  SIGN_IN_RESULT_EVENT,
  type SetupServices,
  type SignInOutcome,
} from '../dialogs/setup/setupServices.js';
import { resolveTenantId } from '../services/auth/tenantResolver.js';
import { SignInService } from '../services/auth/signInService.js';
import { AppStore } from '../services/store/appStore.js';
import { StateStorage } from '../services/store/stateStorage.js';
import { AccessControl } from './accessControl.js';
import { BotAdapter, createBotFrameworkAuthentication, installTurnErrorHandler } from './adapter.js';
import { loadConfig, type Config } from './config.js';
import { conversationRecordOf } from './conversationRecord.js';
import { AppError, isAppError } from '../services/errors.js';
import { createLogger, type Logger } from './logger.js';
import { ProactiveMessenger, deliverEvent } from './proactive.js';
import { SignInFinisher } from './signInFinisher.js';
import { registerSignInRoutes } from './signInRoutes.js';
import { createServer } from './server.js';
import { TeamsBot } from './teamsBot.js';
import { TurnLogging } from './turnLogging.js';
import { takePass } from '../services/sliced/slicedWork.js';

// An export link works for a quarter of an hour: long enough to click, short enough not to leak for long.
const EXPORT_LINK_TTL_MS = 15 * 60_000;
// A turn's indexes that were current answer in well under this; longer, and it waited for a rebuild.
const PREPARE_WAITED_MS = 5;

const VERSION = (
  JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as { version: string }
).version;

export interface App {
  readonly url: string;
  readonly port: number;
  readonly store: AppStore;
  readonly conversations: ConversationStore;
  readonly proactive: ProactiveMessenger;
  readonly customerSync: CustomerSync;
  readonly alerts: AlertCenter;
  readonly notifier: Notifier;
  close(): Promise<void>;
}

/** The sign-in side of the bot: real MSAL and Entra in production, fakes in conversation tests. */
export interface AuthPorts {
  productAppAvailable: boolean;
  /** The partner tenant step 2 pre-fills on a first setup: the sandbox's own; never set in production. */
  partnerTenantHint?: string;
  ssoResource?: string;
  /** Teams SSO: the verdict on the account behind the token Teams sent for this user's pending sign-in. */
  completeSso(userAadId: string, conversationId: string, ssoToken: string): Promise<SignInOutcome>;
  resolveTenant(input: string): Promise<string>;
  startSignIn: SetupServices['startSignIn'];
  signOut(homeAccountId: string): Promise<void>;
  /** A silent token request for the authorized account, as troubleshoot reports it: never the token itself. */
  probeToken(homeAccountId: string, appRegistration: AppRegistration): Promise<TokenProbe>;
}

/** The customer side of the bot: the synced list, sync itself, exports and attached files. */
export interface CustomerPorts {
  directory: CustomerDirectory;
  startSync: (context: TurnContext) => Promise<void>;
  exportUrl: () => string;
  findCsvAttachment: MappingDeps['findCsvAttachment'];
  downloadCsv: MappingDeps['downloadCsv'];
}

/** The delegated-access side: the per-client flow and a way to run long work outside the turn. */
export interface ConsentPorts {
  flow: ConsentFlowPort;
  runInBackground: ConsentDeps['runInBackground'];
  /** The roles, app and scopes the flow runs with, so troubleshoot checks a client against the same. */
  settings: () => FlowSettings;
  /** One harmless read in a customer tenant; troubleshoot does not record it. */
  testAccess: (tenantId: string) => Promise<AccessTestResult>;
  /** A short-lived link to the CSV of the customers waiting for approval. */
  approvalsExportUrl: () => string;
}

/** Alerts: the check that keeps them current, run on demand by `conflicts` and after a subscription changes. */
export interface AlertPorts {
  center: Pick<AlertCenter, 'check' | 'open' | 'requestCheck'>;
  /** A failure to save what the bot saw of a client's access (the check has it already). */
  onError?: (error: unknown) => void;
}

export interface BotOptions {
  environment: string;
  box: SecretBox;
  auth: AuthPorts;
  customers: CustomerPorts;
  consent: ConsentPorts;
  alerts: AlertPorts;
}

/** The Teams bot with its state and dialogs over a store; shared by the server and conversation tests. */
export function createBot(store: AppStore, options: BotOptions) {
  const storage = new StateStorage(store);
  const conversationState = new ConversationState(storage);
  const userState = new UserState(storage);
  const conversations = new ConversationStore(store);
  const settings = new SettingsStore(store);
  const directory = options.customers.directory;
  const organizations = new OrganizationStore(store);
  const organizationSearch = new OrganizationSearch(store);
  const mappings = new MappingStore(store, {
    customerExists: (tenantId) => directory.get(tenantId) !== undefined,
    customerName: (tenantId) => directory.get(tenantId)?.displayName,
  });
  const mapping = new MappingActions({
    organizations,
    mappings,
    customers: directory,
    exportUrl: options.customers.exportUrl,
    startSync: options.customers.startSync,
    findCsvAttachment: options.customers.findCsvAttachment,
    downloadCsv: options.customers.downloadCsv,
  });
  const consentRuns = new ConsentRuns(store);
  const center = options.alerts.center;
  const flow = reportingAccessSeen(options.consent.flow, {
    note: (tenantId, relationships) => directory.noteRelationships(tenantId, relationships),
    recheck: () => center.requestCheck(),
    onError: options.alerts.onError,
  });
  const consentDeps: Omit<ConsentDeps, 'approvals'> = {
    flow,
    runs: consentRuns,
    runInBackground: options.consent.runInBackground,
    findOrganization: (name) => organizations.findByName(name),
    mspName: () => messageSender(settings.get()),
    mappedClients: () =>
      organizations.list().flatMap((organization) => {
        const links = mappings.forOrganization(organization.id);
        const customer = links.length === 1 ? directory.get(links[0].customerTenantId) : undefined;
        return customer
          ? [{ organization, customer: { tenantId: customer.tenantId, displayName: customer.displayName } }]
          : [];
      }),
  };
  const approvals = new ApprovalsList({
    flow,
    mappedClients: consentDeps.mappedClients,
    mspName: consentDeps.mspName,
    reminders: new ApprovalReminders(store),
    csvUrl: options.consent.approvalsExportUrl,
  });
  const consent = new ConsentActions({ ...consentDeps, approvals });
  const troubleshoot = new TroubleshootActions({
    authorization: {
      settings: () => settings.get(),
      probeToken: (homeAccountId, app) => options.auth.probeToken(homeAccountId, app),
    },
    client: {
      mappedTenantIds: (organizationId) =>
        mappings.forOrganization(organizationId).map((link) => link.customerTenantId),
      customer: (tenantId) => directory.get(tenantId),
      readState: (customer) => flow.readState(customer),
      settings: options.consent.settings,
      testAccess: options.consent.testAccess,
    },
    organizations,
  });
  const subscriptions = new AlertSubscriptions(store);
  const alerts = new AlertActions({
    checkNow: async () => {
      await center.check();
      return center.open();
    },
    subscription: (conversationId) => subscriptions.stateOf(conversationId),
    subscribe: async (conversationId, on, by) => {
      const changed = await subscriptions.set(conversationId, on, by);
      // A conversation that turns alerts on gets the problems open now.
      center.requestCheck();
      return changed;
    },
    knowsConversation: (conversationId) => conversations.get(conversationId) !== undefined,
    destinationLabel: () => settings.get()?.alerts.label,
  });
  const dialogState = conversationState.createProperty<DialogState>('dialogState');
  const setup: SetupServices = {
    productAppAvailable: options.auth.productAppAvailable,
    partnerTenantHint: options.auth.partnerTenantHint,
    savedSettings: () => settings.get(),
    saveSettings: (next, by) => settings.save(next, by),
    resolveTenant: (input) => options.auth.resolveTenant(input),
    sealSecret: (secret) => options.box.seal(secret, 'app-client-secret'),
    alertDestinations: () =>
      conversations.list().map((record) => ({ id: record.id, label: destinationLabel(record) })),
    rememberConversation: async (context) => {
      if (!conversations.get(context.activity.conversation.id))
        await conversations.save(conversationRecordOf(context));
    },
    startSignIn: (request) => options.auth.startSignIn(request),
    ssoResource: options.auth.ssoResource,
    afterSetup: (context) => options.customers.startSync(context),
  };
  const mainDialog = new MainDialog(
    {
      readStatus: () => readSetupStatus(store.data),
      environment: options.environment,
      signOut: async (by) => {
        const account = settings.get()?.authorizedAccount;
        if (!account?.homeAccountId) return 'Nobody is signed in.';
        await options.auth.signOut(account.homeAccountId);
        await settings.clearAuthorization(by);
        return `Signed out ${account.upn}: its tokens are deleted. An MSP administrator runs **setup** to sign in again.`;
      },
      mapping,
      consent,
      troubleshoot,
      alerts,
      saveState: (context) => conversationState.saveChanges(context, false),
    },
    dialogState,
    [{ command: 'setup', dialog: new SetupDialog(setup) }],
  );
  const bot = new TeamsBot({
    conversationState,
    userState,
    mainDialog,
    conversations,
    completeSso: (user, conversation, token) => options.auth.completeSso(user, conversation, token),
    typeAhead: (dataset, query, top, skip) =>
      typeAhead(dataset, query, { top, skip }, directory, organizationSearch),
    prepare: async () => {
      const started = performance.now();
      await Promise.all([
        directory.ready(),
        organizationSearch.ready(),
        organizations.ready(),
        mappings.ready(),
      ]);
      // Waited for a rebuild: go on in a pass of its own, not in the one every waiting turn resumes in.
      if (performance.now() - started > PREPARE_WAITED_MS) await takePass();
    },
    refreshCard: (verb, data) => {
      const record = verb === 'alerts.refresh' ? store.data.alerts[String(data.kind)] : undefined;
      // A card of an earlier occurrence of this kind stays as it is: the record now tells a newer story.
      return record && record.openedAt === data.openedAt ? alertReply(record)?.content : undefined;
    },
  });
  return { bot, conversationState, conversations, settings, organizations, mappings, consentRuns, approvals };
}

function typeAhead(
  dataset: string,
  query: string,
  { top, skip }: { top: number; skip: number },
  directory: CustomerDirectory,
  organizations: OrganizationSearch,
): { title: string; value: string }[] {
  if (dataset === 'customers') return directory.search(query, top, skip).map(customerChoice);
  if (dataset !== 'organizations') return [];
  return organizations
    .search(query, top, skip)
    .map((organization) => ({ title: organization.name, value: organization.id }));
}

/** The detector over the store and the synced list, with the roles and app the consent flow uses. */
function detectAlerts(
  detector: AlertDetector,
  data: Readonly<StoreData>,
  cache: CustomerCache,
  config: Config,
  now: Date,
) {
  const settings = data.settings;
  const app = settings?.appRegistration;
  return detector.detectInSlices(
    data,
    // Access is judged only once setup and a sync have said who the customers are.
    settings && cache.syncedAt ? cache.list() : undefined,
    {
      roleIds: settings?.gdap.roleIds ?? [],
      applicationId: app?.kind === 'own' ? app.clientId : (config.productApp?.clientId ?? ''),
      consentScopes: DEFAULT_CUSTOMER_SCOPES,
      expiringSoonDays: config.alerts.expiringSoonDays,
      approvalPendingDays: config.alerts.approvalPendingDays,
    },
    now,
  );
}

function destinationLabel(record: ConversationRecord): string {
  const name = record.reference.conversation.name;
  if (record.scope === 'personal') return `Personal chat with ${record.reference.user?.name || 'me'}`;
  return `${record.scope === 'channel' ? 'Channel' : 'Group chat'}${name ? `: ${name}` : ''}`;
}

export async function startApp(config: Config, log: Logger = createLogger(config.logLevel)): Promise<App> {
  const store = await AppStore.openFile(config.dataFile);
  const cache = await CustomerCache.openFile(join(dirname(config.dataFile), 'customers.json'));
  if (cache.problem)
    log.error({ problem: cache.problem.message }, 'the saved customer list could not be read');
  const box = new SecretBox(config.tokenEncryptionKey);
  const links = new LinkSigner(config.tokenEncryptionKey);
  const signIn = new SignInService({
    authorityHost: config.authorityHost,
    publicBaseUrl: config.publicBaseUrl,
    productApp: config.productApp,
    store,
    box,
    ssoResource: config.ssoResource,
  });
  const finisher = new SignInFinisher({
    graphBaseUrl: config.graphBaseUrl,
    forget: (homeAccountId) => signIn.signOut(homeAccountId),
  });
  const customerSync = new CustomerSync({
    store,
    cache,
    getAccessToken: authorizedAccountToken(() => store.data.settings, signIn),
    createSource: (getAccessToken) =>
      new GraphCustomerSource(createGraphClient({ graphBaseUrl: config.graphBaseUrl, getAccessToken })),
  });

  const adapter = new BotAdapter(createBotFrameworkAuthentication(config));
  adapter.use(new TurnLogging(log));
  adapter.use(new AccessControl(config, log));
  const syncRunner = new SyncRunner(customerSync, adapter, config.bot.appId, log, () =>
    store.data.settings?.authorizedAccount.homeAccountId
      ? undefined
      : 'Nothing to sync yet: an MSP administrator runs **setup** and signs in first.',
  );
  const directory = new CustomerDirectory(cache);
  const background = new BackgroundTasks(adapter, config.bot.appId, log);
  const settingsNow = () => store.data.settings;
  const gdap = new GdapClient(
    createGraphClient({
      graphBaseUrl: config.graphBaseUrl,
      getAccessToken: authorizedAccountToken(settingsNow, signIn),
    }),
  );
  const consentClient = new ConsentClient({
    partnerCenterBaseUrl: config.partnerCenterBaseUrl,
    graphBaseUrl: config.graphBaseUrl,
    partnerCenterToken: partnerCenterToken(settingsNow, signIn),
    customerGraphToken: customerGraphToken(settingsNow, signIn),
  });
  const flowSettings = (): FlowSettings => {
    const settings = store.data.settings;
    if (!settings) throw new AppError('SETUP_REQUIRED', 'consent flow before setup');
    const app = settings.appRegistration;
    return {
      gdap: settings.gdap,
      applicationId: app.kind === 'own' ? app.clientId : (config.productApp?.clientId ?? ''),
      consentScopes: DEFAULT_CUSTOMER_SCOPES,
      approvalLinkBase: config.approvalLinkBase,
      ...(settings.authorizedAccount.oid ? { memberId: settings.authorizedAccount.oid } : {}),
    };
  };
  const flow = new ConsentFlow({
    gdap,
    consent: consentClient,
    ledger: new StoreConsentLedger(store),
    settings: flowSettings,
  });
  const outbox = await Outbox.openFile(join(dirname(config.dataFile), 'outbox.json'));
  // Kept for the life of the process: it re-judges only what changed since the last check.
  // The mappings' index lists their ids: listing the store's record itself holds the event loop at 100,000.
  const detector = new AlertDetector({ mappingIds: (data) => mappings.ids(data) });
  const alertCenter = new AlertCenter({
    store,
    detect: (data, now) => detectAlerts(detector, data, cache, config, now),
    subscriptions: new AlertSubscriptions(store),
    queue: outbox,
    onQueued: () => notifier.kick(),
    onError: (error) => log.error({ err: error }, 'the alert check failed'),
  });
  const { bot, conversationState, conversations, organizations, mappings, consentRuns, approvals } =
    createBot(store, {
      environment: config.sandboxUrl ? 'Sandbox (simulated partner tenant)' : 'Microsoft cloud',
      box,
      auth: {
        productAppAvailable: Boolean(config.productApp),
        partnerTenantHint: config.sandboxPartnerDomain,
        resolveTenant: (input) => resolveTenantId(config.authorityHost, input),
        startSignIn: (request) => signIn.createPending(request),
        signOut: (homeAccountId) => signIn.signOut(homeAccountId),
        ssoResource: config.ssoResource,
        completeSso: async (userAadId, conversationId, ssoToken) => {
          const { pending, result } = await signIn.completeWithSso(userAadId, conversationId, ssoToken);
          return finisher.verdict(result, pending.tenantId);
        },
        probeToken: async (homeAccountId, appRegistration) => {
          // The token stays here: troubleshoot learns only what it grants and whether MFA is in it. The refresh
          // token is used even while an access token is cached: that is what breaks when a session is revoked.
          const { grantedScopes, accessTokenClaims } = await signIn.acquireTokenSilently(
            homeAccountId,
            appRegistration,
            undefined,
            undefined,
            { forceRefresh: true },
          );
          const amr = accessTokenClaims.amr;
          return { grantedScopes, ...(Array.isArray(amr) ? { mfa: amr.includes('mfa') } : {}) };
        },
      },
      customers: {
        directory,
        startSync: (context) => syncRunner.start(context),
        exportUrl: () =>
          `${config.publicBaseUrl}/exports/${MAPPINGS_EXPORT}?${links.sign(MAPPINGS_EXPORT, EXPORT_LINK_TTL_MS)}`,
        findCsvAttachment,
        downloadCsv,
      },
      alerts: {
        center: alertCenter,
        onError: (error) => log.error({ err: error }, 'what the bot saw of a client’s access was not saved'),
      },
      consent: {
        flow,
        runInBackground: (context, firstText, work) => background.start(context, firstText, work),
        settings: flowSettings,
        testAccess: (tenantId) => consentClient.testAccess(tenantId),
        approvalsExportUrl: () =>
          `${config.publicBaseUrl}/exports/${APPROVALS_EXPORT}?${links.sign(APPROVALS_EXPORT, EXPORT_LINK_TTL_MS)}`,
      },
    });
  installTurnErrorHandler(adapter, conversationState, log);
  // Before any turn: a run still marked running was cut off by the end of the last process.
  const cutOff = await consentRuns.interruptLeftovers();
  const announcing = announceCutOffRuns(
    { runs: consentRuns, adapter, appId: config.bot.appId, conversations, log },
    cutOff,
  );
  const proactive = new ProactiveMessenger(adapter, config.bot.appId, conversations, log);
  const notifier = new Notifier({
    outbox,
    sender: new ConnectorAlertSender(adapter, config.bot.appId, conversations),
    render: (entry) => {
      const record = store.data.alerts[entry.alertKind];
      const card = record && alertReply(record, entry.state);
      if (!card || !isAlertKind(record.kind)) return undefined;
      // Teams shows the summary in the activity feed and the notification, where a card has no text.
      const heading = alertHeading(record.kind);
      const summary = entry.state === 'resolved' ? `Resolved: ${heading}` : heading;
      return { type: 'message', summary, attachments: [card] };
    },
    onGone: async (conversationId) => {
      await conversations.forget(conversationId);
      log.info({ conversationId }, 'forgot a conversation the bot was removed from');
    },
    log,
  });
  notifier.start();
  alertCenter.watch();
  if (config.alerts.checkIntervalMinutes > 0)
    alertCenter.startSchedule(config.alerts.checkIntervalMinutes * 60_000);
  // At start: problems that arose while the bot was down, and deliveries a crash left unqueued.
  alertCenter.requestCheck();
  if (config.syncIntervalMinutes > 0 && store.data.settings)
    customerSync.startSchedule(config.syncIntervalMinutes * 60_000);

  const server = createServer({
    adapter,
    logic: (context) => bot.run(context),
    log,
    routes: (server) => {
      registerSignInRoutes(server, {
        signIn,
        finisher,
        log,
        deliver: (pending, outcome) =>
          deliverEvent(
            adapter,
            config.bot.appId,
            pending.reference as Partial<ConversationReference>,
            { name: SIGN_IN_RESULT_EVENT, value: outcome },
            (context) => bot.run(context),
          ),
      });
      registerExportRoutes(server, {
        links,
        mappingsCsv: () => mappings.exportCsv((tenantId) => directory.get(tenantId)?.displayName),
        approvalsCsv: () => approvals.csv(),
      });
    },
    health: () => ({
      status: store.health.status,
      version: VERSION,
      store: { ...store.health, conversations: Object.keys(store.data.conversations).length },
      customers: { count: cache.size, syncedAt: cache.syncedAt ?? null },
      ...(config.sandboxUrl ? { sandbox: config.sandboxUrl } : {}),
    }),
  });
  // Indexed and sorted before the first turn: in slices later only after an import or a rollback.
  await Promise.all([mappings.ready(), organizations.ready()]);
  const port = await server.listen(config.port, config.host);
  const url = `http://127.0.0.1:${port}`;
  log.info({ port, sandbox: config.sandboxUrl }, 'bot listening');

  return {
    url,
    port,
    store,
    conversations,
    proactive,
    customerSync,
    alerts: alertCenter,
    notifier,
    async close() {
      customerSync.stopSchedule();
      alertCenter.stopSchedule();
      await server.close();
      await customerSync.idle();
      await alertCenter.idle();
      await notifier.stop();
      await announcing;
      await outbox.flush();
      await store.flush();
    },
  };
}

async function main(): Promise<void> {
  let env: Record<string, string | undefined> = { ...process.env };
  let sandbox: RunningSandbox | undefined;
  if (wantsSandbox(env)) {
    const seed = env.SANDBOX_SEED ? await loadSeed(env.SANDBOX_SEED) : undefined;
    sandbox = await startSandbox({ seed, port: Number(env.SANDBOX_PORT || 0) });
    // Graph and MSAL only talk https; trust the sandbox's throwaway CA in this process alone.
    trustCertificateAuthority(sandbox.caCertPem);
    env = sandboxEnv(sandbox, env);
    env.TOKEN_ENCRYPTION_KEY ||= await sandboxEncryptionKey(env.DATA_FILE || 'data/bot.json');
  }
  let config: Config;
  try {
    config = loadConfig(env);
  } catch (error) {
    console.error(isAppError(error) ? error.message : error);
    await sandbox?.close();
    process.exit(1);
  }
  const log = createLogger(config.logLevel);
  const app = await startApp(config, log).catch(async (error: unknown) => {
    log.fatal({ err: error }, isAppError(error) ? error.message : 'start-up failed');
    await sandbox?.close();
    process.exit(1);
  });
  let playground: Playground | undefined;
  if (sandbox) {
    playground = await startPlayground({
      botEndpoint: `${app.url}/api/messages`,
      port: Number(env.PLAYGROUND_PORT || 56150),
      tenantId: sandbox.partnerTenantId,
      bot: { id: '28:csp-integration-bot', name: 'CSP Integration Bot' },
      ...playgroundPeople(sandbox),
    });
    log.info({ sandbox: sandbox.baseUrl, playground: playground.url }, 'sandbox mode');
    console.log(`\nOpen ${playground.url.replace('127.0.0.1', 'localhost')} to chat\n`);
  }
  const stop = async (signal: string) => {
    log.info({ signal }, 'shutting down');
    await playground?.close();
    await app.close();
    await sandbox?.close();
    process.exit(0);
  };
  process.once('SIGTERM', () => void stop('SIGTERM'));
  process.once('SIGINT', () => void stop('SIGINT'));
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) await main();
