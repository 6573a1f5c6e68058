import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'puppeteer-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freePort } from '@chronicle/test-support';
import { ChronicleStack, createStack } from '../e2e/support/chronicle-stack';
import { waitFor } from '../support/test-environment';
import { DashboardBrowser, NARROW, WIDE } from './support/dashboard-browser';

const seed = readFileSync(join(__dirname, '../fixtures/istanbul-talks.txt'), 'utf8');
const [title, ...rest] = seed.split('\n');
const seedArticle = {
  id: 'istanbul-talks',
  url: 'https://news.example/istanbul-talks',
  outlet: 'Example Wire',
  publishedAt: '2026-05-16T11:20:00Z',
  title,
  body: rest.join('\n'),
};

/** An article in which Donald Trump says `quote` (a quote nobody said before, so it opens a new cluster). */
const trumpArticle = (id: string, quote: string) => ({
  id,
  url: `https://capital-dispatch.example/${id}`,
  outlet: 'Capital Dispatch',
  publishedAt: '2026-05-19T08:00:00Z',
  title: `Trump on the talks (${id})`,
  body: `WASHINGTON — President Donald Trump spoke to reporters on Tuesday.\n"${quote}," Trump said.`,
});

interface ActorSummary {
  id: string;
  name: string;
  mentionCount: number;
  statementCount: number;
}
interface StatementView {
  id: string;
  text: string;
  kind: string;
  start: number;
  end: number;
  speaker: { id: string; name: string } | null;
  unnamedSpeaker: string | null;
}

const BAD_KEY_MESSAGE = 'This key was not accepted. Check it or ask your administrator for a new one.';
type View = 'login' | 'live' | 'search' | 'actor' | 'article' | 'alerts';

