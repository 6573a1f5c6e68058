import { describe, expect, it } from 'vitest';
import { htmlToText, nodeToText, TextNodeLike } from './html-text';

/** A `<div>` of `count` text children whose `childNodes`, like linkedom's, is a fresh array on every read, counted. */
function wideDiv(count: number): { node: TextNodeLike; reads: () => number } {
  let reads = 0;
  const texts: TextNodeLike[] = Array.from({ length: count }, (_, i) => ({
    nodeType: 3,
    nodeName: '#text',
    nodeValue: `w${i} `,
    childNodes: [],
  }));
  const node: TextNodeLike = {
    nodeType: 1,
    nodeName: 'DIV',
    nodeValue: null,
    get childNodes() {
      reads += 1;
      return [...texts];
    },
  };
  return { node, reads: () => reads };
}

describe(nodeToText.name, () => {
  describe('when an element has thousands of children', () => {
    it('reads its children once (linkedom builds them afresh on each read, so reading per child cost the square)', () => {
      const { node, reads } = wideDiv(2_000);
      const text = nodeToText(node);
      expect(text.startsWith('w0 w1 w2')).toBe(true);
      expect(text.endsWith('w1999')).toBe(true);
      expect(reads()).toBe(1);
    });
  });
});

describe(htmlToText.name, () => {
  describe('when a fragment has paragraphs, a script and line breaks', () => {
    it('gives the paragraphs apart and leaves the script out', () => {
      expect(htmlToText('<p>One  two</p><script>x()</script><p>Three<br><br>Four</p>')).toBe('One two\n\nThree\n\nFour');
    });
  });
});
