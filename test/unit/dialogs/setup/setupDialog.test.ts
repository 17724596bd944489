import assert from 'node:assert/strict';
import type { Activity } from 'botbuilder';
import { Memory } from 'lowdb';
import { ERROR_MESSAGES } from '../../../../services/errors.js';
import { SIGN_IN_RESULT_EVENT, type SignInOutcome } from '../../../../dialogs/setup/setupServices.js';
import { AppStore } from '../../../../services/store/appStore.js';
import type { StoreData } from '../../../../services/store/storeData.js';
import { ADMIN_ACCOUNT, FakeAuth, PARTNER_DOMAIN, PARTNER_TENANT_ID } from '../../../fakes/fakeAuth.js';
import {
  READER_ID,
  cardText,
  inputValues,
  press,
  say,
  testConversation,
  type TestConversation,
} from '../../../fakes/testConversation.js';

const GLOBAL_ADMIN = '62e90394-69f5-4237-9190-012177145e10';

const signedIn: SignInOutcome = {
  ok: true,
  account: ADMIN_ACCOUNT,
  grantedScopes: [
    'User.Read',
    'Directory.Read.All',
    'DelegatedAdminRelationship.ReadWrite.All',
    'Group.ReadWrite.All',
  ],
};

const signInEvent = (value: SignInOutcome): Partial<Activity> => ({
  type: 'event',
  name: SIGN_IN_RESULT_EVENT,
  value,
});

/** The bot installed in this chat, so "this chat" is an alert destination. */
async function installed(options: Parameters<typeof testConversation>[0] = {}): Promise<TestConversation> {
  const conversation = await testConversation(options);
  await say(conversation.adapter, { type: 'installationUpdate', action: 'add' } as Partial<Activity>);
  return conversation;
}

function validConfiguration(card: Partial<Activity>): Record<string, string> {
  return { ...inputValues(card), partnerTenant: PARTNER_DOMAIN, appKind: 'product' };
}

/** Walks the wizard to the sign-in card and returns the replies of each step. */
async function toSignIn({ adapter }: TestConversation) {
  const [integrations] = await say(adapter, 'setup');
  const [configuration] = await say(adapter, press(integrations, 'Next', { integrations: 'csp,intune' }));
  const [permissions] = await say(adapter, press(configuration, 'Next', validConfiguration(configuration)));
  const [signIn] = await say(adapter, press(permissions, 'Next'));
  return { integrations, configuration, permissions, signIn };
}

