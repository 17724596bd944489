// Screenshots of browser tests: evidence when one fails, and images for the docs on request.
import { mkdir } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import type { Page } from 'playwright-core';

export async function captureScreenshot(page: Page, path: string): Promise<void> {
  await mkdir(dirname(path), { recursive: true });
  await page.screenshot({ path });
}

/** Saves test-results/<test title>.png when the test that just ran failed. */
export async function screenshotIfFailed(
  test: Mocha.Test | undefined,
  page: Page | undefined,
): Promise<void> {
  if (!page || test?.state !== 'failed') return;
  const name = test
    .fullTitle()
    .replace(/[^\w.-]+/g, '-')
    .replace(/^-|-$/g, '');
  // A page that died with the failure must not hide the failure itself.
  await captureScreenshot(page, join('test-results', `${name}.png`)).catch(() => undefined);
}
