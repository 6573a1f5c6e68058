/**
 * PostgreSQL compares `COLLATE "C"` text by its UTF-8 bytes, which is code-point order, and
 * `length(text)` counts code points. JavaScript compares and counts UTF-16 code units, which
 * disagree for characters above U+FFFF: a surrogate pair (0xD800–0xDFFF) sorts below U+E000–U+FFFF
 * in UTF-16 but above them as a code point. The folds use these so that a choice made in a batch
 * (longest name, first role, sorted aliases) is the one the database's rebuild makes.
 */

/** Maps a UTF-16 unit so that comparing mapped units gives code-point order. */
function codePointRank(unit: number): number {
  if (unit < 0xd800) return unit;
  // U+E000–U+FFFF move below the surrogates; surrogates (which encode ≥ U+10000) move above everything.
  return unit >= 0xe000 ? unit - 0x800 : unit + 0x2000;
}

/** Compares two strings in code-point order (PostgreSQL's `COLLATE "C"` on UTF-8 text). */
export function compareCodePoints(a: string, b: string): number {
  const shorter = Math.min(a.length, b.length);
  for (let i = 0; i < shorter; i++) {
    const x = a.charCodeAt(i);
    const y = b.charCodeAt(i);
    if (x !== y) return codePointRank(x) - codePointRank(y);
  }
  return a.length - b.length;
}

/** Number of code points in a string (PostgreSQL's `length(text)`). */
export function codePointLength(text: string): number {
  let length = text.length;
  for (let i = 0; i < text.length - 1; i++) {
    const unit = text.charCodeAt(i);
    if (unit >= 0xd800 && unit <= 0xdbff) {
      const next = text.charCodeAt(i + 1);
      if (next >= 0xdc00 && next <= 0xdfff) {
        length--;
        i++;
      }
    }
  }
  return length;
}
