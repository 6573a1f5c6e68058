/** Letters that NFD does not decompose but that writers routinely replace with plain ASCII. */
const EXTRA_FOLDS: Readonly<Record<string, string>> = {
  ı: 'i',
  İ: 'I',
  ø: 'o',
  Ø: 'O',
  ß: 'ss',
  đ: 'd',
  Đ: 'D',
  ł: 'l',
  Ł: 'L',
  æ: 'ae',
  Æ: 'AE',
  œ: 'oe',
  Œ: 'OE',
  þ: 'th',
  ð: 'd',
  '’': "'",
  '‘': "'",
  ʼ: "'",
};
const EXTRA_FOLD_RE = /[ıİøØßđĐłŁæÆœŒþð’‘ʼ]/g;
const MARKS_RE = /\p{M}+/gu;
const POSSESSIVE_RE = /'s?$/;
const NON_ALNUM_RE = /[^a-z0-9]+/g;

/** Removes diacritics so "Erdoğan" and "Erdogan" compare equal. */
export function foldDiacritics(text: string): string {
  return text
    .normalize('NFD')
    .replace(MARKS_RE, '')
    .replace(EXTRA_FOLD_RE, (ch) => EXTRA_FOLDS[ch] ?? ch);
}

/** Lower-cased, diacritic-free comparison key for a name: "Trump’s" -> "trump", "U.S." -> "u s". */
export function nameKey(name: string): string {
  const folded = foldDiacritics(name).toLowerCase().replace(POSSESSIVE_RE, '');
  return folded.replace(NON_ALNUM_RE, ' ').trim();
}

/** URL-safe slug of a name, used to build stable actor ids. */
export function slugify(name: string): string {
  return nameKey(name).replace(/ /g, '-');
}

/** Strips a trailing possessive ("Trump's", "Trump’s") and returns the length of the bare name. */
export function possessiveBaseLength(token: string): number {
  if (token.length > 2 && (token.endsWith("'s") || token.endsWith('’s'))) return token.length - 2;
  return token.length;
}
