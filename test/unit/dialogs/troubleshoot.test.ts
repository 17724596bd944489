// `troubleshoot` in chat: the sign-in checked step by step, a client picked or named, each ✗ with a button to its fix.
import assert from 'node:assert/strict';
import { InteractionRequiredAuthError } from '@azure/msal-node';
import { ConversationState, MemoryStorage, type Activity } from 'botbuilder';
import pino from 'pino';
import { installTurnErrorHandler } from '../../../bot/adapter.js';
import { AppError, ERROR_MESSAGES } from '../../../services/errors.js';
import { DEFAULT_GDAP_ROLE_IDS } from '../../../services/settings/gdapRoles.js';
import { GRAPH_SIGN_IN_SCOPES } from '../../../services/settings/permissionCatalog.js';
import { CUSTOMERS } from '../../fakes/fakeCustomers.js';
import {
  READER_ID,
  actionData,
  cardText,
  press,
  say,
  testConversation,
  type TestConversation,
} from '../../fakes/testConversation.js';
import {
  HOME_ACCOUNT_ID,
  authorizedSettings,
  relationship,
} from '../services/troubleshoot/troubleshootFixtures.js';

const [MULLER, NORTHWIND] = CUSTOMERS;
const NOT_IN_LIST = '5e6f7081-92a3-4b42-8def-012345678912';

/** Set up and signed in; Müller (org-0) and Northwind (org-1) are mapped, Müller with everything in place. */
async function signedInChat(options: Parameters<typeof testConversation>[0] = {}): Promise<TestConversation> {
  const conversation = await testConversation(options);
  conversation.auth.sessions.set(HOME_ACCOUNT_ID, { grantedScopes: [...GRAPH_SIGN_IN_SCOPES], mfa: true });
  await conversation.store.update((data) => {
    data.settings = authorizedSettings();
    [MULLER, NORTHWIND].forEach((customer, i) => {
      data.organizations[`org-${i}`] = {
        id: `org-${i}`,
        name: customer.displayName,
        createdAt: '',
        updatedAt: '',
      };
      data.mappings[`m-${i}`] = {
        id: `m-${i}`,
        organizationId: `org-${i}`,
        customerTenantId: customer.tenantId,
        createdAt: '',
        createdBy: '',
      };
    });
    data.mappingRevision += 1;
  });
  const flow = conversation.consentFlow;
  const r = relationship('active');
  flow.relationships.set(MULLER.tenantId, [r]);
  flow.assignments.set(r.id, [{ id: 'a', status: 'active', groupId: 'g', roleIds: [...r.roleIds] }]);
  flow.consents.add(MULLER.tenantId);
  return conversation;
}

/** The lines of a check on the card: its mark, title, detail and fix. */
function checkLines(card: Partial<Activity>, title: string): string {
  const lines = cardText(card).split('\n');
  const at = lines.indexOf(title);
  assert.ok(at > 0, `no check "${title}" on the card:\n${lines.join('\n')}`);
  const end = lines.findIndex((line, i) => i > at && /^[✓✗–]$/.test(line));
  return lines.slice(at - 1, end === -1 ? undefined : end).join('\n');
}

