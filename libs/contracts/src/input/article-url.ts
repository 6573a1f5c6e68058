/** Longest article URL accepted. */
export const ARTICLE_URL_MAX_LENGTH = 2000;

// Whitespace (ASCII and Unicode), C0 and C1 controls, DEL and lone surrogates have no place in a URL.
// eslint-disable-next-line no-control-regex
const FORBIDDEN_IN_URL = /[\s\u0000-\u001F\u007F-\u009F\uD800-\uDFFF]/u;

/**
 * Why a string is not an acceptable article URL, or `null` when it is: it must parse as a URL,
 * use `http` or `https`, name a host, stay within {@link ARTICLE_URL_MAX_LENGTH} and contain no
 * whitespace or control characters. The string is checked as given (see {@link normalizeArticleUrl}).
 */
export function articleUrlProblem(url: string): string | null {
  if (url.length === 0) return 'must not be empty';
  if (url.length > ARTICLE_URL_MAX_LENGTH) return `must be at most ${ARTICLE_URL_MAX_LENGTH} characters`;
  if (FORBIDDEN_IN_URL.test(url)) return 'must not contain whitespace or control characters';
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return 'must be an absolute URL';
  }
  if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') return 'must be an http or https URL';
  if (parsed.hostname === '') return 'must name a host';
  return null;
}

/** True for a string that is an acceptable article URL as given. */
export function isArticleUrl(url: string): boolean {
  return articleUrlProblem(url) === null;
}

/**
 * The form an article URL is kept in: surrounding whitespace removed and Unicode normalised to
 * NFC, otherwise as given (not re-serialised by the URL parser), so ids derived from a URL stay
 * what they were.
 */
export function normalizeArticleUrl(url: string): string {
  return url.trim().normalize('NFC');
}
