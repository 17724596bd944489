// Tests the layering rules in eslint.config.js: a lower folder that reaches up, or reads the environment, fails the lint.
import assert from 'node:assert/strict';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { ESLint } from 'eslint';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..', '..', '..');
const eslint = new ESLint({ cwd: ROOT });

/** The rules a snippet breaks if it lived at `file`; the file need not exist. */
async function brokenRules(file: string, code: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath: join(ROOT, file) });
  return result.messages.map((message) => message.ruleId ?? message.message);
}

describe('layering lint', () => {
  it('stops a service from importing the bot', async () => {
    const code = "import { TeamsBot } from '../../bot/teamsBot.js';\nexport const bot = TeamsBot;\n";
    assert.deepEqual(await brokenRules('services/store/probe.ts', code), ['no-restricted-imports']);
  });

  it('stops a service from importing dialogs, cards, botbuilder or restify', async () => {
    const code = [
      "import type { MainDialog } from '../dialogs/mainDialog.js';",
      "import type { CardAttachment } from '../cards/cardAttachment.js';",
      "import type { TurnContext } from 'botbuilder';",
      "import type { WaterfallStep } from 'botbuilder-dialogs';",
      "import type { Server } from 'restify';",
      'export type Probe = [MainDialog, CardAttachment, TurnContext, WaterfallStep, Server];',
    ].join('\n');
    const broken = await brokenRules('services/probe.ts', code);
    assert.deepEqual(broken, Array(5).fill('no-restricted-imports'));
  });

  it('lets a service import the errors at the ground floor', async () => {
    const code = "import { AppError } from '../errors.js';\nexport const error = new AppError('INTERNAL');\n";
    assert.deepEqual(await brokenRules('services/store/probe.ts', code), []);
  });

  it('stops a card from importing services, the bot or botbuilder', async () => {
    const code = [
      "import { daysText } from '../../services/gdap/approvalMessages.js';",
      "import type { Config } from '../../bot/config.js';",
      "import type { Attachment } from 'botbuilder';",
      'export const probe = (config: Config, card: Attachment) => [daysText(1), config, card];',
    ].join('\n');
    assert.deepEqual(await brokenRules('cards/probe/probe.ts', code), Array(3).fill('no-restricted-imports'));
  });

  it('lets only the composition root read process.env', async () => {
    const code = 'export const port = process.env.PORT;\n';
    for (const file of ['dialogs/probe.ts', 'services/store/probe.ts', 'cards/probe.ts', 'bot/server.ts']) {
      assert.deepEqual(await brokenRules(file, code), ['no-restricted-properties'], file);
    }
    assert.deepEqual(await brokenRules('bot/main.ts', code), []);
    assert.deepEqual(await brokenRules('bot/config.ts', code), []);
  });
});
