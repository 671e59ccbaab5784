// A real browser for end-to-end tests: Debian's Chromium, driven by playwright-core. Missing
// Chromium is a failure that says how to install it, never a silent skip.
import { createHash, X509Certificate } from 'node:crypto';
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

/**
 * The flag that makes Chromium trust one certificate more (the local stack's self-signed one), by
 * its public key's SHA-256: every other certificate is verified as before.
 */
export function trustCertificateArg(certificatePem: string): string {
  const spki = new X509Certificate(certificatePem).publicKey.export({ type: 'spki', format: 'der' });
  return `--ignore-certificate-errors-spki-list=${createHash('sha256').update(spki).digest('base64')}`;
}

export async function launchChromium(extraArgs: readonly string[] = []): Promise<Browser> {
  if (!existsSync(CHROMIUM_PATH)) {
    throw new ChromiumMissingError(
      `The browser tests need Chromium at ${CHROMIUM_PATH}. Install Debian's package: \`apt-get update && apt-get install -y chromium\` (not \`npx playwright install\`).`,
    );
  }
  return chromium.launch({ executablePath: CHROMIUM_PATH, args: [...CHROMIUM_ARGS, ...extraArgs], timeout: 30_000 });
}
