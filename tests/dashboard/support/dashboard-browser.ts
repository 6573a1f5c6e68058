import { mkdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import puppeteer, { Browser, Page } from 'puppeteer-core';

/** Debian's chromium (apt-get install chromium); npm packages may not download browsers here. */
export const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

export const WIDE = { width: 1280, height: 900 };
export const NARROW = { width: 390, height: 844 };

/**
 * A headless Chromium driving the real dashboard as the api serves it. Each page is a browser tab
 * (its own sessionStorage, so its own sign-in); console errors and failed requests are collected so a
 * test can assert the app ran clean (a CSP refusal shows up there).
 */
export class DashboardBrowser {
  readonly screenshotDir = resolve(__dirname, '../../../.chronicle/screenshots');
  readonly consoleErrors: string[] = [];
  private browser?: Browser;

  constructor(readonly baseUrl: string) {
    mkdirSync(this.screenshotDir, { recursive: true });
  }

  async launch(): Promise<void> {
    this.browser = await puppeteer.launch({
      executablePath: CHROMIUM_PATH,
      headless: true,
      // CI runs as root, where Chromium refuses to start sandboxed.
      args: ['--no-sandbox', '--disable-dev-shm-usage', '--disable-gpu', '--font-render-hinting=none'],
    });
  }

  async newPage(viewport = WIDE): Promise<Page> {
    const page = await this.browser!.newPage();
    await page.setViewport(viewport);
    page.setDefaultTimeout(30_000);
    page.on('console', (message) => {
      // Answers like 401 or 404 are logged by the browser as "Failed to load resource"; the app handles those.
      if (message.type() === 'error' && !message.text().startsWith('Failed to load resource')) {
        this.consoleErrors.push(`${page.url()}: ${message.text()}`);
      }
    });
    page.on('pageerror', (error) =>
      this.consoleErrors.push(`${page.url()}: ${error instanceof Error ? error.message : String(error)}`),
    );
    return page;
  }

  async open(page: Page, path: string): Promise<void> {
    await page.goto(`${this.baseUrl}${path}`, { waitUntil: 'domcontentloaded' });
  }

  /** Signs the tab in through the login screen, by keyboard alone (the key field has the focus). */
  async signIn(page: Page, key: string): Promise<void> {
    await this.open(page, '/');
    await page.waitForSelector('#api-key:focus');
    await page.keyboard.type(key);
    await page.keyboard.press('Enter');
    await page.waitForSelector('header.top nav');
  }

  /** Waits until the page's text contains `text` (no fixed sleeps). */
  async waitForText(page: Page, selector: string, text: string, timeout = 60_000): Promise<void> {
    await page.waitForFunction(
      (sel: string, wanted: string) => [...document.querySelectorAll(sel)].some((el) => el.textContent?.includes(wanted)),
      { timeout, polling: 200 },
      selector,
      text,
    );
  }

  async screenshot(page: Page, name: string): Promise<string> {
    const file = join(this.screenshotDir, `${name}.png`);
    await page.screenshot({ path: file, fullPage: true });
    return file;
  }

  /** Resizes the tab and waits two frames, so resize observers (the chart) have laid the page out again. */
  async resize(page: Page, viewport: { width: number; height: number }): Promise<void> {
    await page.setViewport(viewport);
    await page.evaluate(() => new Promise((done) => requestAnimationFrame(() => requestAnimationFrame(done))));
  }

  /** How much wider than the viewport the page is (0 when nothing scrolls sideways). */
  async horizontalOverflow(page: Page): Promise<number> {
    return page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
  }

  async close(): Promise<void> {
    await this.browser?.close();
  }
}
