// A real browser for end-to-end tests: Debian's Chromium, driven by playwright-core. Missing
// Chromium is a failure that says how to install it, never a silent skip.
import { existsSync } from 'node:fs';
import { type Browser, chromium } from 'playwright-core';

export const CHROMIUM_PATH = '/usr/bin/chromium';

const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

export class ChromiumMissingError extends Error {
  override name = 'ChromiumMissingError';
}

export async function launchChromium(): Promise<Browser> {
  if (!existsSync(CHROMIUM_PATH)) {
    throw new ChromiumMissingError(
      `The browser tests need Chromium at ${CHROMIUM_PATH}. Install Debian's package: \`apt-get update && apt-get install -y chromium\` (not \`npx playwright install\`).`,
    );
  }
  return chromium.launch({ executablePath: CHROMIUM_PATH, args: CHROMIUM_ARGS, timeout: 30_000 });
}
