import { deterministicId } from '../deterministic-id';
/** Longest article id accepted from outside (path segments, Kafka keys, primary keys). */
export const ARTICLE_ID_MAX_LENGTH = 128;

/**
 * The article id grammar: an ASCII letter or digit, then letters, digits, `.`, `_`, `:` or `-`.
 * It covers the ids Chronicle derives (UUID-shaped, from `deterministicId`) and the ids
 * operators give (`sample-sanctions-vote`, file names such as `01-istanbul-talks`), and keeps
 * ids safe as URL path segments, Kafka keys, log fields and SQL keys without any escaping.
 */
export const ARTICLE_ID_PATTERN = /^[A-Za-z0-9][A-Za-z0-9._:-]*$/;

/**
 * Why a string is not a valid article id, or `null` when it is. The string is checked as given:
 * callers trim surrounding whitespace first if they accept it.
 */
export function articleIdProblem(id: string): string | null {
  if (id.length === 0) return 'must not be empty';
  if (id.length > ARTICLE_ID_MAX_LENGTH) return `must be at most ${ARTICLE_ID_MAX_LENGTH} characters`;
  if (!ARTICLE_ID_PATTERN.test(id)) {
    return 'must start with a letter or digit and contain only ASCII letters, digits, ".", "_", ":" and "-"';
  }
  return null;
}

/** True for a string that is a valid article id as given. */
export function isArticleId(id: string): boolean {
  return articleIdProblem(id) === null;
}

/**
 * An article id made from a file name: accents dropped, every run of characters outside the
 * grammar turned into `-`, cut to the maximum length; `null` when nothing usable is left
 * (the caller then lets ingest derive the id from the content).
 */
export function articleIdFromName(name: string): string | null {
  const slug = name
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/[^A-Za-z0-9._:-]+/g, '-')
    .replace(/^[^A-Za-z0-9]+/, '')
    .slice(0, ARTICLE_ID_MAX_LENGTH)
    .replace(/-+$/, '');
  return isArticleId(slug) ? slug : null;
}

/**
 * The id of a submitted article: the caller's id, else one derived from the URL (trimmed, trailing
 * slashes dropped, lower-cased), else from the content. Every way an article enters (ingest, the
 * feeds service, `chronicle ingest`) uses this, so the same article is one article however it came.
 */
export function articleIdFor(article: { id?: string; url?: string | null; title: string; body: string }): string {
  if (article.id) return article.id;
  if (article.url) return deterministicId('article-url', article.url.trim().replace(/\/+$/, '').toLowerCase());
  return deterministicId('article-content', article.title, article.body);
}
