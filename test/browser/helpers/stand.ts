/**
 * What a browser test stands on: a throwaway MIT realm, the real service listening on
 * 127.0.0.1 over the real Kerberos backend, and Debian's Chromium driven by playwright-core
 * (headless, a fresh profile, nothing fetched from the network). Each test gets its own
 * browser context; console errors (a Content-Security-Policy refusal, a script error) are
 * collected so a test can assert there were none.
 */

import { mkdir } from 'node:fs/promises';

import type { FastifyInstance } from 'fastify';
import { chromium, type Browser, type BrowserContextOptions, type Page } from 'playwright-core';

import { testApp } from '../../service/helpers/app.js';
import { startRealKdc, type RealKdc } from '../../service/helpers/real-kdc.js';

export const CHROMIUM = '/usr/bin/chromium';
export const SCREENSHOTS = 'test-artifacts/screenshots';

const ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

export interface Stand {
  readonly kdc: RealKdc;
  readonly app: FastifyInstance;
  readonly base: string;
  readonly browser: Browser;
  /** A page in a new browser context, with its console errors collected. */
  newPage(options?: BrowserContextOptions): Promise<BrowserPage>;
  stop(): Promise<void>;
}

export interface BrowserPage {
  readonly page: Page;
  /** Console errors and uncaught exceptions, minus the network log of refused requests. */
  readonly errors: string[];
  close(): Promise<void>;
}

/** Start the realm, the service (with `config`) and the browser. */
export async function startStand(config: Record<string, unknown> = {}): Promise<Stand> {
  const kdc = await startRealKdc();
  const { app } = await testApp({ backend: kdc.backend, fakeClock: false, config });
  await app.listen({ host: '127.0.0.1', port: 0 });
  const address = app.server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  // launch() gives every run a fresh temporary profile (user-data-dir) and removes it.
  const browser = await chromium.launch({ executablePath: CHROMIUM, headless: true, args: ARGS });
  await mkdir(SCREENSHOTS, { recursive: true });

  return {
    kdc,
    app,
    base: `http://127.0.0.1:${port}`,
    browser,
    newPage: (options = {}) => openPage(browser, `http://127.0.0.1:${port}`, options),
    stop: async () => {
      await browser.close();
      await app.close();
      await kdc.stop();
    },
  };
}

async function openPage(
  browser: Browser,
  baseURL: string,
  options: BrowserContextOptions,
): Promise<BrowserPage> {
  const context = await browser.newContext({ baseURL, locale: 'en-US', ...options });
  const page = await context.newPage();
  page.setDefaultTimeout(10_000);
  const errors: string[] = [];
  page.on('console', (message) => {
    // Chromium logs every 4xx/5xx fetch; the tests provoke those on purpose.
    if (message.type() === 'error' && !message.text().startsWith('Failed to load resource')) {
      errors.push(message.text());
    }
  });
  page.on('pageerror', (error) => errors.push(error.message));
  return { page, errors, close: () => context.close() };
}

/** A full-page screenshot under test-artifacts/screenshots/. */
export async function screenshot(page: Page, name: string): Promise<void> {
  await page.screenshot({ path: `${SCREENSHOTS}/${name}.png`, fullPage: true });
}

/** Log in through the CAS form with the mouse-free defaults; waits for the landing page. */
export async function logIn(page: Page, user: string, password: string): Promise<void> {
  await page.goto('/cas/login');
  await page.locator('#username').fill(user);
  await page.locator('#password').fill(password);
  await Promise.all([
    page.waitForURL(/\/web\/(change-password)?$/),
    page.locator('button[type=submit]').click(),
  ]);
}

/** Fill the change form; the new password is typed key by key so the page sees each input. */
export async function fillChange(
  page: Page,
  oldPassword: string,
  newPassword: string,
  confirm = newPassword,
): Promise<void> {
  await page.locator('#old-password').fill(oldPassword);
  await page.locator('#new-password').pressSequentially(newPassword);
  await page.locator('#confirm-password').fill(confirm);
}

/** The state of each rule line ('met', 'unmet' or '' before typing), by rule id. */
export async function ruleStates(page: Page): Promise<Record<string, string>> {
  return page.$$eval('[data-rule]', (items) =>
    Object.fromEntries(
      items.map((item) => [item.getAttribute('data-rule'), item.getAttribute('data-state') ?? '']),
    ),
  );
}
