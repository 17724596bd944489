// The real bot in the Microsoft 365 Agents Playground, driven through Chromium the way a person uses it.
import assert from 'node:assert/strict';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import { loadConfig } from '../../bot/config.js';
import { startApp, type App } from '../../bot/main.js';
import { startPlayground, type Playground } from '../../sandbox/playground.js';
import { ADMIN_ID, TEST_TENANT } from '../fakes/testConversation.js';
import { freePort } from './support/freePort.js';
import { captureScreenshot, screenshotIfFailed } from './support/screenshots.js';

const ALERT = 'One or more organizations are linked to multiple customers.';

describe('The bot in the Microsoft 365 Agents Playground', function () {
  this.timeout(30_000);
  let dir: string;
  let app: App | undefined;
  let playground: Playground | undefined;
  let browser: Browser | undefined;
  let page: Page;

  const cards = () => page.locator('.ac-adaptiveCard');
  const cardWithButton = (title: string) =>
    cards().filter({ has: page.getByRole('button', { name: title, exact: true }) });

  before(async function () {
    this.timeout(45_000);
    dir = await mkdtemp(join(tmpdir(), 'csp-playground-e2e-'));
    app = await startApp(
      loadConfig({
        PORT: '0',
        HOST: '127.0.0.1',
        DATA_FILE: join(dir, 'bot.json'),
        ALLOWED_TENANT_IDS: TEST_TENANT,
        ADMIN_USER_IDS: ADMIN_ID,
        LOG_LEVEL: 'warn',
      }),
    );
    playground = await startPlayground({
      botEndpoint: `${app.url}/api/messages`,
      port: await freePort(),
      tenantId: TEST_TENANT,
      bot: { id: '28:csp-integration-bot', name: 'CSP Integration Bot' },
      currentUser: {
        id: `29:${ADMIN_ID}`,
        name: 'Alex Admin',
        userPrincipalName: 'alex.admin@contoso.com',
        aadObjectId: ADMIN_ID,
        givenName: 'Alex',
        surname: 'Admin',
        email: 'alex.admin@contoso.com',
      },
      users: [],
      logDir: join(dir, 'playground-logs'),
    });
    browser = await chromium.launch({
      executablePath: '/usr/bin/chromium',
      args: [
        '--no-sandbox',
        '--disable-gpu',
        '--disable-quic',
        '--no-first-run',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
      ],
    });
    // Tall enough that the welcome, help and status cards fit on one screen.
    page = await browser.newPage({ viewport: { width: 1280, height: 1300 } });
    page.setDefaultTimeout(10_000);
    await page.goto(playground.url);
  });

  afterEach(async function () {
    await screenshotIfFailed(this.currentTest, page);
  });

  after(async function () {
    this.timeout(20_000);
    await browser?.close();
    await playground?.close();
    await app?.close();
    if (dir) await rm(dir, { recursive: true, force: true });
  });

  it('welcomes the user once when the Playground installs it in the personal chat', async () => {
    await cards().filter({ hasText: 'Welcome to CSP Integration Bot' }).waitFor();
    // The Playground sends installationUpdate and conversationUpdate for one install; its log shows both answered.
    await page.getByText('installationUpdate 202').waitFor();
    await page.getByText('conversationUpdate 202').waitFor();
    assert.equal(await cards().filter({ hasText: 'Welcome to CSP Integration Bot' }).count(), 1);

    const [installed] = app!.conversations.list();
    assert.equal(installed.tenantId, TEST_TENANT);
    assert.equal(installed.installedBy, ADMIN_ID);
    assert.equal(installed.scope, 'personal');
    assert.equal(
      installed.reference.serviceUrl,
      `http://localhost:${new URL(playground!.url).port}/_connector`,
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
    await status.getByText('Alex Admin (MSP administrator)').waitFor();
    if (process.env.SAVE_SCREENSHOTS === '1') {
      await captureScreenshot(page, 'docs/screenshots/playground.png');
    }
  });

  it('posts a proactive alert into the chat it was installed in', async () => {
    const [installed] = app!.conversations.list();
    assert.equal(await app!.proactive.send(installed.id, { text: ALERT }), 'sent');
    // The chat list's preview and the log panel echo the text too; the message itself is a paragraph.
    await page.getByRole('paragraph').filter({ hasText: ALERT }).waitFor();
  });
});
