// Every card the bot sends, built from realistic data: checked by the schema test, drawn by `npm run cards`.
import type { CardAttachment } from '../../../cards/cardAttachment.js';
import { helpCard } from '../../../cards/helpCard.js';
import { noticeCard } from '../../../cards/noticeCard.js';
import { statusCard } from '../../../cards/statusCard.js';
import { welcomeCard } from '../../../cards/welcomeCard.js';
import { ACCESS_SAMPLES } from './accessSamples.js';
import { ALERT_SAMPLES } from './alertSamples.js';
import { MAPPING_SAMPLES } from './mappingSamples.js';
import { SETUP_SAMPLES } from './setupSamples.js';
import { TROUBLESHOOT_SAMPLES } from './troubleshootSamples.js';

export interface CardSample {
  /** Unique, kebab-case: it names the picture `docs/cards/<name>.png`. */
  name: string;
  /** The template the builder expands, as a file name under cards/templates. */
  template: string;
  build: () => CardAttachment;
}

// The MSP the samples are written for, and some of its clients.
const MSP = 'Contoso IT Services';
const PARTNER_TENANT = 'contosoit.onmicrosoft.com';
const PARTNER_ADMIN = 'lena.hoffmann@contosoit.onmicrosoft.com';
const CLIENT = 'Müller Bäckerei GmbH';

const HELP_COMMANDS = [
  { name: 'setup', description: 'Set up Microsoft CSP step by step and sign in to authorize it.' },
  {
    name: 'organizations',
    description: 'Your client organizations: add, rename, remove; attach a CSV to import.',
  },
  {
    name: 'troubleshoot',
    description: 'Check the sign-in, or a client when you add its name, step by step with the fix for each.',
  },
  { name: 'status', description: 'What is set up so far, and what to do next.' },
  { name: 'signout', description: 'Forget the signed-in partner account and its tokens.' },
  { name: 'help', description: 'What I can do for you.' },
  { name: 'cancel', description: 'Stop what we are doing; nothing half-done is saved.' },
];

// Add one entry (or a few, for a card's distinct states) per new template and builder.
export const CARD_SAMPLES: CardSample[] = [
  {
    name: 'help',
    template: 'help.json',
    build: () =>
      helpCard({
        title: 'CSP Integration Bot',
        intro:
          'I set up Microsoft CSP for your MSP, map your clients to their customer tenants and keep delegated access working. Type a command or use a button.',
        commands: HELP_COMMANDS,
        buttons: [
          { title: 'Status', command: 'status' },
          { title: 'Set up', command: 'setup' },
        ],
        footer: 'You are an MSP administrator: you can change settings.',
      }),
  },
  {
    name: 'help-unknown-command',
    template: 'help.json',
    build: () =>
      helpCard({
        title: 'CSP Integration Bot',
        intro: 'I don\'t know "stauts". Here is what I can do:',
        suggestion: 'Did you mean **status**?',
        commands: HELP_COMMANDS.map((command) =>
          ['setup', 'signout'].includes(command.name)
            ? { ...command, description: `${command.description} (administrators only)` }
            : command,
        ),
        buttons: [{ title: 'Status', command: 'status' }],
        footer: 'You can look at everything; an MSP administrator can make changes.',
      }),
  },
  {
    name: 'welcome',
    template: 'welcome.json',
    build: () =>
      welcomeCard({
        orgName: MSP,
        steps: [
          { title: 'Set up', text: 'connect Microsoft CSP and sign in with a partner admin account.' },
          {
            title: 'Map clients',
            text: 'link each of your client organizations to its CSP customer tenant.',
          },
          { title: 'Delegated access', text: 'create and check GDAP relationships and consent per client.' },
          { title: 'Alerts', text: 'I post here when mappings conflict or delegated access breaks.' },
        ],
        roleNote: 'You are an MSP administrator, so you can change settings.',
      }),
  },
  {
    name: 'status-not-set-up',
    template: 'status.json',
    build: () =>
      statusCard({
        items: [
          {
            label: 'Microsoft CSP integration',
            done: false,
            detail:
              'Not set up yet. An MSP administrator runs setup and signs in with a partner admin account.',
          },
          { label: 'Authorization', done: false, detail: 'Happens at the end of setup.' },
          { label: 'Where I am installed', done: true, detail: '1 chat or channel can receive alerts.' },
        ],
        userName: 'Jonas Weber',
        role: 'read-only',
        environment: 'Microsoft cloud',
        buttons: [{ title: 'Help', command: 'help' }],
      }),
  },
  {
    name: 'status-ready',
    template: 'status.json',
    build: () =>
      statusCard({
        items: [
          { label: 'Microsoft CSP integration', done: true, detail: `Set up for ${PARTNER_TENANT}.` },
          {
            label: 'Authorization',
            done: true,
            detail: `Signed in as ${PARTNER_ADMIN}; tokens refresh on their own.`,
          },
          { label: 'Where I am installed', done: true, detail: '3 chats or channels can receive alerts.' },
        ],
        userName: 'Lena Hoffmann',
        role: 'MSP administrator',
        environment: 'Microsoft cloud',
        buttons: [
          { title: 'Change setup', command: 'setup' },
          { title: 'Troubleshoot', command: 'troubleshoot' },
          { title: 'Help', command: 'help' },
        ],
      }),
  },
  {
    name: 'notice-error',
    template: 'notice.json',
    build: () =>
      noticeCard({
        kind: 'error',
        title: 'That did not work',
        message:
          'Something went wrong on my side. If it keeps happening, give your administrator the reference below.',
        correlationId: '7f3c9a2e-41b8-4d0a-9c6e-2b5f8e1d4a73',
        buttons: [{ title: 'Help', command: 'help' }],
      }),
  },
  {
    name: 'notice-mapping-conflict',
    template: 'notice.json',
    build: () =>
      noticeCard({
        kind: 'warning',
        title: `${CLIENT} is linked to 2 CSP customers`,
        message:
          'One or more organizations are linked to multiple customers. This will cause errors when attempting to run Microsoft actions on these organizations. Keep one CSP customer for each organization and remove the other mapping.',
        buttons: [{ title: 'Status', command: 'status' }],
      }),
  },
  {
    name: 'notice-signed-out',
    template: 'notice.json',
    build: () =>
      noticeCard({
        kind: 'info',
        title: 'Signed out',
        message: `I forgot ${PARTNER_ADMIN} and its tokens. Run setup again to sign in for ${MSP}.`,
      }),
  },
  ...SETUP_SAMPLES,
  ...MAPPING_SAMPLES,
  ...ACCESS_SAMPLES,
  ...TROUBLESHOOT_SAMPLES,
  ...ALERT_SAMPLES,
];
