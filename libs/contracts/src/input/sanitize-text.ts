/** What a lone UTF-16 surrogate or a NUL becomes: PostgreSQL text and jsonb can hold neither. */
export const REPLACEMENT_CHARACTER = '\uFFFD';

// A high surrogate not followed by a low one, or a low surrogate not preceded by a high one.
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;
// eslint-disable-next-line no-control-regex
const NUL = /\u0000/g;
// C0 controls other than \t (U+0009) and \n (U+000A); \r is turned into \n before this runs.
// eslint-disable-next-line no-control-regex
const STRIPPED_CONTROLS = /[\u0001-\u0008\u000B-\u001F]/g;

/**
 * Makes outside text safe to store and compare: lone UTF-16 surrogates and NUL become U+FFFD,
 * `\r\n` and `\r` become `\n`, every other C0 control except `\t` and `\n` is removed, and the
 * result is normalised to Unicode NFC. The result can go into PostgreSQL `text`/`jsonb` as is,
 * text that is already clean comes back unchanged, and `sanitizeText(sanitizeText(s))` equals
 * `sanitizeText(s)`.
 */
export function sanitizeText(text: string): string {
  return text
    .replace(LONE_SURROGATE, REPLACEMENT_CHARACTER)
    .replace(NUL, REPLACEMENT_CHARACTER)
    .replace(/\r\n?/g, '\n')
    .replace(STRIPPED_CONTROLS, '')
    .normalize('NFC');
}

/** True when {@link sanitizeText} would return the text unchanged. */
export function isSanitizedText(text: string): boolean {
  return sanitizeText(text) === text;
}
