// The real bot in the Microsoft 365 Agents Playground, driven through Chromium the way a person uses it.
import assert from 'node:assert/strict';
import type { Page } from 'playwright-core';
import { startPlaygroundStack, type PlaygroundStack } from './support/playgroundStack.js';
import { watchCertificateWarnings } from './support/certificateWarnings.js';
import { captureScreenshot, screenshotIfFailed } from './support/screenshots.js';

const ALERT = 'One or more organizations are linked to multiple customers.';

describe('The bot in the Microsoft 365 Agents Playground', function () {
  this.timeout(30_000);
  let stack: PlaygroundStack | undefined;
  let page: Page;

  const cards = () => page.locator('.ac-adaptiveCard');
  const cardWithButton = (title: string) =>
    cards().filter({ has: page.getByRole('button', { name: title, exact: true }) });

  before(async function () {
    this.timeout(45_000);
    stack = await startPlaygroundStack();
    page = stack.page;
  });

  afterEach(async function () {
    await screenshotIfFailed(this.currentTest, page);
  });

  after(async function () {
    this.timeout(20_000);
    await stack?.stop();
  });

  it('welcomes the user once when the Playground installs it in the personal chat', async () => {
    await cards().filter({ hasText: 'Welcome to CSP Integration Bot' }).waitFor();
    // The Playground sends installationUpdate and conversationUpdate for one install; its log shows both answered.
    await page.getByText('installationUpdate 202').waitFor();
    await page.getByText('conversationUpdate 202').waitFor();
    assert.equal(await cards().filter({ hasText: 'Welcome to CSP Integration Bot' }).count(), 1);

    const [installed] = stack!.app.conversations.list();
    assert.equal(installed.tenantId, stack!.sandbox.partnerTenantId);
    assert.equal(installed.installedBy, stack!.currentUserId);
    assert.equal(installed.scope, 'personal');
    assert.equal(
      installed.reference.serviceUrl,
      `http://localhost:${new URL(stack!.playground.url).port}/_connector`,
    );
  });

  it('answers "help" with the help card', async () => {
    await page.getByRole('textbox').fill('help');
    await page.getByRole('button', { name: 'Send Message' }).click();

    const help = cardWithButton('Status');
    await help.waitFor();
    await help.getByText('CSP Integration Bot', { exact: true }).waitFor();
    await help.getByText('You are an MSP administrator: you can change settings.').waitFor();
  });

  it("shows the status card when the help card's Status button is clicked", async () => {
    await cardWithButton('Status').getByRole('button', { name: 'Status', exact: true }).click();

    const status = cardWithButton('Help');
    await status.getByText('Status', { exact: true }).waitFor();
    await status.getByText('Microsoft CSP integration').waitFor();
    await status.getByText(/\(MSP administrator\)/).waitFor();
    await status.getByText('Sandbox (simulated partner tenant)').waitFor();
    if (process.env.SAVE_SCREENSHOTS === '1') {
      await captureScreenshot(page, 'docs/screenshots/playground.png');
    }
  });

  it('posts a proactive alert into the chat it was installed in', async () => {
    const [installed] = stack!.app.conversations.list();
    assert.notEqual(await stack!.app.sender.post(installed.id, { type: 'message', text: ALERT }), '');
    // The chat list's preview and the log panel echo the text too; the message itself is a paragraph.
    await page.getByRole('paragraph').filter({ hasText: ALERT }).waitFor();
  });

  it('clicks through the setup wizard to the sign-in card, signs in, and shows the summary', async function () {
    this.timeout(45_000);
    await page.getByRole('textbox').last().fill('setup');
    await page.getByRole('button', { name: 'Send Message' }).click();

    const integrations = cards().filter({ hasText: 'Step 1 of 5 · Select integrations' });
    await integrations.waitFor();
    await integrations.getByRole('button', { name: 'Next', exact: true }).click();

    const configuration = cards().filter({ hasText: 'Step 2 of 5 · Configuration parameters' });
    await configuration.waitFor();
    await configuration
      .getByLabel('Primary domain or tenant id')
      .fill(stack!.sandbox.state.partnerTenant.defaultDomain);
    await configuration.getByRole('button', { name: 'Next', exact: true }).click();

    const permissions = cards().filter({ hasText: 'Step 3 of 5 · Tenant permissions' });
    await permissions.waitFor();
    await permissions.getByRole('button', { name: 'Next', exact: true }).click();

    const signIn = cards().filter({ hasText: 'Step 4 of 5 · Authorize' });
    await signIn.waitFor();
    if (process.env.SAVE_SCREENSHOTS === '1')
      await captureScreenshot(page, 'docs/screenshots/setup-sign-in.png');

    // The sign-in opens in a new tab, goes through the sandbox's sign-in and back to the bot, with no
    // certificate warning on the way: this browser, like a newcomer's, does not know the sandbox's CA.
    const certificates = watchCertificateWarnings(page.context());
    try {
      const [tab] = await Promise.all([
        page.context().waitForEvent('page'),
        signIn.locator('button', { hasText: /^Sign in$/ }).click(),
      ]);
      await Promise.race([tab.getByText('You are signed in').waitFor(), certificates.refused]);
      if (process.env.SAVE_SCREENSHOTS === '1') {
        await tab.setViewportSize({ width: 800, height: 450 });
        await captureScreenshot(tab, 'docs/screenshots/sign-in-page.png');
      }
      await tab.close();
    } finally {
      certificates.stop();
    }

    const summary = cards().filter({ hasText: 'Microsoft CSP is set up' });
    await summary.waitFor();
    await summary.getByText(/Megan Bowen/).waitFor();
    assert.ok(stack!.app.store.data.settings, 'the settings were saved');
  });

  it('maps a client through the picker card', async function () {
    this.timeout(45_000);
    // Setup (the test above) started a customer sync; its message ends with the count.
    await page
      .getByRole('paragraph')
      .filter({ hasText: /Synced \d+ CSP customers in/ })
      .waitFor({ timeout: 20_000 });
    const target = stack!.sandbox.state.customers.find((customer) => customer.contract)!;

    await page.getByRole('textbox').last().fill('organizations');
    await page.getByRole('button', { name: 'Send Message' }).click();
    const organizations = cards().filter({ hasText: 'Your client organizations' }).last();
    await organizations.getByRole('button', { name: 'Add organization' }).click();
    await organizations.getByRole('textbox').first().fill(target.displayName);
    await organizations.getByRole('button', { name: 'Add', exact: true }).click();
    await cards()
      .filter({ hasText: `Added ${target.displayName}` })
      .waitFor();

    await page.getByRole('textbox').last().fill(`map ${target.displayName}`);
    await page.getByRole('button', { name: 'Send Message' }).click();
    const picker = cards().filter({ hasText: 'Map a client' }).last();
    await picker.getByText('Suggested:').waitFor();
    await picker.getByRole('button', { name: 'Map', exact: true }).click();

    await cards().filter({ hasText: 'is now mapped to' }).last().waitFor();
    if (process.env.SAVE_SCREENSHOTS === '1')
      await captureScreenshot(page, 'docs/screenshots/map-client.png');
    const [mapping] = Object.values(stack!.app.store.data.mappings);
    assert.equal(mapping.customerTenantId, target.tenantId);
  });

  it("shows the mapped client's delegated-access card and runs its next step from it", async function () {
    this.timeout(45_000);
    // The client mapped above: seed.json gives it an active relationship whose roles are not assigned yet.
    const target = stack!.sandbox.state.customers.find((customer) => customer.contract)!;
    const relationship = stack!.sandbox.state.relationships.find(
      (candidate) => candidate.customer?.tenantId === target.tenantId,
    )!;
    assert.equal(relationship.accessAssignments.length, 0);

    await page.getByRole('textbox').last().fill(`consent ${target.displayName}`);
    await page.getByRole('button', { name: 'Send Message' }).click();
    const clientCards = cards().filter({ hasText: `CSP customer ${target.displayName}` });
    const access = clientCards.last();
    await access.getByText('Needs access assignment', { exact: true }).waitFor();
    await access.getByText(/Next step: Assign 13 roles to your security groups/).waitFor();

    await access.getByRole('button', { name: 'Create access assignments', exact: true }).click();
    await page
      .getByRole('paragraph')
      .filter({ hasText: /^Done: Assign 13 roles to your security groups/ })
      .waitFor({ timeout: 20_000 });
    // The card again, as the client stands after the step.
    await clientCards.nth(1).waitFor();
    await clientCards
      .nth(1)
      .getByText(/\d+ of 13 active/)
      .waitFor();
    if (process.env.SAVE_SCREENSHOTS === '1')
      await captureScreenshot(page, 'docs/screenshots/consent-client.png');
    assert.equal(relationship.accessAssignments.length, 13, 'one assignment per configured role');
  });
  it('shows a conflict alert in the chat and fixes it with Fix mapping, then Keep this one', async function () {
    this.timeout(45_000);
    // The client mapped above gets a second customer, as an import from another tool could leave it.
    const { store } = stack!.app;
    const [mapping] = Object.values(store.data.mappings);
    const other = stack!.sandbox.state.customers.find(
      (customer) => customer.contract && customer.tenantId !== mapping.customerTenantId,
    )!;
    await store.update((data) => {
      data.mappings['imported'] = { ...mapping, id: 'imported', customerTenantId: other.tenantId };
      data.mappingRevision += 1;
    });

    const alert = cards().filter({ hasText: 'Organizations linked to multiple customers' }).last();
    await alert.getByText(ALERT, { exact: false }).waitFor({ timeout: 20_000 });
    await alert.getByText(`linked to`, { exact: false }).first().waitFor();
    if (process.env.SAVE_SCREENSHOTS === '1') await captureScreenshot(page, 'docs/screenshots/alert.png');

    await alert.getByRole('button', { name: 'Fix mapping', exact: true }).click();
    const organization = store.data.organizations[mapping.organizationId];
    const fix = cards()
      .filter({ hasText: `Fix mapping: ${organization.name}` })
      .last();
    await fix.waitFor();
    await fix.getByRole('button', { name: 'Keep this one', exact: true }).first().click();
    await cards().filter({ hasText: 'Conflict fixed' }).last().waitFor();
  });
});
