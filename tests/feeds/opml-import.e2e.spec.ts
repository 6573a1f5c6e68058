import { runChronicle } from '../support/chronicle-cli';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ChronicleStack, createStack } from '../e2e/support/chronicle-stack';
import { generatedOpml } from './support/generated-opml';
import { LoopbackSites } from './support/loopback-sites';

interface ImportReport {
  added: Array<{ id: string; url: string; outlet: string | null }>;
  alreadyPresent: string[];
  refused: Array<{ url: string; reason: string }>;
}

describe('chronicle feeds import and POST /v1/feeds/import', () => {
  // The imported feeds exist (an empty RSS channel each), so the service's polls of them stay quiet.
  const sites = new LoopbackSites((_request, response) => {
    response.writeHead(200, { 'content-type': 'application/rss+xml', etag: '"empty"' });
    response.end('<?xml version="1.0"?><rss version="2.0"><channel><title>Empty</title></channel></rss>');
  });
  let stack: ChronicleStack;
  let feedsUrl: string;
  let opmlFile: string;
  let opml: string;

  const cli = (...args: string[]) => runChronicle(stack.env, 'feeds', ...args);
  const importViaApi = (body: unknown) =>
    fetch(`${feedsUrl}/v1/feeds/import`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(body),
    });

  beforeAll(async () => {
    await sites.start(['127.0.0.1']);
    const origin = sites.origin('127.0.0.1');
    opml = generatedOpml(500, (n) => `${origin}/feeds/${n}.xml`)
      // A duplicate (spelled with spaces) and one that `feeds add` would refuse.
      .replace(
        '</body>',
        `<outline text="Again" xmlUrl=" ${origin}/feeds/7.xml "/><outline text="FTP" xmlUrl="ftp://files.example/feed"/></body>`,
      );
    opmlFile = join(mkdtempSync(join(tmpdir(), 'chronicle-opml-')), 'subscriptions.opml');
    writeFileSync(opmlFile, opml);
    stack = await createStack('opml-import', {
      FEEDS_ALLOWED_HOSTS: origin.replace('http://', ''),
      FEEDS_MIN_INTERVAL_SECONDS: '3600',
      FEEDS_MAX_INTERVAL_SECONDS: '3600',
    });
    await stack.cluster.start('feeds');
    feedsUrl = stack.cluster.url('feeds');
  });

  afterAll(async () => {
    await stack?.teardown();
    await sites.stop();
  });

  it('registers all 500 feeds of a generated OPML file, with their titles as outlets, and refuses the bad one', async () => {
    const report = JSON.parse(await cli('import', opmlFile, '--json')) as ImportReport;
    expect(report.added).toHaveLength(500);
    expect(report.alreadyPresent).toEqual([]);
    expect(report.refused).toEqual([{ url: 'ftp://files.example/feed', reason: expect.stringMatching(/.+/) as string }]);
    const rows = await stack.query<{ url: string; outlet: string }>('SELECT url, outlet FROM feed_sources');
    expect(rows).toHaveLength(500);
    expect(rows.find((row) => row.url.endsWith('/feeds/123.xml'))?.outlet).toBe('Outlet 123');
    const listed = ((await (await fetch(`${feedsUrl}/v1/feeds`)).json()) as { feeds: unknown[] }).feeds;
    expect(listed).toHaveLength(500);
  });

  it('adds nothing when the same file is imported again, by the CLI or the API', async () => {
    const text = await cli('import', opmlFile);
    expect(text).toContain('0 added, 500 already present, 1 refused.');
    const response = await importViaApi({ opml });
    expect(response.status).toBe(200);
    const report = (await response.json()) as ImportReport;
    expect(report.added).toEqual([]);
    expect(report.alreadyPresent).toHaveLength(500);
    expect(Number((await stack.query<{ n: string }>('SELECT count(*) AS n FROM feed_sources'))[0]!.n)).toBe(500);
  });

  it('adds a new feed through the API, and refuses a document that is not OPML with its reason', async () => {
    const added = await importViaApi({
      opml: '<opml version="1.0"><body><outline title="Newcomer" xmlUrl="https://newcomer.example/rss"/></body></opml>',
      intervalSeconds: 600,
    });
    expect(added.status).toBe(200);
    expect(((await added.json()) as ImportReport).added).toEqual([
      { id: expect.any(String) as string, url: 'https://newcomer.example/rss', outlet: 'Newcomer' },
    ]);
    const notOpml = await importViaApi({ opml: '<rss version="2.0"><channel/></rss>' });
    expect(notOpml.status).toBe(400);
    expect(JSON.stringify(await notOpml.json())).toContain('not an OPML document');
  });
});
