// Samples of the setup wizard's cards, one per step and state.
import {
  setupConfigurationCard,
  setupIntegrationsCard,
  setupPermissionsCard,
  setupSignInCard,
  setupSignInProblemCard,
  setupSummaryCard,
  type ConfigurationCardData,
} from '../../../cards/setupCards.js';
import type { CardSample } from './cardSamples.js';

const WIZARD = '6f1c2a9e-2b7d-4f0e-9c1a-3d5e7f9a1b2c';

const ROLES = [
  { id: 'f2ef992c-3afb-46b9-b7cf-a126ee74c451', name: 'Global Reader' },
  { id: '9b895d92-2cd3-44c7-9d02-a6ac2d5ea5c3', name: 'Application Administrator' },
  { id: '29232cdf-9323-42fd-ade2-1d097af3e4de', name: 'Exchange Administrator' },
  { id: '3a2c62db-5318-420d-8d74-23affee5d9d5', name: 'Intune Administrator' },
  { id: '194ae4cb-b126-40b2-bd5b-6091b380977d', name: 'Security Administrator' },
  { id: 'fe930be7-5e62-47db-91af-98c3a49a38b1', name: 'User Administrator' },
];

const INTEGRATIONS = [
  {
    id: 'csp',
    name: 'Microsoft CSP (required)',
    adds: 'customer list, client mapping and GDAP delegated access',
    needs: 'a partner admin who is an Admin Agent, with MFA',
  },
  {
    id: 'entra',
    name: 'Microsoft Graph / Entra ID',
    adds: 'users, groups, licences and sign-in logs per client',
    needs: 'User Administrator and Global Reader through GDAP',
  },
  {
    id: 'intune',
    name: 'Microsoft Intune',
    adds: 'devices, compliance and app deployment',
    needs: 'Intune Administrator through GDAP',
  },
  {
    id: 'exchange',
    name: 'Exchange Online',
    adds: 'mailboxes, mail flow and shared mailboxes',
    needs: 'Exchange Administrator through GDAP',
  },
];

const configuration: ConfigurationCardData = {
  wizardId: WIZARD,
  appChoices: [
    { title: 'CSP Integration Bot’s app (recommended)', value: 'product' },
    { title: 'My own app registration', value: 'own' },
  ],
  appKind: 'product',
  clientId: '',
  secretSaved: false,
  partnerTenant: 'contosoit.onmicrosoft.com',
  signature: '',
  signaturePlaceholder: 'Empty: signed “Contoso IT Services”',
  durationDays: '730',
  autoExtend: 'P180D',
  roles: ROLES,
  selectedRoles: ROLES.map((role) => role.id).join(','),
  groupPrefix: 'GDAP',
  alertChoices: [
    { title: 'Personal chat with Lena Hoffmann', value: 'a:1' },
    { title: 'Channel: MSP Operations / Alerts', value: '19:alerts@thread.tacv2' },
  ],
  alertConversation: '19:alerts@thread.tacv2',
  errors: {},
};

export const SETUP_SAMPLES: CardSample[] = [
  {
    name: 'setup-1-integrations',
    template: 'setupIntegrations.json',
    build: () =>
      setupIntegrationsCard({
        wizardId: WIZARD,
        integrations: INTEGRATIONS,
        selected: 'csp,entra,intune',
      }),
  },
  {
    name: 'setup-2-configuration',
    template: 'setupConfiguration.json',
    build: () => setupConfigurationCard(configuration),
  },
  {
    name: 'setup-2-configuration-errors',
    template: 'setupConfiguration.json',
    build: () =>
      setupConfigurationCard({
        ...configuration,
        appKind: 'own',
        clientId: 'my-app',
        partnerTenant: 'contosoit.onmicrosft.com',
        signature:
          'Lena Hoffmann, Contoso IT Services · +49 30 1234 5678 · support@contoso-it.example · Mon–Fri 8–18 CET',
        errors: {
          clientId: 'Enter your app registration’s Application (client) ID: a GUID.',
          clientSecret: 'Paste a client secret of that app registration.',
          partnerTenant:
            "We could not find a Microsoft tenant for 'contosoit.onmicrosft.com'. Check the spelling.",
          signature: 'Keep the signature to 100 characters or fewer (it has 101).',
        },
      }),
  },
  {
    name: 'setup-3-permissions',
    template: 'setupPermissions.json',
    build: () =>
      setupPermissionsCard({
        wizardId: WIZARD,
        checked: true,
        permissions: [
          {
            scope: 'User.Read',
            kind: 'delegated',
            resource: 'Microsoft Graph',
            why: 'sign you in and read your profile',
            mark: '✅',
          },
          {
            scope: 'Directory.Read.All',
            kind: 'delegated',
            resource: 'Microsoft Graph',
            why: 'read the CSP customer list and your admin roles',
            mark: '✅',
          },
          {
            scope: 'DelegatedAdminRelationship.ReadWrite.All',
            kind: 'delegated',
            resource: 'Microsoft Graph',
            why: 'read, create and finalize GDAP relationships',
            mark: '✅',
          },
          {
            scope: 'Group.ReadWrite.All',
            kind: 'delegated',
            resource: 'Microsoft Graph',
            why: 'find or create the partner security groups',
            mark: '⚠️',
          },
          {
            scope: 'user_impersonation',
            kind: 'delegated',
            resource: 'Partner Center',
            why: 'consent the app in each customer tenant',
            mark: '•',
          },
        ],
        roles: ROLES,
      }),
  },
  {
    name: 'setup-4-sign-in',
    template: 'setupSignIn.json',
    build: () =>
      setupSignInCard({
        wizardId: WIZARD,
        tenantLabel: 'contosoit.onmicrosoft.com',
        signInUrl: 'https://csp-bot.contoso.com/auth/start?state=Vb0q',
      }),
  },
  {
    name: 'setup-4-sign-in-refused',
    template: 'setupSignInProblem.json',
    build: () =>
      setupSignInProblemCard({
        wizardId: WIZARD,
        title: 'This account cannot authorize the integration',
        summary: 'Alex Wilber signed in, but this check failed:',
        problems: [
          {
            title: 'No multi-factor authentication',
            detail:
              "Your sign-in did not use multi-factor authentication. Microsoft's partner APIs require it.",
            fix: 'Turn on MFA for this account (Security defaults or a Conditional Access policy) and sign in again with MFA.',
          },
        ],
      }),
  },
  {
    name: 'setup-5-summary',
    template: 'setupSummary.json',
    build: () =>
      setupSummaryCard({
        facts: [
          { title: 'Integrations', value: 'Microsoft CSP, Microsoft Intune' },
          { title: 'App registration', value: 'CSP Integration Bot’s app' },
          {
            title: 'Partner tenant',
            value: 'Contoso IT Services, contosoit.onmicrosoft.com (3f1e2d4c-5b6a-4789-9abc-def012345678)',
          },
          { title: 'Signature', value: 'Contoso IT Services' },
          { title: 'Authorized by', value: 'Lena Hoffmann (lena.hoffmann@contosoit.onmicrosoft.com)' },
          { title: 'GDAP defaults', value: '2 years, auto-extends by 6 months' },
          { title: 'Security groups', value: 'One per role, like “GDAP - Global Reader”' },
          { title: 'Alerts go to', value: 'Channel: MSP Operations / Alerts' },
        ],
      }),
  },
];
