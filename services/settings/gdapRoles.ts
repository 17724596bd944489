// The Entra built-in roles an MSP requests through GDAP, and the set the integration asks for by default.

export interface GdapRole {
  id: string;
  name: string;
  /** One line on what the role lets the MSP do in a customer tenant. */
  purpose: string;
}

export const GLOBAL_ADMINISTRATOR = '62e90394-69f5-4237-9190-012177145e10';

export const GDAP_ROLES: readonly GdapRole[] = [
  {
    id: 'f2ef992c-3afb-46b9-b7cf-a126ee74c451',
    name: 'Global Reader',
    purpose: 'read everything, change nothing',
  },
  {
    id: '9b895d92-2cd3-44c7-9d02-a6ac2d5ea5c3',
    name: 'Application Administrator',
    purpose: 'consent and manage enterprise apps',
  },
  {
    id: '0526716b-113d-4c15-b2c8-68e3c22b9f80',
    name: 'Authentication Policy Administrator',
    purpose: 'MFA and sign-in methods',
  },
  {
    id: '892c5842-a9a6-463a-8041-72aa08ca3cf6',
    name: 'Cloud App Security Administrator',
    purpose: 'Defender for Cloud Apps',
  },
  {
    id: '7698a772-787b-4ac8-901f-60d6b08affd2',
    name: 'Cloud Device Administrator',
    purpose: 'devices in Entra ID',
  },
  {
    id: '29232cdf-9323-42fd-ade2-1d097af3e4de',
    name: 'Exchange Administrator',
    purpose: 'mailboxes and mail flow',
  },
  {
    id: '3a2c62db-5318-420d-8d74-23affee5d9d5',
    name: 'Intune Administrator',
    purpose: 'device management and compliance',
  },
  {
    id: '7be44c8a-adaf-4e2a-84d6-ab2649e08a13',
    name: 'Privileged Authentication Administrator',
    purpose: 'reset admins’ sign-in methods',
  },
  {
    id: 'e8611ab8-c189-46e8-94e1-60213ab1f814',
    name: 'Privileged Role Administrator',
    purpose: 'assign directory roles',
  },
  {
    id: '194ae4cb-b126-40b2-bd5b-6091b380977d',
    name: 'Security Administrator',
    purpose: 'security settings and alerts',
  },
  {
    id: 'f28a1f50-f6e7-4571-818b-6a12f2af6b6c',
    name: 'SharePoint Administrator',
    purpose: 'SharePoint and OneDrive',
  },
  { id: '69091246-20e8-4a56-aa4d-066075b2a7a8', name: 'Teams Administrator', purpose: 'Teams and calling' },
  {
    id: 'fe930be7-5e62-47db-91af-98c3a49a38b1',
    name: 'User Administrator',
    purpose: 'users, groups and licences',
  },
  {
    id: 'b0f54661-2d74-4c50-afa3-1ec803f12efe',
    name: 'Billing Administrator',
    purpose: 'subscriptions and billing',
  },
  {
    id: '8329153b-31d0-4727-b945-745eb3bc5f31',
    name: 'Domain Name Administrator',
    purpose: 'custom domains',
  },
  { id: GLOBAL_ADMINISTRATOR, name: 'Global Administrator', purpose: 'everything; avoid unless required' },
];

/** The 13 roles the reference integration requests (DOMAIN.md). */
export const DEFAULT_GDAP_ROLE_IDS: readonly string[] = GDAP_ROLES.slice(0, 13).map((role) => role.id);

export function gdapRole(id: string): GdapRole | undefined {
  return GDAP_ROLES.find((role) => role.id === id);
}
