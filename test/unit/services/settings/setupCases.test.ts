// The setup use cases over the real store and secret box: where a wizard starts, what step 1 and 2 accept, what is saved.
import assert from 'node:assert/strict';
import { Memory } from 'lowdb';
import { SecretBox } from '../../../../services/crypto/secretBox.js';
import { AppError } from '../../../../services/errors.js';
import { DEFAULT_GDAP_ROLE_IDS, GLOBAL_ADMINISTRATOR } from '../../../../services/settings/gdapRoles.js';
import { SetupCases } from '../../../../services/settings/setupCases.js';
import type {
  ConfigurationAnswers,
  ConfigurationProblem,
} from '../../../../services/settings/setupConfiguration.js';
import type { SetupDraft } from '../../../../services/settings/setupDraft.js';
import { AppStore } from '../../../../services/store/appStore.js';
import { FileSettingsStore } from '../../../../services/store/file/settings.js';
import type { StoreData } from '../../../../services/store/storeData.js';

const KEY = Buffer.alloc(32, 7).toString('base64');
const PARTNER_DOMAIN = 'contosoit.onmicrosoft.com';
const PARTNER_ID = '3f1e2d4c-5b6a-4789-9abc-def012345678';
const FABRIKAM_ID = '6b5a4c3d-2e1f-4a0b-9c8d-7e6f5a4b3c2d';
const TENANTS = new Map([
  [PARTNER_DOMAIN, PARTNER_ID],
  ['fabrikam.com', FABRIKAM_ID],
]);
const CLIENT_ID = '0F1E2D3C-4B5A-4968-8776-A5B4C3D2E1F0';
const HERE = 'conv-1';
const ACCOUNT = {
  oid: 'aa11bb22-cc33-4d44-8e55-ff6677889900',
  upn: 'megan.bowen@contosoit.onmicrosoft.com',
  displayName: 'Megan Bowen',
  tenantId: PARTNER_ID,
  homeAccountId: `aa11bb22-cc33-4d44-8e55-ff6677889900.${PARTNER_ID}`,
};

/** Step 2 filled in as a first setup with the product app would submit it. */
function answers(changes: Partial<ConfigurationAnswers> = {}): ConfigurationAnswers {
  return {
    appKind: 'product',
    clientId: '',
    clientSecret: '',
    partnerTenant: PARTNER_DOMAIN,
    signature: '',
    durationDays: '730',
    autoExtend: 'P180D',
    roleIds: [...DEFAULT_GDAP_ROLE_IDS],
    groupPrefix: 'GDAP',
    alertConversation: HERE,
    ...changes,
  };
}

const codes = (problems: readonly ConfigurationProblem[]) =>
  problems.map(({ field, code }) => `${field}:${code}`);

