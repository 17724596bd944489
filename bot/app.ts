// Builds every service once over the configured data folder, and serves the bot: the app `npm start` runs.
import type { ConversationReference } from 'botbuilder';
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { alertActivity } from '../dialogs/alerts/alertReply.js';
import { SIGN_IN_RESULT_EVENT } from '../dialogs/setup/setupServices.js';
import { AlertCenter } from '../services/alerts/alertCenter.js';
import type { AlertSender } from '../services/alerts/alertSender.js';
import { AlertDetector } from '../services/alerts/incrementalDetector.js';
import { Notifier } from '../services/alerts/notifier.js';
import { Outbox } from '../services/alerts/outbox.js';
import { storeDetection } from '../services/alerts/storeDetection.js';
import { resolveTenantId } from '../services/auth/tenantResolver.js';
import { SignInService } from '../services/auth/signInService.js';
import { ConversationStore } from '../services/conversations/conversationStore.js';
import { LinkSigner } from '../services/crypto/linkSigner.js';
import { SecretBox } from '../services/crypto/secretBox.js';
import { CustomerCache } from '../services/customers/customerCache.js';
import { CustomerDirectory } from '../services/customers/customerDirectory.js';
import { CustomerSync } from '../services/customers/customerSync.js';
import { authorizedAccountToken } from '../services/customers/customerSyncToken.js';
import { GraphCustomerSource } from '../services/customers/graphCustomerSource.js';
import { ConsentClient } from '../services/gdap/consentClient.js';
import { ConsentFlow } from '../services/gdap/consentFlow.js';
import { flowSettingsOf } from '../services/gdap/flowSettings.js';
import { GdapClient } from '../services/gdap/gdapClient.js';
import { customerGraphToken, partnerCenterToken } from '../services/gdap/gdapTokens.js';
import { FileConsentLedger } from '../services/store/file/consentLedger.js';
import { createGraphClient } from '../services/graph/graphClientFactory.js';
import { AppStore } from '../services/store/appStore.js';
import { probeToken } from '../services/troubleshoot/tokenProbe.js';
import { AccessControl } from './accessControl.js';
import { BotAdapter, createBotFrameworkAuthentication, installTurnErrorHandler } from './adapter.js';
import { ConnectorAlertSender } from './alertSender.js';
import { BackgroundTasks } from './backgroundTask.js';
import type { Config } from './config.js';
import { createBot } from './createBot.js';
import { downloadCsv, findCsvAttachment } from './csvAttachment.js';
import { announceCutOffRuns } from './cutOffRunNotices.js';
import { APPROVALS_EXPORT, MAPPINGS_EXPORT, exportLink, registerExportRoutes } from './exportRoutes.js';
import { createLogger, type Logger } from './logger.js';
import { deliverEvent } from './proactive.js';
import { createServer } from './server.js';
import { SignInFinisher } from './signInFinisher.js';
import { registerSignInRoutes } from './signInRoutes.js';
import { SyncRunner } from './syncRunner.js';
import { TurnLogging } from './turnLogging.js';
import { FileSettingsStore } from '../services/store/file/settings.js';
import { FileAlertSubscriptions } from '../services/store/file/alertSubscriptions.js';
import { fileSignInStorage } from '../services/store/file/signInStorage.js';
import { untilQuiet } from './quiet.js';
import { FileAlertInputs } from '../services/store/file/alertInputs.js';
import { FileAlertRecords } from '../services/store/file/alerts.js';
import { FileSyncStatusStore } from '../services/store/file/customerSync.js';

const VERSION = (
  JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as { version: string }
).version;

export interface App {
  readonly url: string;
  readonly port: number;
  readonly store: AppStore;
  readonly conversations: ConversationStore;
  /** How the bot posts on its own into a remembered conversation: what the notifier delivers alerts with. */
  readonly sender: AlertSender;
  readonly customerSync: CustomerSync;
  readonly alerts: AlertCenter;
  readonly notifier: Notifier;
  /** Resolves once no sync, alert check, send or background task is under way or asked for (bot/quiet.ts). */
  quiet(): Promise<void>;
  close(): Promise<void>;
}

