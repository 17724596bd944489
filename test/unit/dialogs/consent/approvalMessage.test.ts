// The message for a customer's Global Administrator names the partner and is signed, as setup configured it.
import assert from 'node:assert/strict';
import type { Activity } from 'botbuilder';
import { randomUUID } from 'node:crypto';
import { SIGN_IN_RESULT_EVENT, type SignInOutcome } from '../../../../dialogs/setup/setupServices.js';
import { DEFAULT_GDAP_ROLE_IDS } from '../../../../services/settings/gdapRoles.js';
import { ADMIN_ACCOUNT, PARTNER_DOMAIN } from '../../../fakes/fakeAuth.js';
import { CUSTOMERS } from '../../../fakes/fakeCustomers.js';
import { cardText, inputValues, press, say, type TestConversation } from '../../../fakes/testConversation.js';
import { mappedChat } from './mappedChat.js';

const NORTHWIND = CUSTOMERS[1];
const PARTNER_NAME = 'Contoso IT Services';

const signedIn: SignInOutcome = {
  ok: true,
  account: ADMIN_ACCOUNT,
  grantedScopes: ['User.Read', 'Directory.Read.All', 'DelegatedAdminRelationship.ReadWrite.All'],
  partnerTenantName: PARTNER_NAME,
};

const card = (replies: Partial<Activity>[]) => replies.find((reply) => reply.attachments?.length)!;

/** Runs the setup wizard with this signature in step 2 and a sign-in that read the partner tenant's name. */
async function setUp({ adapter }: TestConversation, signature: string): Promise<Partial<Activity>> {
  // Installed here, so this chat is an alert destination the wizard can offer.
  await say(adapter, { type: 'installationUpdate', action: 'add' } as Partial<Activity>);
  const integrations = card(await say(adapter, 'setup'));
  const configuration = card(await say(adapter, press(integrations, 'Next', { integrations: 'csp' })));
  const inputs = {
    ...inputValues(configuration),
    partnerTenant: PARTNER_DOMAIN,
    appKind: 'product',
    signature,
  };
  const permissions = card(await say(adapter, press(configuration, 'Next', inputs)));
  await say(adapter, press(permissions, 'Next'));
  return card(await say(adapter, { type: 'event', name: SIGN_IN_RESULT_EVENT, value: signedIn }));
}

/** Northwind's request waits for approval; the text the client's card offers to send to the customer. */
async function messageForNorthwind(conversation: TestConversation): Promise<string> {
  conversation.consentFlow.relationships.set(NORTHWIND.tenantId, [
    {
      id: randomUUID(),
      displayName: 'GDAP-Northwind',
      status: 'approvalPending',
      roleIds: [...DEFAULT_GDAP_ROLE_IDS],
      autoExtendDuration: 'P180D',
    },
  ]);
  const [reply] = await say(conversation.adapter, `consent ${NORTHWIND.displayName}`);
  const text = cardText(reply);
  assert.match(text, /Only a Global Administrator of .+ can approve this request/);
  assert.match(text, /\[Open link \(customer's Global Admin only\)\]/);
  const message = text.split('\n').find((line) => line.startsWith('Hello,'));
  assert.ok(message, text);
  return message;
}

describe('The approval request for the customer', () => {
  it('names the partner tenant the sign-in read, and is signed with it', async () => {
    const conversation = await mappedChat();
    const summary = await setUp(conversation, '');
    assert.match(cardText(summary), /Signature: Contoso IT Services/);
    assert.equal(conversation.store.data.settings?.partnerTenant.displayName, PARTNER_NAME);

    const message = await messageForNorthwind(conversation);
    assert.match(message, /^Hello, Contoso IT Services asks for delegated admin \(GDAP\) access/);
    assert.match(message, /Only a Global Administrator of .+ can approve it/);
    assert.match(message, /— Thank you, Contoso IT Services$/);
    assert.doesNotMatch(message, /your MSP/);
  });

  it('is signed with the signature set in setup, and still names the partner', async () => {
    const conversation = await mappedChat();
    await setUp(conversation, '  Lena Hoffmann,\n Contoso IT Services  ');
    assert.equal(conversation.store.data.settings?.signature, 'Lena Hoffmann, Contoso IT Services');

    const message = await messageForNorthwind(conversation);
    assert.match(message, /^Hello, Contoso IT Services asks/);
    assert.match(message, /— Thank you, Lena Hoffmann, Contoso IT Services$/);
  });
});
