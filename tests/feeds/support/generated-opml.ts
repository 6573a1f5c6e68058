import { xmlEscape } from '@chronicle/test-support';

/**
 * An OPML subscription list as a feed reader exports it: `count` feeds at `feedUrl(n)`, in folders
 * of 50 (one level deeper every other folder), titled `Outlet n`.
 */
export function generatedOpml(count: number, feedUrl: (n: number) => string): string {
  const folders: string[] = [];
  for (let start = 0; start < count; start += 50) {
    const outlines = Array.from({ length: Math.min(50, count - start) }, (_, i) => start + i).map(
      (n) =>
        `<outline type="rss" text="outlet ${n}" title="Outlet ${n}" xmlUrl="${xmlEscape(feedUrl(n))}" htmlUrl="${xmlEscape(new URL('/', feedUrl(n)).href)}"/>`,
    );
    const folder = (start / 50) % 2 === 0 ? outlines.join('\n') : `<outline text="Local">${outlines.join('\n')}</outline>`;
    folders.push(`<outline text="Folder ${start / 50}">\n${folder}\n</outline>`);
  }
  return `<?xml version="1.0" encoding="UTF-8"?>
<opml version="2.0"><head><title>Generated subscriptions</title></head><body>
${folders.join('\n')}
</body></opml>`;
}
