// Launches Debian's Chromium headless, with the flags this closed network needs, for renders and browser tests.
import { chromium, type Browser } from 'playwright-core';

// Background networking, sync and updates would try hosts this machine cannot reach, many at a time.
const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

export function launchChromium(): Promise<Browser> {
  return chromium.launch({ executablePath: '/usr/bin/chromium', args: CHROMIUM_ARGS });
}