export async function startApp(config: Config, log: Logger = createLogger(config.logLevel)): Promise<App> {
  const dataDir = dirname(config.dataFile);
  const store = await AppStore.openFile(config.dataFile, { auditKept: config.auditKept });
  const cache = await CustomerCache.openFile(join(dataDir, 'customers.json'));
  if (cache.problem)
    log.error({ problem: cache.problem.message }, 'the saved customer list could not be read');
  const outbox = await Outbox.openFile(join(dataDir, 'outbox.json'));
  const box = new SecretBox(config.tokenEncryptionKey);
  const links = new LinkSigner(config.tokenEncryptionKey);
  const settings = new FileSettingsStore(store);
  const settingsNow = () => settings.get();
  const signIn = new SignInService({
    authorityHost: config.authorityHost,
    publicBaseUrl: config.publicBaseUrl,
    productApp: config.productApp,
    storage: fileSignInStorage(store, box),
    box,
    ssoResource: config.ssoResource,
  });
  const finisher = new SignInFinisher({
    graphBaseUrl: config.graphBaseUrl,
    forget: (homeAccountId) => signIn.signOut(homeAccountId),
  });
  const accountToken = authorizedAccountToken(settingsNow, signIn);
  const customerSync = new CustomerSync({
    status: new FileSyncStatusStore(store),
    cache,
    getAccessToken: accountToken,
    createSource: (getAccessToken) =>
      new GraphCustomerSource(createGraphClient({ graphBaseUrl: config.graphBaseUrl, getAccessToken })),
  });
  const directory = new CustomerDirectory(cache);
  const consentClient = new ConsentClient({
    partnerCenterBaseUrl: config.partnerCenterBaseUrl,
    graphBaseUrl: config.graphBaseUrl,
    partnerCenterToken: partnerCenterToken(settingsNow, signIn),
    customerGraphToken: customerGraphToken(settingsNow, signIn),
  });
  const deployment = {
    productAppClientId: config.productApp?.clientId,
    approvalLinkBase: config.approvalLinkBase,
  };
  const flowSettings = () => flowSettingsOf(settings.get(), deployment);
  const flow = new ConsentFlow({
    gdap: new GdapClient(
      createGraphClient({ graphBaseUrl: config.graphBaseUrl, getAccessToken: accountToken }),
    ),
    consent: consentClient,
    ledger: new FileConsentLedger(store),
    settings: flowSettings,
  });

  const adapter = new BotAdapter(createBotFrameworkAuthentication(config));
  adapter.use(new TurnLogging(log));
  adapter.use(new AccessControl(config, log));
  const appId = config.bot.appId;
  const syncRunner = new SyncRunner(customerSync, adapter, appId, log, () =>
    Boolean(settings.get()?.authorizedAccount.homeAccountId),
  );
  const background = new BackgroundTasks(adapter, appId, log);
  // Kept for the life of the process: it re-judges only what changed since the last check. The mappings' index
  // lists their ids: listing the store's record itself holds the event loop at 100,000.
  const detector = new AlertDetector({ mappingIds: (data) => mappings.ids(data) });
  const alertInputs = new FileAlertInputs(store);
  const alertCenter = new AlertCenter({
    records: new FileAlertRecords(store),
    inputs: alertInputs,
    detect: alertInputs.detection(
      storeDetection({ detector, customers: cache, ...deployment, ...config.alerts }),
    ),
    subscriptions: new FileAlertSubscriptions(store),
    queue: outbox,
    onQueued: () => notifier.kick(),
    onError: (error) => log.error({ err: error }, 'the alert check failed'),
  });
  const exportUrl = (name: string) => exportLink(links, config.publicBaseUrl, name);
  const { bot, conversationState, conversations, organizations, mappings, consentRuns, approvals } =
    createBot(store, {
      environment: config.sandboxUrl ? 'Sandbox (simulated partner tenant)' : 'Microsoft cloud',
      box,
      auth: {
        productAppAvailable: Boolean(config.productApp),
        partnerTenantHint: config.sandboxPartnerDomain,
        ssoResource: config.ssoResource,
        resolveTenant: (input) => resolveTenantId(config.authorityHost, input),
        startSignIn: (request) => signIn.createPending(request),
        signOut: (homeAccountId) => signIn.signOut(homeAccountId),
        completeSso: async (userAadId, conversationId, ssoToken) => {
          const { pending, result } = await signIn.completeWithSso(userAadId, conversationId, ssoToken);
          return finisher.verdict(result, pending.tenantId);
        },
        probeToken: (homeAccountId, app) => probeToken(signIn, homeAccountId, app),
      },
      customers: {
        directory,
        startSync: (context) => syncRunner.start(context),
        exportUrl: () => exportUrl(MAPPINGS_EXPORT),
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
        approvalsExportUrl: () => exportUrl(APPROVALS_EXPORT),
      },
    });
  installTurnErrorHandler(adapter, conversationState, log);
  // Before any turn: a run still marked running was cut off by the end of the last process.
  const cutOff = await consentRuns.interruptLeftovers();
  const announcing = announceCutOffRuns({ runs: consentRuns, adapter, appId, conversations, log }, cutOff);
  const sender = new ConnectorAlertSender(adapter, appId, conversations);
  const notifier = new Notifier({
    outbox,
    sender,
    render: (entry) => alertActivity(alertCenter.record(entry.alertKind), entry.state),
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
  if (config.syncIntervalMinutes > 0 && settings.get())
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
            appId,
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
      store: { ...store.health, conversations: conversations.count() },
      customers: { count: cache.size, syncedAt: cache.syncedAt ?? null },
      ...(config.sandboxUrl ? { sandbox: config.sandboxUrl } : {}),
    }),
  });
  // Indexed and sorted before the first turn: in slices later only after an import or a rollback.
  await Promise.all([mappings.ready(), organizations.ready()]);
  const port = await server.listen(config.port, config.host);
  log.info({ port, sandbox: config.sandboxUrl }, 'bot listening');

  return {
    url: `http://127.0.0.1:${port}`,
    port,
    store,
    conversations,
    sender,
    customerSync,
    alerts: alertCenter,
    notifier,
    quiet: () => untilQuiet([customerSync, alertCenter, notifier, background]),
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