describe('Setup wizard', () => {
  it('walks an admin through every step and saves everything only at the end', async () => {
    const conversation = await installed();
    const { integrations, configuration, permissions, signIn } = await toSignIn(conversation);
    assert.match(cardText(integrations), /Step 1 of 5 · Select integrations/);
    assert.match(cardText(configuration), /Step 2 of 5 · Configuration parameters/);
    assert.match(cardText(permissions), /DelegatedAdminRelationship\.ReadWrite\.All/);
    assert.match(cardText(permissions), /Intune Administrator/);
    assert.match(cardText(signIn), /Step 4 of 5 · Authorize/);
    assert.equal(conversation.store.data.settings, undefined, 'nothing may be saved before sign-in');

    const [request] = conversation.auth.signIns;
    assert.equal(request.tenantId, PARTNER_TENANT_ID);
    assert.deepEqual(request.appRegistration, { kind: 'product' });

    const [summary] = await say(conversation.adapter, signInEvent(signedIn));
    assert.match(cardText(summary), /Microsoft CSP is set up/);
    assert.match(cardText(summary), /Megan Bowen/);
    assert.match(cardText(summary), /GDAP defaults: 2 years, auto-extends by 6 months/);
    assert.match(cardText(summary), /\[Map clients\]/);
    const settings = conversation.store.data.settings!;
    assert.deepEqual(settings.integrations, ['csp', 'intune']);
    assert.equal(settings.partnerTenant.tenantId, PARTNER_TENANT_ID);
    assert.equal(settings.gdap.duration, 'P730D');
    assert.equal(settings.gdap.roleIds.length, 13);
    assert.equal(settings.authorizedAccount.upn, signedIn.ok ? signedIn.account.upn : '');
    assert.equal(conversation.store.data.audit.length, 1);
  });

  it('requires Microsoft CSP among the integrations', async () => {
    const { adapter } = await installed();
    const [integrations] = await say(adapter, 'setup');
    const [again] = await say(adapter, press(integrations, 'Next', { integrations: 'intune' }));
    assert.match(cardText(again), /Microsoft CSP is required/);
    assert.match(cardText(again), /Step 1 of 5/);
  });

  it('brings the configuration card back with each error next to its field and the values kept', async () => {
    const { adapter, store } = await installed();
    const [integrations] = await say(adapter, 'setup');
    const [configuration] = await say(adapter, press(integrations, 'Next', { integrations: 'csp' }));
    const [again] = await say(
      adapter,
      press(configuration, 'Next', {
        ...inputValues(configuration),
        appKind: 'own',
        clientId: 'not-a-guid',
        clientSecret: '',
        partnerTenant: 'nowhere.example',
        durationDays: '0',
        roleIds: `${GLOBAL_ADMIN},fe930be7-5e62-47db-91af-98c3a49a38b1`,
        autoExtend: 'P180D',
        groupPrefix: '@bad',
      }),
    );
    const text = cardText(again);
    assert.match(text, /Some values need a change/);
    assert.match(text, /Application \(client\) ID: a GUID/);
    assert.match(text, /Paste a client secret/);
    assert.match(text, /from 1 to 730/);
    assert.match(text, /Global Administrator cannot auto-extend/);
    assert.match(text, /starting with a letter or digit/);
    const kept = inputValues(again);
    assert.equal(kept.clientId, 'not-a-guid');
    assert.equal(kept.durationDays, '0');
    assert.equal(kept.groupPrefix, '@bad');
    assert.equal(store.data.settings, undefined);
  });

  it('asks politely for a shorter signature, keeps what was typed, and saves nothing', async () => {
    const { adapter, store } = await installed();
    const [integrations] = await say(adapter, 'setup');
    const [configuration] = await say(adapter, press(integrations, 'Next', { integrations: 'csp' }));
    const long = `Lena Hoffmann, Contoso IT Services, ${'support '.repeat(10)}desk`;
    const [again] = await say(
      adapter,
      press(configuration, 'Next', { ...validConfiguration(configuration), signature: long }),
    );
    assert.match(cardText(again), /Keep the signature to 100 characters or fewer \(it has 120\)\./);
    assert.match(cardText(again), /Step 2 of 5/);
    assert.equal(inputValues(again).signature, long);
    assert.equal(store.data.settings, undefined);
  });

  it('forgets the partner tenant name read at sign-in when the partner tenant changes', async () => {
    const conversation = await installed();
    await toSignIn(conversation);
    await say(conversation.adapter, signInEvent({ ...signedIn, partnerTenantName: 'Contoso IT Services' }));
    assert.equal(conversation.store.data.settings?.partnerTenant.displayName, 'Contoso IT Services');

    conversation.auth.tenants.set('fabrikam.onmicrosoft.com', PARTNER_TENANT_ID);
    const [, integrations] = await say(conversation.adapter, 'setup');
    const [configuration] = await say(
      conversation.adapter,
      press(integrations, 'Next', inputValues(integrations)),
    );
    assert.equal(inputValues(configuration).signature, '');
    assert.match(JSON.stringify(configuration.attachments), /Empty: signed “Contoso IT Services”/);
    const [permissions] = await say(
      conversation.adapter,
      press(configuration, 'Next', {
        ...validConfiguration(configuration),
        partnerTenant: 'fabrikam.onmicrosoft.com',
      }),
    );
    await say(conversation.adapter, press(permissions, 'Next'));
    // This sign-in could not read the tenant's name: the other tenant's name must not stay.
    const [summary] = await say(conversation.adapter, signInEvent(signedIn));
    assert.match(cardText(summary), /Signature: unsigned/);
    assert.equal(conversation.store.data.settings?.partnerTenant.displayName, undefined);
  });

  it('explains a tenant that cannot be found', async () => {
    const { adapter } = await installed();
    const [integrations] = await say(adapter, 'setup');
    const [configuration] = await say(adapter, press(integrations, 'Next', { integrations: 'csp' }));
    const [again] = await say(
      adapter,
      press(configuration, 'Next', {
        ...validConfiguration(configuration),
        partnerTenant: 'nowhere.example',
      }),
    );
    assert.match(cardText(again), /could not find a Microsoft tenant for 'nowhere.example'/);
  });

  it('goes back a step with the earlier answers kept', async () => {
    const { adapter } = await installed();
    const [integrations] = await say(adapter, 'setup');
    const [configuration] = await say(adapter, press(integrations, 'Next', { integrations: 'csp,exchange' }));
    const [back] = await say(adapter, press(configuration, 'Back'));
    assert.match(cardText(back), /Step 1 of 5/);
    assert.equal(inputValues(back).integrations, 'csp,exchange');
  });

  it('cancels from the Cancel button and saves nothing', async () => {
    const conversation = await installed();
    const { signIn } = await toSignIn(conversation);
    const [cancelled] = await say(conversation.adapter, press(signIn, 'Cancel'));
    assert.equal(cancelled.text, 'Setup cancelled. Nothing was saved.');
    assert.equal(conversation.store.data.settings, undefined);
  });

  it('cancels when the user types cancel at any step', async () => {
    const { adapter, store } = await installed();
    await say(adapter, 'setup');
    const [cancelled] = await say(adapter, 'cancel');
    assert.equal(cancelled.text, 'Cancelled. Nothing was saved.');
    const [help] = await say(adapter, 'help');
    assert.match(cardText(help), /CSP Integration Bot/);
    assert.equal(store.data.settings, undefined);
  });

  it('applies a double click once: the second click changes nothing and posts no second card', async () => {
    const { adapter } = await installed();
    const [integrations] = await say(adapter, 'setup');
    const next = press(integrations, 'Next', { integrations: 'csp' });
    const [configuration] = await say(adapter, next);
    assert.match(cardText(configuration), /Step 2 of 5/);
    const replies = await say(adapter, next);
    assert.equal(replies.length, 1, 'only a notice, no second Step 2 card');
    assert.match(String(replies[0].text), /no longer current, so nothing was changed/);
    const [permissions] = await say(adapter, press(configuration, 'Next', validConfiguration(configuration)));
    assert.match(cardText(permissions), /Step 3 of 5/);
  });

  it('applies nothing from a button of an older card, and shows where we are', async () => {
    const { adapter } = await installed();
    const [integrations] = await say(adapter, 'setup');
    const [configuration] = await say(adapter, press(integrations, 'Next', { integrations: 'csp' }));
    await say(adapter, press(configuration, 'Next', validConfiguration(configuration)));
    const replies = await say(adapter, press(integrations, 'Next', { integrations: 'csp' }));
    assert.match(String(replies[0].text), /no longer current, so nothing was changed/);
    assert.match(cardText(replies[1]), /Step 3 of 5/);
  });

  it('shows the current step again, as a card that works, when setup is typed during the wizard', async () => {
    const { adapter } = await installed();
    const [integrations] = await say(adapter, 'setup');
    await say(adapter, press(integrations, 'Next', { integrations: 'csp,intune' }));
    // The chat was reloaded: the Step 2 card is out of sight, and the user types setup again.
    const [note, configuration] = await say(adapter, 'setup');
    assert.match(String(note.text), /middle of \*\*setup\*\*: here is the current step again/);
    assert.match(cardText(configuration), /Step 2 of 5/);
    const [permissions] = await say(adapter, press(configuration, 'Next', validConfiguration(configuration)));
    assert.match(cardText(permissions), /Step 3 of 5/);
    assert.match(cardText(permissions), /Intune Administrator/, 'the draft is kept');
  });

  it('shows the sign-in step again with a new sign-in link when setup is typed at it', async () => {
    const conversation = await installed();
    const { signIn } = await toSignIn(conversation);
    const [, again] = await say(conversation.adapter, 'setup');
    assert.match(cardText(again), /Step 4 of 5 · Authorize/);
    assert.equal(conversation.auth.signIns.length, 2, 'a fresh sign-in, not the old link');
    assert.notDeepEqual(again.attachments, signIn.attachments);
    const [summary] = await say(conversation.adapter, signInEvent(signedIn));
    assert.match(cardText(summary), /Microsoft CSP is set up/);
  });

  it('says a card of a cancelled wizard belongs to a cancelled setup and how to start again', async () => {
    const { adapter, store } = await installed();
    const [integrations] = await say(adapter, 'setup');
    const [configuration] = await say(adapter, press(integrations, 'Next', { integrations: 'csp' }));
    const [cancelled] = await say(adapter, press(configuration, 'Cancel'));
    assert.equal(cancelled.text, 'Setup cancelled. Nothing was saved.');
    const replies = await say(adapter, press(configuration, 'Next', validConfiguration(configuration)));
    assert.equal(replies.length, 1);
    assert.equal(
      replies[0].text,
      'That setup was cancelled, so nothing was saved. Type **setup** to start again.',
    );
    assert.equal(store.data.settings, undefined);
    const [fresh] = await say(adapter, 'setup');
    assert.match(cardText(fresh), /Step 1 of 5/);
  });

  it('does not claim a card of a finished setup was cancelled', async () => {
    const conversation = await installed();
    const { permissions } = await toSignIn(conversation);
    await say(conversation.adapter, signInEvent(signedIn));
    const [reply] = await say(conversation.adapter, press(permissions, 'Next'));
    assert.match(
      String(reply.text),
      /That setup is closed \(it was cancelled or finished\), so nothing was changed/,
    );
    assert.match(String(reply.text), /Type \*\*setup\*\*/);
  });

  it('answers typed help during the wizard without losing the step', async () => {
    const { adapter } = await installed();
    const [integrations] = await say(adapter, 'setup');
    const [help] = await say(adapter, 'help');
    assert.match(cardText(help), /\*\*setup\*\*/);
    const [configuration] = await say(adapter, press(integrations, 'Next', { integrations: 'csp' }));
    assert.match(cardText(configuration), /Step 2 of 5/);
  });

  it('refuses setup to a user who is not an MSP admin', async () => {
    const { adapter } = await installed({ userId: READER_ID });
    const [refusal] = await say(adapter, 'setup');
    assert.match(String(refusal.text), new RegExp(ERROR_MESSAGES.NOT_ADMIN.slice(0, 30)));
  });

  it('refuses a non-admin pressing an admin’s wizard card in a shared chat, changing nothing', async () => {
    const store = await AppStore.open(new Memory<StoreData>());
    const admin = await installed({ store, conversationType: 'groupChat' });
    const [integrations] = await say(admin.adapter, 'setup');
    const reader = await testConversation({ store, userId: READER_ID, conversationType: 'groupChat' });
    const [refusal] = await say(reader.adapter, press(integrations, 'Next', { integrations: 'csp' }));
    assert.equal(refusal.text, ERROR_MESSAGES.NOT_ADMIN);
    const [configuration] = await say(admin.adapter, press(integrations, 'Next', { integrations: 'csp' }));
    assert.match(cardText(configuration), /Step 2 of 5/);
  });

  it('resumes where the user was after a restart', async () => {
    const store = await AppStore.open(new Memory<StoreData>());
    const before = await installed({ store });
    const [integrations] = await say(before.adapter, 'setup');
    const [configuration] = await say(before.adapter, press(integrations, 'Next', { integrations: 'csp' }));
    // A new bot over the same store is what a restarted process is.
    const after = await testConversation({ store });
    const [permissions] = await say(
      after.adapter,
      press(configuration, 'Next', validConfiguration(configuration)),
    );
    assert.match(cardText(permissions), /Step 3 of 5 · Tenant permissions/);
  });

  it('explains a refused account, offers a retry, and saves nothing', async () => {
    const conversation = await installed();
    await toSignIn(conversation);
    const refused: SignInOutcome = {
      ok: false,
      title: 'This account cannot authorize the integration',
      summary: 'Alex Wilber signed in, but the checks below failed.',
      problems: [
        {
          title: 'No multi-factor authentication',
          detail: 'Your sign-in did not use MFA.',
          fix: 'Turn on MFA for this account and sign in again.',
        },
      ],
    };
    const [problem] = await say(conversation.adapter, signInEvent(refused));
    assert.match(cardText(problem), /No multi-factor authentication/);
    assert.match(cardText(problem), /How to fix it:\*\* Turn on MFA/);
    assert.match(cardText(problem), /Nothing was saved/);
    assert.equal(conversation.store.data.settings, undefined);
    const [signInAgain] = await say(conversation.adapter, press(problem, 'Try again'));
    assert.match(cardText(signInAgain), /Step 4 of 5 · Authorize/);
    assert.equal(conversation.auth.signIns.length, 2);
  });

  it('shows the saved values when setup runs again, and audits only what changed', async () => {
    const conversation = await installed();
    await toSignIn(conversation);
    await say(conversation.adapter, signInEvent(signedIn));
    const [note, integrations] = await say(conversation.adapter, 'setup');
    assert.match(String(note.text), /Setup is already done/);
    assert.equal(inputValues(integrations).integrations, 'csp,intune');
    const [configuration] = await say(
      conversation.adapter,
      press(integrations, 'Next', inputValues(integrations)),
    );
    assert.equal(inputValues(configuration).partnerTenant, PARTNER_DOMAIN);
    const [permissions] = await say(
      conversation.adapter,
      press(configuration, 'Next', { ...inputValues(configuration), durationDays: '365' }),
    );
    await say(conversation.adapter, press(permissions, 'Next'));
    await say(conversation.adapter, signInEvent(signedIn));
    const last = conversation.store.data.audit.at(-1)!;
    assert.deepEqual(
      last.changes.map((change) => change.field),
      ['authorizedAccount.authorizedAt', 'gdap.duration'],
    );
    assert.deepEqual(last.changes[1], { field: 'gdap.duration', before: 'P730D', after: 'P365D' });
  });

  it('keeps the client secret of an own app registration sealed, never in plain text', async () => {
    const conversation = await installed();
    const [integrations] = await say(conversation.adapter, 'setup');
    const [configuration] = await say(
      conversation.adapter,
      press(integrations, 'Next', { integrations: 'csp' }),
    );
    const secret = 'Xy8Q~very-secret-client-value';
    const [permissions] = await say(
      conversation.adapter,
      press(configuration, 'Next', {
        ...validConfiguration(configuration),
        appKind: 'own',
        clientId: '0b5d7e43-2c1f-4a3b-9d8e-6f7a8b9c0d1e',
        clientSecret: secret,
      }),
    );
    const [signIn] = await say(conversation.adapter, press(permissions, 'Next'));
    assert.equal(conversation.auth.signIns[0].appRegistration.kind, 'own');
    await say(conversation.adapter, signInEvent(signedIn));
    assert.ok(signIn);
    const saved = conversation.store.data.settings!.appRegistration;
    assert.equal(saved.kind, 'own');
    assert.ok(
      !JSON.stringify(conversation.store.data).includes(secret),
      'the secret is stored in plain text',
    );
    assert.ok(
      !JSON.stringify(conversation.store.data.audit).includes(
        (saved as { clientSecret: { data: string } }).clientSecret.data,
      ),
    );
  });

  it('tells a user whose sign-in finished after the wizard closed that nothing was saved', async () => {
    const conversation = await installed();
    await toSignIn(conversation);
    await say(conversation.adapter, 'cancel');
    const [late] = await say(conversation.adapter, signInEvent(signedIn));
    assert.match(String(late.text), /setup it belonged to was closed/);
    assert.equal(conversation.store.data.settings, undefined);
  });

  describe('with Teams single sign-on', () => {
    const exchange = (token: string): Partial<Activity> => ({
      type: 'invoke',
      name: 'signin/tokenExchange',
      value: { id: 'exchange-1', connectionName: 'csp-setup', token },
    });

    it('finishes setup from the token Teams exchanges, without a click', async () => {
      const auth = new FakeAuth();
      auth.ssoOutcome = signedIn;
      const conversation = await installed({ auth });
      await toSignIn(conversation);
      const replies = await say(conversation.adapter, exchange('teams-sso-token'));
      const summary = replies.find((reply) => /Microsoft CSP is set up/.test(cardText(reply)));
      const response = replies.find((reply) => reply.type === 'invokeResponse');
      assert.ok(summary, 'no summary card');
      assert.equal((response?.value as { status: number }).status, 200);
      assert.ok(conversation.store.data.settings);
    });

    it('answers 412 when the exchange fails, so Teams shows the Sign in button, and keeps waiting', async () => {
      const conversation = await installed();
      const { signIn } = await toSignIn(conversation);
      const replies = await say(conversation.adapter, exchange('bad-token'));
      const response = replies.find((reply) => reply.type === 'invokeResponse');
      assert.equal((response?.value as { status: number }).status, 412);
      assert.equal(conversation.store.data.settings, undefined);
      const [cancelled] = await say(conversation.adapter, press(signIn, 'Cancel'));
      assert.equal(cancelled.text, 'Setup cancelled. Nothing was saved.');
    });
  });
});
