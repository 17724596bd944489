// Samples of the delegated access cards: overview, one client at two stages, consent-all preview, results, cut off,
// the waiting approvals and their reminders.
import {
  accessClientCard,
  accessOverviewCard,
  approvalRemindersCard,
  approvalsListCard,
  consentAllCutOffCard,
  consentAllPreviewCard,
  consentAllResultsCard,
} from '../../../cards/accessCards.js';
import type { CardSample } from './cardSamples.js';

const TENANT = '0f4c1b2a-8d3e-4f56-9a7b-1c2d3e4f5a6b';
const APPROVAL_LINK =
  'https://admin.microsoft.com/AdminPortal/Home#/partners/invitation/granularAdminRelationships/5f1c2d3e-4a5b-4c6d-8e7f-9a0b1c2d3e4f-8777b240-c6f0-4469-9e98-a3205431b836';
const ASSIGN =
  'Assign 13 roles to your security groups (created if missing, with the authorized admin as a member).';
const GROUPS =
  'GDAP - Global Reader, GDAP - Application Administrator, GDAP - Authentication Policy Administrator, GDAP - Cloud App Security Administrator, GDAP - Cloud Device Administrator, GDAP - Exchange Administrator, GDAP - Intune Administrator, GDAP - Privileged Authentication Administrator, GDAP - Privileged Role Administrator, GDAP - Security Administrator, GDAP - SharePoint Administrator, GDAP - Teams Administrator, GDAP - User Administrator';

