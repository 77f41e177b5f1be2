/** Debian's Chromium driven by playwright-core (no browser download: the system binary). */
import { chromium, type Browser } from 'playwright-core';

export const CHROMIUM_PATH = process.env['KILN_CHROMIUM'] ?? '/usr/bin/chromium';

export function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM_PATH,
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
}
