// The Teams bot with its state and dialogs over a store: what the server runs, and what conversation tests drive.
import { ConversationState, UserState, type TurnContext } from 'botbuilder';
import type { DialogState } from 'botbuilder-dialogs';
import { ApprovalsList } from '../dialogs/consent/approvalsList.js';
import { ConsentActions, type ConsentDeps } from '../dialogs/consent/consentActions.js';
import type { ConsentFlowPort } from '../services/gdap/consentFlowPort.js';
import { MappingActions } from '../dialogs/mapping/mappingActions.js';
import type { MappingDeps } from '../dialogs/mapping/mappingDeps.js';
import { typeAheadChoices } from '../dialogs/mapping/typeAhead.js';
import { AlertActions } from '../dialogs/alerts/alertActions.js';
import { ALERTS_REFRESH, refreshedAlertCard } from '../dialogs/alerts/alertReply.js';
import { TroubleshootActions } from '../dialogs/troubleshoot/troubleshootActions.js';
import { MainDialog } from '../dialogs/mainDialog.js';
import { alertDestinations } from '../dialogs/setup/alertDestinations.js';
import { SetupDialog } from '../dialogs/setup/setupDialog.js';
import type { SetupServices, SignInOutcome } from '../dialogs/setup/setupServices.js';
import { signOutAccount } from '../dialogs/setup/signOut.js';
import { AlertCases } from '../services/alerts/alertCases.js';
import type { AlertCenter } from '../services/alerts/alertCenter.js';
import type { SecretBox } from '../services/crypto/secretBox.js';
import type { CustomerDirectory } from '../services/customers/customerDirectory.js';
import type { AccessTestResult } from '../services/gdap/consentClient.js';
import type { FlowSettings } from '../services/gdap/flowStep.js';
import { mappedClients } from '../services/mappings/mappedClients.js';
import { MappingCases } from '../services/mappings/mappingCases.js';
import { OrganizationSearch } from '../services/organizations/organizationSearch.js';
import type { AppRegistration } from '../services/settings/integrationSettings.js';
import { messageSender } from '../services/settings/messageSender.js';
import { allReady } from '../services/sliced/slicedWork.js';
import { readSetupStatus } from '../services/status/setupStatus.js';
import type { AppStore } from '../services/store/appStore.js';
import { StateStorage } from '../services/store/stateStorage.js';
import type { TokenProbe } from '../services/troubleshoot/authorizationChecks.js';
import { reportingAccessSeen } from './accessSeen.js';
import { conversationRecordOf } from './conversationRecord.js';
import { TeamsBot } from './teamsBot.js';
import { FileConversationStore } from '../services/store/file/conversations.js';
import { FileSettingsStore } from '../services/store/file/settings.js';
import { FileApprovalReminders } from '../services/store/file/approvalReminders.js';
import { FileConsentRuns } from '../services/store/file/consentRuns.js';
import { FileAlertSubscriptions } from '../services/store/file/alertSubscriptions.js';
import { FileOrganizationStore } from '../services/store/file/organizations.js';
import { FileMappingStore } from '../services/store/file/mappings.js';

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
  center: Pick<AlertCenter, 'check' | 'open' | 'requestCheck' | 'record'>;
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

export function createBot(store: AppStore, options: BotOptions) {
  const storage = new StateStorage(store);
  const conversationState = new ConversationState(storage);
  const userState = new UserState(storage);
  const conversations = new FileConversationStore(store);
  const settings = new FileSettingsStore(store);
  const directory = options.customers.directory;
  const organizations = new FileOrganizationStore(store);
  const organizationSearch = new OrganizationSearch(organizations);
  const mappings = new FileMappingStore(store, {
    customerExists: (tenantId) => directory.get(tenantId) !== undefined,
    customerName: (tenantId) => directory.get(tenantId)?.displayName,
  });
  const center = options.alerts.center;
  const flow = reportingAccessSeen(options.consent.flow, {
    note: (tenantId, relationships) => directory.noteRelationships(tenantId, relationships),
    recheck: () => center.requestCheck(),
    onError: options.alerts.onError,
  });
  const consentRuns = new FileConsentRuns(store);
  const clients = () => mappedClients(organizations.list(), mappings, (tenantId) => directory.get(tenantId));
  const mspName = () => messageSender(settings.get());
  const approvals = new ApprovalsList({
    flow,
    mappedClients: clients,
    mspName,
    reminders: new FileApprovalReminders(store),
    csvUrl: options.consent.approvalsExportUrl,
  });
  const consent = new ConsentActions({
    flow,
    runs: consentRuns,
    runInBackground: options.consent.runInBackground,
    findOrganization: (name) => organizations.findByName(name),
    mspName,
    mappedClients: clients,
    approvals,
  });
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
  const subscriptions = new FileAlertSubscriptions(store);
  const alerts = new AlertActions(
    new AlertCases({ center, subscriptions, conversations, settings: () => settings.get() }),
  );
  const setup: SetupServices = {
    productAppAvailable: options.auth.productAppAvailable,
    partnerTenantHint: options.auth.partnerTenantHint,
    savedSettings: () => settings.get(),
    saveSettings: (next, by) => settings.save(next, by),
    resolveTenant: (input) => options.auth.resolveTenant(input),
    sealSecret: (secret) => options.box.seal(secret, 'app-client-secret'),
    alertDestinations: () => alertDestinations(conversations.list()),
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
      readStatus: () =>
        readSetupStatus({
          settings: () => settings.get(),
          conversationCount: () => conversations.count(),
          openAlertCount: () => center.open().length,
          alertSubscriberCount: () => subscriptions.subscribers().length,
        }),
      environment: options.environment,
      signOut: (by) =>
        signOutAccount({ settings, forgetTokens: (account) => options.auth.signOut(account) }, by),
      mapping: new MappingActions({
        organizations,
        mappings,
        customers: directory,
        cases: new MappingCases({ organizations, mappings, customers: directory }),
        exportUrl: options.customers.exportUrl,
        startSync: options.customers.startSync,
        findCsvAttachment: options.customers.findCsvAttachment,
        downloadCsv: options.customers.downloadCsv,
      }),
      consent,
      troubleshoot,
      alerts,
      saveState: (context) => conversationState.saveChanges(context, false),
    },
    conversationState.createProperty<DialogState>('dialogState'),
    [{ command: 'setup', dialog: new SetupDialog(setup) }],
  );
  const bot = new TeamsBot({
    conversationState,
    userState,
    mainDialog,
    conversations,
    completeSso: (user, conversation, token) => options.auth.completeSso(user, conversation, token),
    typeAhead: (dataset, query, top, skip) =>
      typeAheadChoices(
        { customers: directory, organizations: organizationSearch },
        dataset,
        query,
        top,
        skip,
      ),
    prepare: () => allReady([directory, organizationSearch, organizations, mappings]),
    refreshCard: (verb, data) =>
      verb === ALERTS_REFRESH
        ? (refreshedAlertCard(center.record(String(data.kind)), data.openedAt) as object | undefined)
        : undefined,
  });
  return { bot, conversationState, conversations, settings, organizations, mappings, consentRuns, approvals };
}