export const ACCESS_SAMPLES: CardSample[] = [
  {
    name: 'access-overview',
    template: 'accessOverview.json',
    build: () =>
      accessOverviewCard({
        summary: '4 mapped clients: 1 working, 3 need something.',
        counts: [
          { label: 'Working', value: '1' },
          { label: 'Needs approval', value: '1' },
          { label: 'Needs consent', value: '1' },
          { label: 'No relationship', value: '1' },
        ],
        verdict: 'all',
        filters: [
          { title: 'All clients', value: 'all' },
          { title: 'Needs something', value: 'attention' },
          { title: 'Working', value: 'working' },
        ],
        rows: [
          {
            organizationId: 'org-1',
            organization: 'Müller Bäckerei',
            customer: 'Müller Bäckerei GmbH',
            verdictLabel: 'Working',
            mark: '✅',
          },
          {
            organizationId: 'org-2',
            organization: 'Northwind Traders',
            customer: 'Northwind Traders Ltd',
            verdictLabel: 'Needs approval',
            mark: '⏳',
          },
          {
            organizationId: 'org-3',
            organization: 'Fabrikam Dental Group',
            customer: 'Fabrikam Inc.',
            verdictLabel: 'Needs consent',
            mark: '⚠️',
          },
          {
            organizationId: 'org-4',
            organization: 'Alpine Ski House',
            customer: 'Alpine Ski House AG',
            verdictLabel: 'No relationship',
            mark: '⬜',
          },
        ],
        page: 1,
        pages: 1,
        needsWork: 3,
        needsApproval: 1,
      }),
  },
  {
    name: 'access-client-needs-approval',
    template: 'accessClient.json',
    build: () =>
      accessClientCard({
        organizationId: 'org-2',
        organization: 'Northwind Traders',
        customer: 'Northwind Traders Ltd',
        tenantId: TENANT,
        mark: '⏳',
        verdictLabel: 'Needs approval',
        verdictColor: 'Default',
        explanation:
          'The GDAP relationship waits for the customer’s Global Administrator to approve it. Requests expire after 90 days.',
        facts: [
          { title: 'Relationship', value: 'GDAP-Northwind-20261126 (waiting for the customer’s approval)' },
          { title: 'Roles', value: '13' },
        ],
        approvalLink:
          'https://admin.microsoft.com/AdminPortal/Home#/partners/invitation/granularAdminRelationships/5d1c8a2e-…',
        approvalMessage:
          'Hello, Contoso IT Services asks for delegated admin (GDAP) access to the Microsoft 365 tenant of Northwind Traders Ltd. Only a Global Administrator of Northwind Traders Ltd can approve it: sign in as one and open https://admin.microsoft.com/AdminPortal/Home#/partners/invitation/granularAdminRelationships/5d1c8a2e-… — Thank you, Lena Hoffmann, Contoso IT Services',
        nextStep: 'when the customer has approved, I create the access assignments for your security groups.',
        stateKey: 'approvalPending:5d1c8a2e',
      }),
  },
  {
    name: 'access-client-needs-assignment',
    template: 'accessClient.json',
    build: () =>
      accessClientCard({
        organizationId: 'org-3',
        organization: 'Fabrikam Dental Group',
        customer: 'Fabrikam Inc.',
        tenantId: TENANT,
        mark: '⚠️',
        verdictLabel: 'Needs access assignment',
        verdictColor: 'Attention',
        explanation:
          'The relationship is active, but no security group has its roles yet, so nobody can use it.',
        facts: [
          {
            title: 'Relationship',
            value: 'GDAP-Fabrikam-20261001 (active until 2028-10-01, auto-extends by 6 months)',
          },
          { title: 'Roles', value: '13' },
          { title: 'App consent', value: 'not given yet' },
        ],
        nextStep: `${ASSIGN} The groups: ${GROUPS}.`,
        stepButton: 'Create access assignments',
        step: 'createAssignments',
        stateKey: 'active:9e8f7a6b',
      }),
  },
  {
    name: 'access-client-needs-access-test',
    template: 'accessClient.json',
    build: () =>
      accessClientCard({
        organizationId: 'org-1',
        organization: 'Müller Bäckerei',
        customer: 'Müller Bäckerei GmbH',
        tenantId: TENANT,
        mark: '⚠️',
        verdictLabel: 'Needs access test',
        verdictColor: 'Attention',
        explanation:
          'The integration’s app is consented in the customer tenant; access has not been tested since.',
        facts: [
          {
            title: 'Relationship',
            value: 'GDAP-Muller-Backerei-GmbH-20261126 (active until 2028-11-26, auto-extends by 6 months)',
          },
          { title: 'Roles', value: '13' },
          { title: 'Access assignments', value: '13 of 13 active' },
          { title: 'App consent', value: 'given 2026-12-03' },
        ],
        nextStep: 'Test access with one read in the customer tenant.',
        stepButton: 'Test access',
        step: 'test-access',
        stateKey: 'test-access:4a2b6c8d',
      }),
  },
  {
    name: 'consent-all-preview',
    template: 'consentAllPreview.json',
    build: () =>
      consentAllPreviewCard({
        summary: '4 of 5 customers need something. This is what comes next for each:',
        rows: [
          {
            organization: 'Northwind Traders',
            plan: "Waiting for the customer’s admin to approve 'GDAP-Northwind-20261126' at https://admin.microsoft.com/AdminPortal/Home#/partners/invitation/granularAdminRelationships/5d1c8a2e-…",
          },
          { organization: 'Fabrikam Dental Group, Fabrikam Dental Lab', plan: ASSIGN },
          { organization: 'Wide World Importers', plan: ASSIGN },
          {
            organization: 'Alpine Ski House',
            plan: "Create the relationship 'GDAP-Alpine-Ski-House-AG-20261203' with 13 roles for 2 years (auto-extends by 6 months) and lock it for approval.",
          },
        ],
        groups: GROUPS,
        more: 0,
        total: 5,
        needWork: 4,
        runId: '5c7e9a10-2b3d-4e5f-8a9b-0c1d2e3f4a5b',
      }),
  },
  {
    name: 'consent-all-results',
    template: 'consentAllResults.json',
    build: () =>
      consentAllResultsCard({
        waitingForCustomer: 44,
        summary:
          'All 200 customers: 150 working, 44 wait for their customer, 2 wait for Microsoft, 4 failed or are blocked.',
        failures: [
          {
            organization: 'Tailspin Toys',
            reason:
              'the customer’s Conditional Access blocks partner users (AADSTS50076): exclude “Service Provider Users”.',
          },
          {
            organization: 'Wide World Importers',
            reason: 'Microsoft Graph kept answering “too many requests”; run again later.',
          },
        ],
        moreFailures: 2,
      }),
  },
  {
    name: 'consent-all-cut-off',
    template: 'consentAllCutOff.json',
    build: () =>
      consentAllCutOffCard({
        runId: '3b9d2f60-7a41-4c8e-9f12-5d6e7a8b9c0d',
        done: 61,
        total: 1623,
        startedBy: 'Lena Hoffmann',
        startedAt: '2026-12-03 09:12 UTC',
      }),
  },
  {
    name: 'approvals-list',
    template: 'approvalsList.json',
    build: () =>
      approvalsListCard({
        summary: '95 customers are waiting for approval, the longest waiting first.',
        rows: [
          {
            organization: 'Northwind Traders',
            customer: 'Northwind Traders Ltd',
            age: 'waiting 41 days, expires in 49 days · reminded 6 days ago',
            link: APPROVAL_LINK,
            message: `Hello, Contoso IT Services asks for delegated admin (GDAP) access to the Microsoft 365 tenant of Northwind Traders Ltd. Only a Global Administrator of Northwind Traders Ltd can approve it: sign in as one and open ${APPROVAL_LINK} — Thank you, Contoso IT Services`,
          },
          {
            organization: 'Alpine Ski House',
            customer: 'Alpine Ski House AG',
            age: 'waiting 12 days, expires in 78 days · not reminded yet',
            link: APPROVAL_LINK,
            message: `Hello, Contoso IT Services asks for delegated admin (GDAP) access to the Microsoft 365 tenant of Alpine Ski House AG. Only a Global Administrator of Alpine Ski House AG can approve it: sign in as one and open ${APPROVAL_LINK} — Thank you, Contoso IT Services`,
          },
        ],
        page: 1,
        pages: 10,
        remindIds: ['5f1c2d3e-4a5b-4c6d-8e7f-9a0b1c2d3e4f-8777b240-c6f0-4469-9e98-a3205431b836'],
        remindTitle: 'Remind the 10 oldest',
        drawnAt: '2026-12-03T09:00:00.000Z',
        csvUrl: 'https://bot.example.com/exports/approvals.csv?expires=1&sig=x',
      }),
  },
  {
    name: 'approval-reminders',
    template: 'approvalReminders.json',
    build: () =>
      approvalRemindersCard({
        summary: '10 customers waiting longest, recorded as reminded today.',
        rows: [
          {
            organization: 'Northwind Traders',
            customer: 'Northwind Traders Ltd',
            age: 'waiting 41 days, expires in 49 days · reminded 6 days ago',
            message: `Hello again, the delegated admin (GDAP) request of Contoso IT Services for Northwind Traders Ltd has been waiting for approval since 41 days ago. Microsoft withdraws it 90 days after it was sent. Only a Global Administrator of Northwind Traders Ltd can approve it: sign in as one and open ${APPROVAL_LINK} — Thank you, Contoso IT Services`,
          },
        ],
      }),
  },
];
