// The Microsoft Cloud Integration Bundle: what each integration adds and what it needs.

export const INTEGRATION_IDS = [
  'csp',
  'entra',
  'intune',
  'exchange',
  'defender',
  'sharepoint',
  'teams',
  'azure',
] as const;
export type IntegrationId = (typeof INTEGRATION_IDS)[number];

export interface Integration {
  id: IntegrationId;
  name: string;
  adds: string;
  needs: string;
  required: boolean;
}

export const INTEGRATIONS: readonly Integration[] = [
  {
    id: 'csp',
    name: 'Microsoft CSP',
    adds: 'customer list, client mapping and GDAP delegated access',
    needs: 'a partner admin who is an Admin Agent, with MFA',
    required: true,
  },
  {
    id: 'entra',
    name: 'Microsoft Graph / Entra ID',
    adds: 'users, groups, licences and sign-in logs per client',
    needs: 'User Administrator and Global Reader through GDAP',
    required: false,
  },
  {
    id: 'intune',
    name: 'Microsoft Intune',
    adds: 'devices, compliance and app deployment',
    needs: 'Intune Administrator through GDAP',
    required: false,
  },
  {
    id: 'exchange',
    name: 'Exchange Online',
    adds: 'mailboxes, mail flow and shared mailboxes',
    needs: 'Exchange Administrator through GDAP',
    required: false,
  },
  {
    id: 'defender',
    name: 'Microsoft Defender',
    adds: 'security alerts and incidents',
    needs: 'Security Administrator through GDAP',
    required: false,
  },
  {
    id: 'sharepoint',
    name: 'SharePoint Online',
    adds: 'sites, sharing and OneDrive',
    needs: 'SharePoint Administrator through GDAP',
    required: false,
  },
  {
    id: 'teams',
    name: 'Microsoft Teams',
    adds: 'teams, policies and calling',
    needs: 'Teams Administrator through GDAP',
    required: false,
  },
  {
    id: 'azure',
    name: 'Microsoft Azure',
    adds: 'subscriptions and Azure cost per client',
    needs: 'an Azure plan under CSP and Azure RBAC access',
    required: false,
  },
];
