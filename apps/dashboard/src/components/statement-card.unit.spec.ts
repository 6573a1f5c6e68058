import { h } from 'preact';
import { renderToString } from 'preact-render-to-string';
import { describe, expect, it } from 'vitest';
import { SpeakerName } from './statement-card';

const render = (speaker: { id: string; name: string } | null, unnamedSpeaker: string | null) =>
  renderToString(h(SpeakerName, { speaker, unnamedSpeaker, children: 'unattributed' }));

describe('SpeakerName', () => {
  it('links the actor who speaks', () => {
    expect(render({ id: 'person:kiro-tanaka', name: 'Kiro Tanaka' }, null)).toMatch(
      /<a href="[^"]*kiro-tanaka[^"]*">Kiro Tanaka<\/a>/,
    );
  });

  it('names an unnamed source as the article describes it, marked unnamed', () => {
    const html = render(null, 'senior officials');
    expect(html).toContain('senior officials (unnamed)');
    expect(html).toContain('class="unnamed"');
  });

  it('falls back to what the caller gives when nobody is named', () => {
    expect(render(null, null)).toBe('unattributed');
  });
});