describe('Troubleshoot', () => {
  it('shows every check passed for a working sign-in and client', async () => {
    const { adapter } = await signedInChat();
    const [card] = await say(adapter, `troubleshoot ${MULLER.displayName}`);
    const text = cardText(card);
    assert.match(text, /All 12 checks passed\./);
    assert.doesNotMatch(text, /^✗$/m);
    assert.match(checkLines(card, 'A test read in the customer tenant works'), /^✓/);
    assert.deepEqual(Object.keys(actionData(card, 'Check again')), ['action', 'organizationId']);
  });

  it('before setup: the setup ✗ with a Run setup button that starts the wizard', async () => {
    const { adapter } = await testConversation();
    const [card] = await say(adapter, 'troubleshoot');
    assert.match(checkLines(card, 'Setup is done and an account is authorized'), /^✗\n.*\n.*not set up yet/);
    assert.match(checkLines(card, 'A token can be had now without signing in'), /^–\n.*\nSkipped until/);
    const [wizard] = await say(adapter, press(card, 'Run setup'));
    assert.match(cardText(wizard), /Step 1 of 5/);
  });

  it('lets a non-admin look, without buttons that change anything', async () => {
    const { adapter } = await testConversation({ userId: READER_ID });
    const [card] = await say(adapter, 'troubleshoot');
    assert.match(cardText(card), /✗/);
    assert.doesNotMatch(cardText(card), /\[Run setup\]/);
    assert.match(cardText(card), /\[Check again\]/);
  });

  it('a token that cannot be refreshed is a ✗ that says to sign in again, and blocks the client’s reads', async () => {
    const conversation = await signedInChat();
    conversation.auth.refusals.set(
      HOME_ACCOUNT_ID,
      new InteractionRequiredAuthError('invalid_grant', 'c', 'AADSTS50173: The provided grant has expired.'),
    );
    const [card] = await say(conversation.adapter, `troubleshoot ${MULLER.displayName}`);
    const token = checkLines(card, 'A token can be had now without signing in');
    assert.match(token, /^✗/);
    assert.match(token, /Fix:\*\* An MSP administrator runs \*\*setup\*\* and signs in again/);
    assert.match(
      checkLines(card, 'A GDAP relationship is active'),
      /^–\n.*\nSkipped until “A token can be had/,
    );
    assert.match(cardText(card), /\[Sign in again\]/);
  });

  it('a missing permission is named with the app consent fix', async () => {
    const conversation = await signedInChat();
    conversation.auth.sessions.set(HOME_ACCOUNT_ID, {
      grantedScopes: GRAPH_SIGN_IN_SCOPES.filter((scope) => scope !== 'Group.ReadWrite.All'),
      mfa: true,
    });
    const [card] = await say(conversation.adapter, 'troubleshoot');
    const scopes = checkLines(card, 'The granted permissions cover what the integration needs');
    assert.match(scopes, /^✗\n.*\nThe current token lacks Group\.ReadWrite\.All\./);
    assert.match(scopes, /accepts the permissions for the organisation/);
  });

  describe('a client with one thing wrong', () => {
    const cases: {
      what: string;
      arrange: (conversation: TestConversation) => unknown;
      check: string;
      expect: RegExp;
      button?: string;
    }[] = [
      {
        what: 'not in the CSP customer list',
        arrange: ({ store }) =>
          store.update((data) => {
            data.mappings['m-0'].customerTenantId = NOT_IN_LIST;
          }),
        check: 'The customer is in the CSP customer list',
        expect: /is not in the synced CSP customer list/,
        button: 'Sync customers',
      },
      {
        what: 'no relationship',
        arrange: ({ consentFlow }) => consentFlow.relationships.delete(MULLER.tenantId),
        check: 'A GDAP relationship is active',
        expect: /There is no GDAP relationship with this customer/,
        button: 'Open the consent card',
      },
      {
        what: 'roles missing',
        arrange: ({ consentFlow }) => {
          const r = relationship('active', DEFAULT_GDAP_ROLE_IDS.slice(0, 12));
          consentFlow.relationships.set(MULLER.tenantId, [r]);
          consentFlow.assignments.set(r.id, [
            { id: 'a', status: 'active', groupId: 'g', roleIds: r.roleIds },
          ]);
        },
        check: 'The relationship has every configured role',
        expect: /lacks 1 configured role\(s\): User Administrator/,
        button: 'Open the consent card',
      },
      {
        what: 'assignments missing',
        arrange: ({ consentFlow }) => consentFlow.assignments.clear(),
        check: 'Access assignments are active',
        expect: /0 of 13 roles are usable \(not assigned:/,
        button: 'Open the consent card',
      },
      {
        what: 'consent missing',
        arrange: ({ consentFlow }) => consentFlow.consents.clear(),
        check: 'The integration’s app is consented',
        expect: /No consent is recorded/,
        button: 'Open the consent card',
      },
      {
        what: 'the test read failing',
        arrange: ({ consentFlow }) =>
          consentFlow.accessAnswers.set(MULLER.tenantId, 'Provide valid credential: user is a guest.'),
        check: 'A test read in the customer tenant works',
        expect: new RegExp(escape(ERROR_MESSAGES.CUSTOMER_ACCESS_NOT_IN_GROUP)),
      },
    ];
    for (const { what, arrange, check, expect, button } of cases) {
      it(`${what}: that check is ✗ with its fix`, async () => {
        const conversation = await signedInChat();
        await arrange(conversation);
        const [card] = await say(conversation.adapter, `troubleshoot ${MULLER.displayName}`);
        const lines = checkLines(card, check);
        assert.match(lines, /^✗/);
        assert.match(lines, expect);
        assert.match(lines, /Fix:\*\* /);
        if (button) assert.match(cardText(card), new RegExp(`\\[${button}\\]`));
      });
    }
  });

  it('the consent button opens the client’s consent card', async () => {
    const conversation = await signedInChat();
    conversation.consentFlow.consents.clear();
    const [card] = await say(conversation.adapter, `troubleshoot ${MULLER.displayName}`);
    const [consent] = await say(conversation.adapter, press(card, 'Open the consent card'));
    assert.match(cardText(consent), /Needs consent/);
  });

  it('answers an unknown client name politely and changes nothing', async () => {
    const { adapter, store } = await signedInChat();
    // Only the conversation's own bot state may be written by a turn.
    const saved = () => JSON.stringify({ ...store.data, botState: undefined });
    const before = saved();
    const [reply] = await say(adapter, 'troubleshoot Tailspin Toys');
    assert.match(String(reply.text), /I found no organization called “Tailspin Toys”/);
    assert.equal(saved(), before);
  });

  it('checks the client picked on the card', async () => {
    const { adapter } = await signedInChat();
    const [card] = await say(adapter, 'troubleshoot');
    assert.match(cardText(card), /Pick a client to check it too/);
    const [checked] = await say(adapter, press(card, 'Check this client', { organizationId: 'org-1' }));
    assert.match(cardText(checked), /Client: Northwind Traders Ltd/);
    assert.match(checkLines(checked, 'A GDAP relationship is active'), /^✗/);
  });

  it('says so when a picked client no longer exists, and shows the checks without it', async () => {
    const { adapter } = await signedInChat();
    const replies = await say(adapter, {
      type: 'message',
      value: { action: 'troubleshoot.run', organizationId: 'gone' },
    });
    assert.equal(replies[0].text, ERROR_MESSAGES.ORGANIZATION_NOT_FOUND);
    assert.match(cardText(replies[1]), /Pick a client to check it too/);
  });

  it('"What’s wrong?" on a failed consent step checks that client', async () => {
    const conversation = await signedInChat();
    conversation.consentFlow.consents.clear();
    conversation.consentFlow.failing.set(MULLER.tenantId, new AppError('CUSTOMER_CONSENT_MISSING', 'test'));
    const [client] = await say(conversation.adapter, `consent ${MULLER.displayName}`);
    const [notice] = await say(conversation.adapter, press(client, 'Consent the app'));
    assert.match(cardText(notice), /AADSTS65001/);
    assert.deepEqual(actionData(notice, 'What’s wrong?'), {
      action: 'troubleshoot.run',
      organizationId: 'org-0',
    });
    const [card] = await say(conversation.adapter, press(notice, 'What’s wrong?'));
    assert.match(cardText(card), /Client: Müller Bäckerei GmbH/);
    assert.match(checkLines(card, 'The integration’s app is consented'), /^✗/);
  });

  it('"What’s wrong?" on the turn error card for a lost sign-in runs the checks', async () => {
    const conversation = await signedInChat();
    withTurnErrorCard(conversation);
    conversation.consentFlow.readState = async () => {
      throw new AppError('SIGN_IN_REQUIRED', 'refresh refused');
    };
    const [error] = await say(conversation.adapter, {
      type: 'message',
      value: { action: 'consent.list', page: 1 },
    });
    assert.match(cardText(error), /That did not work/);
    assert.deepEqual(actionData(error, 'What’s wrong?'), { action: 'troubleshoot.run' });
    const [card] = await say(conversation.adapter, press(error, 'What’s wrong?'));
    assert.match(cardText(card), /^Troubleshoot$/m);
  });

  it('the turn error card has no "What’s wrong?" for errors it cannot explain', async () => {
    const conversation = await signedInChat();
    withTurnErrorCard(conversation);
    conversation.consentFlow.readState = async () => {
      throw new Error('a bug');
    };
    const [error] = await say(conversation.adapter, `consent ${MULLER.displayName}`);
    assert.match(cardText(error), /Something went wrong on our side/);
    assert.doesNotMatch(cardText(error), /What’s wrong/);
  });

  it('status has a Troubleshoot button that runs it', async () => {
    const { adapter } = await testConversation({ userId: READER_ID });
    const [status] = await say(adapter, 'status');
    const [card] = await say(adapter, press(status, 'Troubleshoot'));
    assert.match(cardText(card), /Setup is done and an account is authorized/);
  });
});

function escape(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** The production turn error handler on the test adapter, so a thrown error shows the card users see. */
function withTurnErrorCard(conversation: TestConversation): void {
  installTurnErrorHandler(
    conversation.adapter,
    new ConversationState(new MemoryStorage()),
    pino({ level: 'silent' }),
  );
}