describe('Newsroom dashboard', () => {
  let stack: ChronicleStack;
  let browser: DashboardBrowser;
  let page: Page;
  let api: string;
  let apiPort: number;
  let ingest: string;
  let zelenskyy: ActorSummary;
  const shots: string[] = [];

  const getJson = async <T>(path: string): Promise<T> => {
    const response = await fetch(`${api}${path}`, { headers: stack.authorization });
    if (!response.ok) throw new Error(`${path}: HTTP ${response.status}`);
    return (await response.json()) as T;
  };
  const post = async (article: object) => {
    const response = await fetch(`${ingest}/v1/articles`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...stack.authorization },
      body: JSON.stringify(article),
    });
    expect(response.status).toBe(202);
  };
  /** Screenshots of the page as it is, 1280 and 390 px wide, checking nothing scrolls sideways at 390. */
  const capture = async (name: View, at: Page = page) => {
    await browser.resize(at, WIDE);
    shots.push(await browser.screenshot(at, `${name}-1280`));
    await browser.resize(at, NARROW);
    expect(await browser.horizontalOverflow(at), `${name} scrolls sideways at 390 px`).toBe(0);
    shots.push(await browser.screenshot(at, `${name}-390`));
    await browser.resize(at, WIDE);
  };

  beforeAll(async () => {
    stack = await createStack('dashboard', { CHRONICLE_AUTH: 'on', ALERT_STREAM_POLL_MS: '200', WEBHOOK_MAX_ATTEMPTS: '1' });
    apiPort = await freePort();
    // One at a time: five Node services booting at once can starve each other on a small shared machine.
    await stack.cluster.start('api', 0, apiPort);
    for (const name of ['ingest', 'enrich', 'project', 'alert'] as const) await stack.cluster.start(name);
    api = stack.cluster.url('api');
    ingest = stack.cluster.url('ingest');
    await post(seedArticle);
    zelenskyy = (await waitFor(
      async () =>
        (await getJson<{ actors: ActorSummary[] }>('/v1/actors?q=Zelenskyy')).actors.find((a) => a.statementCount >= 4) ?? null,
      { timeoutMs: 90_000, description: 'Zelenskyy projected' },
    )) as ActorSummary;
    browser = new DashboardBrowser(api);
    await browser.launch();
    page = await browser.newPage();
  });

  afterAll(async () => {
    await browser?.close();
    await stack?.teardown();
    if (shots.length > 0) console.log(`[dashboard] screenshots in ${browser.screenshotDir}:\n  ${shots.join('\n  ')}`);
  });

  describe('when the api serves the dashboard', () => {
    it('answers any non-API path with the app, without a key, and keeps data routes closed', async () => {
      for (const path of ['/', '/search?q=sanctions', `/actors/${encodeURIComponent(zelenskyy.id)}`]) {
        const response = await fetch(`${api}${path}`);
        expect(response.status, path).toBe(200);
        expect(response.headers.get('content-type')).toContain('text/html');
        expect(response.headers.get('cache-control')).toBe('no-cache');
        expect(await response.text()).toContain('<div id="app">');
      }
      expect((await fetch(`${api}/v1/actors`)).status).toBe(401);
    });

    it('serves hashed assets as immutable, and a CSP that allows only its own origin', async () => {
      const html = await (await fetch(api)).text();
      const script = /src="(\/assets\/[^"]+\.js)"/.exec(html)?.[1];
      expect(script).toBeDefined();
      const asset = await fetch(`${api}${script}`);
      expect(asset.status).toBe(200);
      expect(asset.headers.get('cache-control')).toContain('immutable');
      const csp = (await fetch(api)).headers.get('content-security-policy') ?? '';
      expect(csp).toContain("script-src 'self'");
      expect(csp).toContain("style-src 'self'");
      expect(csp).toContain("connect-src 'self'");
      expect(csp).not.toMatch(/unsafe-inline|https:|\*/);
      expect((await fetch(`${api}/assets/missing-0000.js`)).status).toBe(404);
    });
  });

  describe('when someone signs in with a bad key', () => {
    it('says plainly that the key was not accepted, and stays on the sign-in screen', async () => {
      const tab = await browser.newPage();
      await browser.open(tab, '/');
      await tab.waitForSelector('#api-key:focus');
      await tab.keyboard.type(`chr_${'0'.repeat(12)}_${'A'.repeat(43)}`);
      await tab.keyboard.press('Enter');
      await browser.waitForText(tab, '#login-error', BAD_KEY_MESSAGE);
      expect(await tab.$('header.top nav')).toBeNull();
      expect(await tab.evaluate(() => sessionStorage.length)).toBe(0);
      // The field names its error for screen readers, and keyboard focus is visible on the next control.
      expect(await tab.$eval('#api-key', (input) => input.getAttribute('aria-describedby'))).toBe('login-error');
      await tab.keyboard.press('Tab');
      const focused = await tab.evaluate(() => {
        const element = document.activeElement as HTMLElement;
        return { text: element.textContent, outline: getComputedStyle(element).outlineStyle };
      });
      expect(focused).toEqual({ text: 'Sign in', outline: 'solid' });
      await capture('login', tab);
      await tab.close();
    });
  });

  describe('when a journalist signs in with a valid key', () => {
    it('keeps the key in the tab and opens the Live view', async () => {
      await browser.signIn(page, stack.apiKey!);
      await page.waitForSelector('h1');
      expect(await page.$eval('h1', (h) => h.textContent)).toBe('Live');
      expect(await page.evaluate(() => sessionStorage.getItem('chronicle.apiKey'))).toBe(stack.apiKey);
      // "Who is rising" compares the latest week of articles (the seed's, in May 2026) with the week before.
      await browser.waitForText(page, '.rising', 'Volodymyr Zelenskyy');
    });
  });

  describe('when the seed article is opened', () => {
    it('highlights every statement at its offsets, with its speaker', async () => {
      const article = await getJson<{ body: string; statements: StatementView[] }>('/v1/articles/istanbul-talks');
      expect(article.statements.filter((s) => s.kind === 'direct')).toHaveLength(5);
      await browser.open(page, '/articles/istanbul-talks');
      await page.waitForSelector('.article-body mark.quote-mark');
      const marked = await page.$$eval('.article-body mark.quote-mark[data-statement-id]', (marks) => {
        const byId = new Map<string, string>();
        for (const mark of marks)
          byId.set(
            mark.getAttribute('data-statement-id')!,
            (byId.get(mark.getAttribute('data-statement-id')!) ?? '') + mark.textContent,
          );
        return [...byId];
      });
      const speakers = await page.$$eval('.speaker-tag', (tags) =>
        tags.map((t) => [t.getAttribute('data-speaker-for'), t.textContent]),
      );
      expect(marked).toHaveLength(article.statements.length);
      for (const statement of article.statements) {
        expect(marked).toContainEqual([statement.id, article.body.slice(statement.start, statement.end)]);
        const tag = speakers.find(([id]) => id === statement.id);
        expect(tag?.[1]).toContain(
          statement.speaker?.name ?? (statement.unnamedSpeaker ? `${statement.unnamedSpeaker} (unnamed)` : 'unattributed'),
        );
      }
      const text = await page.$eval('.article-body', (body) => body.textContent);
      expect(text).toContain(article.body.slice(0, 80));
      expect(await page.$$eval('.article-body a.actor-mark', (marks) => marks.map((m) => m.textContent))).toEqual(
        expect.arrayContaining(['Volodymyr Zelenskyy', 'Trump']),
      );
      await capture('article');
    });

    it('lists its stances apart from the statements, each with its speaker and cue', async () => {
      const article = await getJson<{
        stances: Array<{ text: string; cue: string; speaker: { name: string } | null; unnamedSpeaker: string | null }>;
      }>('/v1/articles/istanbul-talks');
      expect(article.stances.length).toBeGreaterThan(0);
      await browser.open(page, '/articles/istanbul-talks');
      await page.waitForSelector('.stance-list li');
      const listed = await page.$$eval('.stance-list li', (items) =>
        items.map((li) => [li.querySelector('q')?.textContent, li.querySelector('.stance-cue')?.textContent, li.textContent]),
      );
      expect(listed.map(([text, cue]) => [text, cue])).toEqual(article.stances.map((s) => [s.text, s.cue]));
      article.stances.forEach((s, i) =>
        expect(listed[i]![2]).toContain(s.speaker?.name ?? (s.unnamedSpeaker ? `${s.unnamedSpeaker} (unnamed)` : 'unattributed')),
      );
    });
  });

  describe("when Zelenskyy's actor page is opened", () => {
    it('shows his four direct quotes, a sentiment chart of his mentions, who shares his articles and who covers him', async () => {
      await browser.open(page, `/actors/${encodeURIComponent(zelenskyy.id)}`);
      await browser.waitForText(page, 'h1', 'Volodymyr Zelenskyy');
      await page.waitForSelector('.timeline blockquote');
      await page.waitForSelector('.chart-host canvas');
      const direct = await page.$$eval('.timeline blockquote.kind-direct', (quotes) => quotes.map((q) => q.textContent ?? ''));
      expect(direct).toHaveLength(4);
      for (const opening of [
        'Unfortunately, the Russians',
        'I feel disrespected by Russia',
        'There must be a strong package',
        'You have to pressurize',
      ]) {
        expect(
          direct.some((quote) => quote.startsWith(opening)),
          opening,
        ).toBe(true);
      }
      // The chart's numbers (its table) add up to the mentions the API counts for him...
      const mentions = await page.$$eval('.sentiment-table td[data-mentions]', (cells) =>
        cells.map((c) => Number(c.getAttribute('data-mentions'))),
      );
      expect(mentions.length).toBeGreaterThan(0);
      expect(mentions.reduce((a, b) => a + b, 0)).toBe(zelenskyy.mentionCount);
      // ...and the canvas has the mention bars and the sentiment line drawn on it.
      const drawn = await page.$eval('.chart-host canvas', (canvas) => {
        const { data } = (canvas as HTMLCanvasElement)
          .getContext('2d')!
          .getImageData(0, 0, (canvas as HTMLCanvasElement).width, (canvas as HTMLCanvasElement).height);
        let bar = 0;
        let line = 0;
        for (let i = 0; i < data.length; i += 4) {
          const [r, g, b] = [data[i]!, data[i + 1]!, data[i + 2]!];
          if (r === 0xb9 && g === 0xc8 && b === 0xd8) bar += 1;
          if (r === 0x17 && g === 0x32 && b === 0x4d) line += 1;
        }
        return { bar, line };
      });
      expect(drawn.bar, 'mention bar pixels').toBeGreaterThan(100);
      expect(drawn.line, 'sentiment line and point pixels').toBeGreaterThan(10);
      // Who shares his articles, and who covers him, from the pair and outlet read models.
      await browser.waitForText(page, '.related', 'Donald Trump');
      await browser.waitForText(page, '.outlets', 'Example Wire');
      expect(await page.$eval('.outlets', (list) => list.textContent)).toContain('Example Wire · 1 article');
      // His stances too, so the screenshot shows every panel filled.
      await page.waitForSelector('.actor-stances li');
      await capture('actor');
    });

    it('lists his stances as the API gives them, each linking to its article, with no more to load', async () => {
      const { stances } = await getJson<{
        stances: Array<{ text: string; cue: string; articleId: string; articleTitle: string; sentiment: { label: string } }>;
      }>(`/v1/actors/${encodeURIComponent(zelenskyy.id)}/stances?limit=10`);
      // "citing the absence of a serious Russian response…" and "framed this as essential…" in the seed article.
      expect(stances.length).toBeGreaterThan(0);
      await page.waitForSelector('.actor-stances li');
      const listed = await page.$$eval('.actor-stances li', (items) =>
        items.map((li) => ({
          cue: li.querySelector('.stance-cue')?.textContent,
          text: li.querySelector('q')?.textContent,
          label: li.querySelector('.badge')?.textContent?.split(' ')[0],
          title: li.querySelector('a')?.textContent,
          href: li.querySelector('a')?.getAttribute('href'),
        })),
      );
      expect(listed).toEqual(
        stances.map((s) => ({
          cue: s.cue,
          text: s.text,
          label: s.sentiment.label,
          title: s.articleTitle,
          href: `/articles/${encodeURIComponent(s.articleId)}`,
        })),
      );
      expect(await page.$$eval('#stances-heading ~ button', (buttons) => buttons.length)).toBe(0);
    });
  });

  describe("when the page of an actor without stances is opened (Trump's, before his own articles)", () => {
    it('says they have none', async () => {
      const trump = (await getJson<{ actors: ActorSummary[] }>('/v1/actors?q=Donald%20Trump')).actors[0]!;
      expect((await getJson<{ stances: unknown[] }>(`/v1/actors/${encodeURIComponent(trump.id)}/stances`)).stances).toEqual([]);
      await browser.open(page, `/actors/${encodeURIComponent(trump.id)}`);
      await browser.waitForText(page, 'h1', 'Donald Trump');
      await browser.waitForText(page, 'section[aria-labelledby=stances-heading]', 'No stances of theirs reported yet.');
      expect(await page.$$eval('.actor-stances li', (items) => items.length)).toBe(0);
    });
  });

  describe('when a journalist searches for "sanctions"', () => {
    it('finds the Zelenskyy quote, highlighted, first said by its outlet', async () => {
      await browser.open(page, '/search');
      await page.waitForSelector('#search-q');
      await page.type('#search-q', 'sanctions');
      await page.click('form[role=search] button[type=submit]');
      await page.waitForFunction(() => location.search === '?q=sanctions');
      await browser.waitForText(page, '.results .statement', 'There must be a strong package of sanctions');
      const card = await page.$$eval('.results .statement', (cards) =>
        cards
          .filter((c) => c.textContent?.includes('There must be a strong package'))
          .map((c) => ({
            marks: [...c.querySelectorAll('blockquote mark')].map((m) => m.textContent),
            reach: c.querySelector('.reach')?.textContent,
          })),
      );
      expect(card[0]!.marks.map((m) => m?.toLowerCase())).toContain('sanctions');
      expect(card[0]!.reach).toMatch(/^First said by Example Wire.* · carried by 1 outlet$/);
      await capture('search');
    });
  });

  describe('when a journalist subscribes to Trump in the UI and he says something new', () => {
    let firstQuote: string;

    it("shows the API's own validation message next to the field it names", async () => {
      await browser.open(page, '/alerts');
      await page.waitForSelector('form[aria-label="New subscription"]');
      await page.click('form[aria-label="New subscription"] button[type=submit]');
      await page.waitForSelector('#new-actors[aria-invalid=true]');
      expect(await page.$eval('#new-actors-error', (e) => e.textContent)).toMatch(/at least 1/i);
    });

    it('creates the subscription and raises the alert live in the Live view', async () => {
      await page.type('#new-actors', 'Donald Trump');
      await page.click('form[aria-label="New subscription"] button[type=submit]');
      await page.waitForFunction(() => /^\/alerts\/[0-9a-f-]{36}$/.test(location.pathname));
      await browser.waitForText(page, 'ul.subscriptions', 'Donald Trump');
      await page.click('header.top a[href="/live"]');
      // Both streams start at the present: wait until they are open before anything new is said.
      await page.waitForSelector('[data-stream=alerts][data-state=live]');
      await page.waitForSelector('[data-stream=statements][data-state=live]');
      firstQuote = `We will have a very big announcement on the talks within ${Date.now() % 100000} hours`;
      await post(trumpArticle('trump-announcement', firstQuote));
      await browser.waitForText(page, '#live-alert-list .alert', firstQuote);
      // The statement itself comes over the other stream, whoever subscribed.
      await browser.waitForText(page, '#live-statement-list .statement', firstQuote);
      expect(await page.$eval('[data-stream=statements]', (state) => state.getAttribute('data-state'))).toBe('live');
      const card = await page.$$eval('#live-alert-list .alert', (cards) => cards.map((c) => c.textContent ?? ''));
      expect(card[0]).toContain('Donald Trump');
      expect(card[0]).toContain('First said by Capital Dispatch');
      await capture('live');
    });

    it('catches up after losing the connection: an alert raised while the api was down arrives on reconnect (Last-Event-ID)', async () => {
      // A crash, not a shutdown: the browser only sees the connection drop.
      await stack.cluster.kill('api#0');
      await page.waitForSelector('[data-stream=alerts][data-state=retrying]');
      const missedQuote = `The ceasefire must hold and I will see to it personally, believe me, ${Date.now() % 100000} times`;
      await post(trumpArticle('trump-ceasefire', missedQuote));
      await waitFor(async () => (await stack.query("SELECT 1 FROM alerts WHERE article_id = 'trump-ceasefire'")).length > 0, {
        timeoutMs: 60_000,
        description: 'alert raised while the api is down',
      });
      await stack.cluster.start('api', 0, apiPort);
      await browser.waitForText(page, '#live-alert-list .alert', missedQuote);
      await page.waitForSelector('[data-stream=alerts][data-state=live]');
      expect(await page.$$eval('#live-alert-list .alert', (cards) => cards.length)).toBe(2);
    });

    it("lists the subscription's alerts with their delivery state", async () => {
      await page.click('header.top a[href="/alerts"]');
      await page.waitForSelector('ul.subscriptions a');
      await page.click('ul.subscriptions a');
      await browser.waitForText(page, 'li.alert', firstQuote);
      const states = await page.$$eval('li.alert .badge', (badges) => badges.map((b) => b.textContent));
      expect(states).toHaveLength(2);
      expect(states.every((state) => ['delivered', 'pending'].includes(state ?? ''))).toBe(true);
    });
  });

  describe("when a webhook alert's delivery failed", () => {
    it('shows the failure and delivers it again on request', async () => {
      // Nothing listens on this port: every attempt fails, and one attempt is all the stack allows.
      const deadEnd = `http://127.0.0.1:${await freePort()}/hook`;
      const created = await fetch(`${api}/v1/subscriptions`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...stack.authorization },
        body: JSON.stringify({ actors: ['Volodymyr Zelenskyy'], webhookUrl: deadEnd }),
      });
      expect(created.status).toBe(201);
      const { id } = (await created.json()) as { id: string };
      const quote = `Our partners must decide on the air defence systems this week, not in ${Date.now() % 100000} days`;
      await post({
        id: 'zelenskyy-air-defence',
        url: 'https://harbour-ledger.example/zelenskyy-air-defence',
        outlet: 'Harbour Ledger',
        publishedAt: '2026-05-20T07:30:00Z',
        title: 'Zelenskyy presses partners on air defence',
        body: `KYIV — Ukrainian President Volodymyr Zelenskyy spoke in his nightly address.\n"${quote}," Zelenskyy said.`,
      });
      await waitFor(
        async () =>
          (await getJson<{ alerts: Array<{ delivery: { status: string } }> }>(`/v1/alerts?subscription=${id}`)).alerts[0]
            ?.delivery.status === 'failed',
        { timeoutMs: 60_000, description: 'the webhook alert failed' },
      );
      await browser.open(page, `/alerts/${id}`);
      await browser.waitForText(page, 'li.alert', quote);
      expect(await page.$eval('li.alert .badge', (b) => b.textContent)).toBe('failed');
      expect(await page.$eval('li.alert', (li) => li.textContent)).toContain('last error');
      await page.click('li.alert button');
      await browser.waitForText(page, 'li.alert [role=status]', 'Queued for delivery again.');
      // The row shows the server's answer: the alert queued again, with a fresh budget.
      expect(await page.$eval('li.alert .badge', (b) => b.textContent)).toBe('pending');
      expect(await page.$eval('li.alert', (li) => li.textContent)).toContain('0 delivery attempts');
      await capture('alerts');
    });
  });

  describe('when the journalist signs out', () => {
    it('forgets the key: back on the sign-in screen, also after a reload', async () => {
      await page.click('header.top button');
      await page.waitForSelector('#api-key:focus');
      expect(await page.evaluate(() => sessionStorage.getItem('chronicle.apiKey'))).toBeNull();
      await browser.open(page, '/live');
      await page.waitForSelector('#api-key');
      expect(await page.$('header.top nav')).toBeNull();
    });
  });

  it('ran without script errors or CSP refusals in the browser', () => {
    // A missing route is a 404 the app handles (shown as "not available"); anything else is a bug.
    expect(browser.consoleErrors.filter((e) => !/status of 404/.test(e))).toEqual([]);
  });
});
