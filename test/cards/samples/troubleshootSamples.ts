// Samples of the troubleshoot card: a client whose consent is missing, and a sign-in that can no longer refresh.
import { troubleshootCard, type TroubleshootCheckRow } from '../../../cards/troubleshootCard.js';
import type { CardSample } from './cardSamples.js';

const ADMIN = 'lena.hoffmann@contosoit.onmicrosoft.com';
const AUTHORIZED: TroubleshootCheckRow[] = [
  {
    mark: 'passed',
    title: 'Setup is done and an account is authorized',
    detail: `Set up for contosoit.onmicrosoft.com; authorized by Lena Hoffmann (${ADMIN}) on 2026-11-02.`,
  },
  {
    mark: 'passed',
    title: 'The account belongs to the partner tenant',
    detail: `${ADMIN} is an account of 3f1e2d4c-5b6a-4789-9abc-def012345678.`,
  },
  {
    mark: 'passed',
    title: 'The account is an Admin Agent or Global Administrator and used MFA',
    detail: `Checked at sign-in on 2026-11-02: ${ADMIN} was Admin Agent and used MFA. The current token still carries MFA.`,
  },
  {
    mark: 'passed',
    title: 'A token can be had now without signing in',
    detail: 'A fresh token came from the saved sign-in; it refreshes on its own.',
  },
  {
    mark: 'passed',
    title: 'The granted permissions cover what the integration needs',
    detail:
      'The current token grants User.Read, Directory.Read.All, DelegatedAdminRelationship.ReadWrite.All, Group.ReadWrite.All.',
  },
];

export const TROUBLESHOOT_SAMPLES: CardSample[] = [
  {
    name: 'troubleshoot-client-consent-missing',
    template: 'troubleshoot.json',
    build: () =>
      troubleshootCard({
        title: 'Troubleshoot Müller Bäckerei',
        summary:
          '1 check failed and 1 waited for it. Start with the first ✗: the ones after it often follow from it.',
        allPassed: false,
        sections: [
          { heading: 'Authorization', checks: AUTHORIZED },
          {
            heading: 'Client: Müller Bäckerei',
            checks: [
              {
                mark: 'passed',
                title: 'Mapped to exactly one CSP customer',
                detail:
                  'Müller Bäckerei is mapped to Müller Bäckerei GmbH (0f4c1b2a-8d3e-4f56-9a7b-1c2d3e4f5a6b).',
              },
              {
                mark: 'passed',
                title: 'The customer is in the CSP customer list',
                detail: 'Müller Bäckerei GmbH · muellerbaeckerei.onmicrosoft.com · ResellerPartner contract.',
              },
              {
                mark: 'passed',
                title: 'A GDAP relationship is active',
                detail: "'GDAP-Mueller-2026' is active until 2028-10-30 and auto-extends by 6 months.",
              },
              {
                mark: 'passed',
                title: 'The relationship has every configured role',
                detail: 'All 12 configured roles.',
              },
              {
                mark: 'passed',
                title: 'Access assignments are active',
                detail: '12 of 12 roles are assigned to your security groups and active.',
              },
              {
                mark: 'failed',
                title: 'The integration’s app is consented',
                detail: 'No consent is recorded for the integration’s app in this tenant.',
                fix: 'Consent the app from the client’s consent card (partner-led consent through Partner Center).',
              },
              {
                mark: 'skipped',
                title: 'A test read in the customer tenant works',
                detail:
                  'Skipped until “The integration’s app is consented” passes. A test read cannot work before.',
              },
            ],
          },
        ],
        buttons: [
          { title: 'Open the consent card', data: { action: 'consent.open', organizationId: 'org-1' } },
          { title: 'Check again', data: { action: 'troubleshoot.run', organizationId: 'org-1' } },
        ],
      }),
  },
  {
    name: 'troubleshoot-sign-in-expired',
    template: 'troubleshoot.json',
    build: () =>
      troubleshootCard({
        title: 'Troubleshoot',
        summary:
          '1 check failed and 1 waited for it. Start with the first ✗: the ones after it often follow from it.',
        allPassed: false,
        sections: [
          {
            heading: 'Authorization',
            checks: [
              ...AUTHORIZED.slice(0, 3),
              {
                mark: 'failed',
                title: 'A token can be had now without signing in',
                detail:
                  'The saved sign-in is no longer valid. An administrator needs to run setup and sign in again. The refresh token expired or was revoked.',
                fix: 'An MSP administrator runs **setup** and signs in again with the partner admin account.',
              },
              {
                mark: 'passed',
                title: 'The granted permissions cover what the integration needs',
                detail:
                  'The sign-in grants User.Read, Directory.Read.All, DelegatedAdminRelationship.ReadWrite.All, Group.ReadWrite.All.',
              },
            ],
          },
        ],
        picker: {
          organizationChoices: [
            { title: 'Müller Bäckerei', value: 'org-1' },
            { title: 'Northwind Traders', value: 'org-2' },
            { title: 'Fabrikam Dental Group', value: 'org-3' },
          ],
          organizationsDynamic: false,
        },
        pickerNote: 'Pick a client to check it too, or type **troubleshoot** and its name.',
        buttons: [
          { title: 'Sign in again', data: { action: 'runCommand', command: 'setup' } },
          { title: 'Check again', data: { action: 'troubleshoot.run' } },
        ],
      }),
  },
];
