// Entra built-in roles the sandbox knows: the GDAP roles of DOMAIN.md plus those Microsoft-led (MLT_) relationships carry.
export const GLOBAL_ADMINISTRATOR_ROLE_ID = '62e90394-69f5-4237-9190-012177145e10';

export const roleNames: ReadonlyMap<string, string> = new Map([
  ['f2ef992c-3afb-46b9-b7cf-a126ee74c451', 'Global Reader'],
  ['9b895d92-2cd3-44c7-9d02-a6ac2d5ea5c3', 'Application Administrator'],
  ['0526716b-113d-4c15-b2c8-68e3c22b9f80', 'Authentication Policy Administrator'],
  ['892c5842-a9a6-463a-8041-72aa08ca3cf6', 'Cloud App Security Administrator'],
  ['7698a772-787b-4ac8-901f-60d6b08affd2', 'Cloud Device Administrator'],
  ['29232cdf-9323-42fd-ade2-1d097af3e4de', 'Exchange Administrator'],
  ['3a2c62db-5318-420d-8d74-23affee5d9d5', 'Intune Administrator'],
  ['7be44c8a-adaf-4e2a-84d6-ab2649e08a13', 'Privileged Authentication Administrator'],
  ['e8611ab8-c189-46e8-94e1-60213ab1f814', 'Privileged Role Administrator'],
  ['194ae4cb-b126-40b2-bd5b-6091b380977d', 'Security Administrator'],
  ['f28a1f50-f6e7-4571-818b-6a12f2af6b6c', 'SharePoint Administrator'],
  ['69091246-20e8-4a56-aa4d-066075b2a7a8', 'Teams Administrator'],
  ['fe930be7-5e62-47db-91af-98c3a49a38b1', 'User Administrator'],
  ['b0f54661-2d74-4c50-afa3-1ec803f12efe', 'Billing Administrator'],
  ['8329153b-31d0-4727-b945-745eb3bc5f31', 'Domain Name Administrator'],
  [GLOBAL_ADMINISTRATOR_ROLE_ID, 'Global Administrator'],
  ['88d8e3e3-8f55-4a1e-953a-9b9898b8876b', 'Directory Readers'],
  ['9360feb5-f418-4baa-8175-e2a00bac4301', 'Directory Writers'],
  ['4d6ac14f-3453-41d0-bef9-a3e0c569773a', 'License Administrator'],
  ['f023fd81-a637-4b56-95fd-791ac0226033', 'Service Support Administrator'],
  ['729827e3-9c14-49f7-bb1b-9608f156bbb8', 'Helpdesk Administrator'],
]);

// The 13 roles the reference integration requests (DOMAIN.md), used by generated seeds.
export const referenceIntegrationRoleIds: readonly string[] = [...roleNames.keys()].slice(0, 13);

// The roles Microsoft gave the relationships it created when DAP was retired.
export const microsoftLedTransitionRoleIds: readonly string[] = [
  '88d8e3e3-8f55-4a1e-953a-9b9898b8876b',
  '9360feb5-f418-4baa-8175-e2a00bac4301',
  'f2ef992c-3afb-46b9-b7cf-a126ee74c451',
  '4d6ac14f-3453-41d0-bef9-a3e0c569773a',
  'f023fd81-a637-4b56-95fd-791ac0226033',
  'fe930be7-5e62-47db-91af-98c3a49a38b1',
  'e8611ab8-c189-46e8-94e1-60213ab1f814',
  '729827e3-9c14-49f7-bb1b-9608f156bbb8',
  '7be44c8a-adaf-4e2a-84d6-ab2649e08a13',
];