describe('SetupCases', () => {
  let store: AppStore;
  let box: SecretBox;
  let resolved: string[];
  let cases: SetupCases;

  beforeEach(async () => {
    store = await AppStore.open(new Memory<StoreData>());
    const settings = new FileSettingsStore(store);
    box = new SecretBox(KEY);
    resolved = [];
    cases = new SetupCases(
      {
        productAppAvailable: true,
        savedSettings: () => settings.get(),
        saveSettings: (next, by) => settings.save(next, by),
        resolveTenant: async (input) => {
          resolved.push(input);
          const id = TENANTS.get(input.toLowerCase());
          if (!id) throw new AppError('TENANT_NOT_FOUND', input, { userMessage: `No tenant '${input}'.` });
          return id;
        },
        sealSecret: (secret) => box.seal(secret, 'app-client-secret'),
        alertDestinations: () => [{ id: HERE, label: 'Personal chat with Alex' }],
      },
      () => new Date('2026-11-26T10:00:00Z'),
    );
  });

  /** A draft through step 2 and the sign-in, as the wizard holds it before saving. */
  async function signedInDraft(changes: Partial<ConfigurationAnswers> = {}): Promise<SetupDraft> {
    const { draft } = cases.start({ conversationId: HERE });
    const outcome = await cases.configure({ draft, answers: answers(changes) });
    assert.equal(outcome.kind, 'configured');
    return cases.signedIn({ draft: outcome.draft, account: ACCOUNT, grantedScopes: ['User.Read'] });
  }

  it('starts a first setup from the defaults, alerts going to the chat it runs in', () => {
    const { draft, saved } = cases.start({ conversationId: HERE });
    assert.equal(saved, false);
    assert.deepEqual(draft.integrations, ['csp']);
    assert.equal(draft.appKind, 'product');
    assert.deepEqual(draft.roleIds, DEFAULT_GDAP_ROLE_IDS);
    assert.equal(draft.alertConversationId, HERE);
  });

  it('starts again from what was saved, not from the defaults', async () => {
    await cases.finish({
      draft: await signedInDraft({ durationDays: '90' }),
      by: 'user-1',
      unnamed: 'this chat',
    });
    const { draft, saved } = cases.start({ conversationId: 'another-chat' });
    assert.equal(saved, true);
    assert.equal(draft.durationDays, 90);
    assert.equal(draft.partnerTenantId, PARTNER_ID);
    assert.equal(draft.alertConversationId, HERE);
  });

  it('refuses step 1 without CSP, and keeps the catalogue’s order without unknown ids', () => {
    const { draft } = cases.start({ conversationId: HERE });
    assert.deepEqual(cases.chooseIntegrations({ draft, chosen: ['intune', 'entra'] }), {
      kind: 'refused',
      missing: ['csp'],
    });
    const outcome = cases.chooseIntegrations({ draft, chosen: ['intune', 'made-up', ' csp'] });
    assert.equal(outcome.kind, 'chosen');
    assert.deepEqual(outcome.kind === 'chosen' && outcome.draft.integrations, ['csp', 'intune']);
  });

  it('accepts step 2, resolving the partner tenant’s domain once', async () => {
    const { draft } = cases.start({ conversationId: HERE });
    const outcome = await cases.configure({ draft, answers: answers({ signature: '  Contoso \n IT  ' }) });
    assert.equal(outcome.kind, 'configured');
    if (outcome.kind !== 'configured') return;
    assert.equal(outcome.draft.partnerTenantId, PARTNER_ID);
    assert.equal(outcome.draft.signature, 'Contoso IT');
    await cases.configure({ draft: outcome.draft, answers: answers() });
    assert.deepEqual(resolved, [PARTNER_DOMAIN], 'an unchanged tenant is not looked up again');
  });

  it('reports every broken rule of step 2 at once, one per field', async () => {
    const { draft } = cases.start({ conversationId: HERE });
    const outcome = await cases.configure({
      draft,
      answers: answers({
        appKind: 'own',
        clientId: 'not-a-guid',
        partnerTenant: 'not a domain',
        signature: 'x'.repeat(101),
        durationDays: '731',
        roleIds: ['unknown-role'],
        groupPrefix: '@admins',
        alertConversation: 'a-chat-the-bot-is-not-in',
      }),
    });
    assert.equal(outcome.kind, 'invalid');
    assert.deepEqual(outcome.kind === 'invalid' && codes(outcome.problems), [
      'clientId:not-a-guid',
      'clientSecret:missing',
      'partnerTenant:malformed',
      'signature:too-long',
      'duration:out-of-range',
      'roleIds:none-or-unknown',
      'groupPrefix:invalid',
      'alerts:unknown-destination',
    ]);
    assert.deepEqual(resolved, [], 'a malformed tenant is not looked up');
  });

  it('refuses auto-extend with Global Administrator', async () => {
    const { draft } = cases.start({ conversationId: HERE });
    const outcome = await cases.configure({
      draft,
      answers: answers({ roleIds: [...DEFAULT_GDAP_ROLE_IDS, GLOBAL_ADMINISTRATOR] }),
    });
    assert.deepEqual(outcome.kind === 'invalid' && codes(outcome.problems), [
      'autoExtend:global-administrator',
    ]);
  });

  it('passes on the lookup’s own error for a tenant that does not exist', async () => {
    const { draft } = cases.start({ conversationId: HERE });
    const outcome = await cases.configure({ draft, answers: answers({ partnerTenant: 'litware.com' }) });
    assert.equal(outcome.kind, 'invalid');
    const [problem] = outcome.kind === 'invalid' ? outcome.problems : [];
    assert.equal(problem?.code, 'unresolved');
    assert.equal(problem?.code === 'unresolved' && problem.error.code, 'TENANT_NOT_FOUND');
  });

  it('refuses the product app where the installation has none', async () => {
    const settings = new FileSettingsStore(store);
    const own = new SetupCases({
      productAppAvailable: false,
      savedSettings: () => settings.get(),
      saveSettings: (next, by) => settings.save(next, by),
      resolveTenant: async () => PARTNER_ID,
      sealSecret: (secret) => box.seal(secret, 'app-client-secret'),
      alertDestinations: () => [{ id: HERE, label: 'here' }],
    });
    const { draft } = own.start({ conversationId: HERE });
    assert.equal(draft.appKind, 'own');
    const outcome = await own.configure({ draft, answers: answers() });
    assert.ok(outcome.kind === 'invalid' && codes(outcome.problems).includes('appKind:no-product-app'));
  });

  it('seals a typed secret at once, keeps it when left empty, and drops it when the product app is chosen', async () => {
    const { draft } = cases.start({ conversationId: HERE });
    const own = await cases.configure({
      draft,
      answers: answers({ appKind: 'own', clientId: CLIENT_ID, clientSecret: ' s3cret ' }),
    });
    assert.equal(own.kind, 'configured');
    if (own.kind !== 'configured') return;
    assert.ok(own.draft.clientSecret);
    assert.doesNotMatch(JSON.stringify(own.draft), /s3cret/);
    assert.equal(box.open(own.draft.clientSecret, 'app-client-secret'), 's3cret');
    assert.equal(own.draft.clientId, CLIENT_ID.toLowerCase());

    const again = await cases.configure({
      draft: own.draft,
      answers: answers({ appKind: 'own', clientId: CLIENT_ID }),
    });
    assert.deepEqual(again.kind === 'configured' && again.draft.clientSecret, own.draft.clientSecret);

    const product = await cases.configure({ draft: own.draft, answers: answers() });
    assert.equal(product.kind === 'configured' && product.draft.clientSecret, undefined);
  });

  it('asks for the tenant again, and forgets its name, when the partner tenant changes', async () => {
    const draft = cases.signedIn({
      draft: await signedInDraft(),
      account: ACCOUNT,
      grantedScopes: [],
      partnerTenantName: 'Contoso IT',
    });
    const moved = await cases.configure({ draft, answers: answers({ partnerTenant: 'fabrikam.com' }) });
    assert.equal(moved.kind, 'configured');
    if (moved.kind !== 'configured') return;
    assert.equal(moved.draft.partnerTenantId, FABRIKAM_ID);
    assert.equal(moved.draft.partnerTenantName, undefined);
    assert.deepEqual(resolved, [PARTNER_DOMAIN, 'fabrikam.com']);
    const same = await cases.configure({
      draft,
      answers: answers({ partnerTenant: PARTNER_DOMAIN.toUpperCase() }),
    });
    assert.equal(same.kind === 'configured' && same.draft.partnerTenantName, 'Contoso IT');
  });

  it('keeps the tenant’s name from an earlier sign-in when a new one could not read it', async () => {
    const named = cases.signedIn({
      draft: await signedInDraft(),
      account: ACCOUNT,
      grantedScopes: [],
      partnerTenantName: 'Contoso IT',
    });
    const again = cases.signedIn({ draft: named, account: ACCOUNT, grantedScopes: ['User.Read'] });
    assert.equal(again.partnerTenantName, 'Contoso IT');
    assert.equal(again.authorizedAccount?.authorizedAt, '2026-11-26T10:00:00.000Z');
  });

  it('saves the draft whole, with the secret sealed and the destination’s label, and audits it', async () => {
    const draft = await signedInDraft({ appKind: 'own', clientId: CLIENT_ID, clientSecret: 's3cret' });
    const settings = await cases.finish({ draft, by: 'user-1', unnamed: 'this chat' });
    assert.deepEqual(store.data.settings, settings);
    assert.equal(settings.appRegistration.kind, 'own');
    assert.doesNotMatch(JSON.stringify(store.data), /s3cret/);
    assert.deepEqual(settings.alerts, { conversationId: HERE, label: 'Personal chat with Alex' });
    assert.deepEqual(settings.authorizedAccount.grantedScopes, ['User.Read']);
    assert.equal(settings.gdap.duration, 'P730D');
    assert.deepEqual(
      store.data.audit.map((entry) => `${entry.by} ${entry.action}`),
      ['user-1 setup'],
    );
  });

  it('names a destination the bot no longer lists as the dialog says', async () => {
    const draft = { ...(await signedInDraft()), alertConversationId: 'gone' };
    const settings = await cases.finish({ draft, by: 'user-1', unnamed: 'this chat' });
    assert.deepEqual(settings.alerts, { conversationId: 'gone', label: 'this chat' });
  });
});
