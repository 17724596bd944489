// `npm run cards`: draws every sample card with the real renderer in headless Chromium, as Teams shows it.
import { mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Page } from 'playwright-core';
import { launchChromium } from './headlessChromium.js';
import { CARD_SAMPLES, type CardSample } from '../samples/cardSamples.js';
import { RENDERER_FILES, rendererVersion, teamsHostConfig } from './adaptiveCardsRenderer.js';
import type { JsonObject } from './cardTree.js';
import { rendererInput, rendererProblems, type RendererEvent } from './rendererValidation.js';
import { RENDER_SCRIPT, teamsPageHtml } from './teamsPage.js';
import { validateTeamsCard, type CardProblem } from './validateTeamsCard.js';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..', '..', '..');
const OUT_DIR = join(ROOT, 'docs', 'cards');
// The bot's own app icon, as Teams shows it beside the bot's messages.
const BOT_ICON = join(ROOT, 'appPackage', 'color.png');
interface Picture {
  sample: CardSample;
  png: Buffer;
  ms: number;
}

const labelled = (sample: CardSample, problems: string[]) =>
  problems.map((problem) => `  ${sample.name} (${sample.template}) ${problem}`);
const asText = ({ path, message }: CardProblem) => `${path}: ${message}`;

async function main(): Promise<number> {
  const started = performance.now();
  const cards = CARD_SAMPLES.map((sample) => ({ sample, content: sample.build().content as JsonObject }));

  // A card Teams would refuse gets no picture.
  const invalid = cards.flatMap(({ sample, content }) =>
    labelled(sample, validateTeamsCard(content).map(asText)),
  );
  if (invalid.length) return fail('these sample cards do not pass the Teams 1.5 check', invalid);

  const browser = await launchChromium();
  const pictures: Picture[] = [];
  const failures: string[] = [];
  try {
    const page = await browser.newPage({ viewport: { width: 800, height: 600 } });
    const pageProblems = await openCardPage(page);
    if (pageProblems.length) return fail('the card page did not load cleanly', pageProblems);
    const launched = performance.now();
    console.log(`Chromium and the renderer ready in ${Math.round(launched - started)} ms`);
    for (const { sample, content } of cards) {
      const start = performance.now();
      try {
        const events = (await page.evaluate(
          `window.renderSample(${JSON.stringify(rendererInput(content))}, ${JSON.stringify(teamsHostConfig())})`,
        )) as RendererEvent[];
        await page.evaluate('document.fonts.ready');
        await page.waitForFunction('Array.from(document.images).every((image) => image.complete)');
        const problems = [...rendererProblems(events, content).map(asText), ...pageProblems.splice(0)];
        if (problems.length) {
          failures.push(...labelled(sample, problems));
          continue;
        }
        const png = await page.locator('#frame').screenshot();
        pictures.push({ sample, png, ms: performance.now() - start });
      } catch (error) {
        failures.push(
          ...labelled(sample, [
            `render failed: ${error instanceof Error ? error.message : error}`,
            ...pageProblems.splice(0),
          ]),
        );
      }
    }
  } finally {
    await browser.close();
  }
  // Pictures are written only when every card rendered, so docs/cards never mixes old and new cards.
  if (failures.length) return fail('the renderer reported problems', failures);

  writePictures(pictures);
  for (const { sample, ms } of pictures) console.log(`  ${sample.name.padEnd(28)} ${Math.round(ms)} ms`);
  console.log(
    `Rendered ${pictures.length} cards to docs/cards in ${Math.round(performance.now() - started)} ms ` +
      `(adaptivecards ${rendererVersion()}, Teams light host config).`,
  );
  return 0;
}

/** Loads the page, markdown and the renderer; returns the list that collects page errors and warnings. */
async function openCardPage(page: Page): Promise<string[]> {
  const problems: string[] = [];
  page.on('pageerror', (error) => problems.push(`page error: ${error.message}`));
  page.on('console', (message) => {
    if (message.type() === 'error' || message.type() === 'warning') {
      problems.push(`console ${message.type()}: ${message.text()}`);
    }
  });
  // There is no network here; a card with a remote image would hang or fail, so say which image instead.
  await page.route('**/*', (route) => {
    problems.push(`loads ${route.request().url()}: cards must not depend on remote files to look right`);
    return route.abort();
  });
  const sender = {
    name: 'CSP Integration Bot',
    avatar: `data:image/png;base64,${readFileSync(BOT_ICON).toString('base64')}`,
  };
  await page.setContent(teamsPageHtml(readFileSync(RENDERER_FILES.teamsCss, 'utf8'), sender));
  await page.addScriptTag({ path: RENDERER_FILES.markdown });
  await page.addScriptTag({ path: RENDERER_FILES.bundle });
  await page.addScriptTag({ content: RENDER_SCRIPT });
  return problems;
}

function writePictures(pictures: Picture[]): void {
  mkdirSync(OUT_DIR, { recursive: true });
  const current = new Set(pictures.map(({ sample }) => `${sample.name}.png`));
  for (const file of readdirSync(OUT_DIR)) {
    if (file.endsWith('.png') && !current.has(file)) rmSync(join(OUT_DIR, file));
  }
  for (const { sample, png } of pictures) writeFileSync(join(OUT_DIR, `${sample.name}.png`), png);
  const rows = pictures.map(
    ({ sample }) =>
      `| \`${sample.name}\` | \`cards/templates/${sample.template}\` | ![${sample.name} card](${sample.name}.png) |`,
  );
  writeFileSync(
    join(OUT_DIR, 'README.md'),
    [
      '# Card gallery',
      '',
      'Every sample in `cards/samples/cardSamples.ts`, drawn by the Adaptive Cards JavaScript renderer',
      `(adaptivecards ${rendererVersion()}) with the Microsoft Teams light host config, in headless Chromium.`,
      'Generated by `npm run cards`; do not edit by hand.',
      '',
      '| Sample | Template | Card |',
      '| --- | --- | --- |',
      ...rows,
      '',
    ].join('\n'),
  );
}

function fail(what: string, lines: string[]): number {
  console.error(`npm run cards: ${what}; docs/cards was not changed.\n${lines.join('\n')}`);
  return 1;
}

try {
  process.exitCode = await main();
} catch (error) {
  // Mostly a missing browser: Debian's chromium package provides /usr/bin/chromium.
  console.error(`npm run cards: ${error instanceof Error ? error.message : error}`);
  process.exitCode = 1;
}
