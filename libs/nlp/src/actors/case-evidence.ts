import type { ArticleDocument } from '../text/article-document';
import type { NameCandidate } from './name-candidate-scanner';

/**
 * "Traders said the market was nervous" in an article that also writes "as traders sold shares": a lone capitalised
 * word that only ever opens a sentence, and that the article writes in lower case elsewhere, is a common word, not a
 * name. Candidates the registry, the gazetteer or a title or given name vouches for are kept.
 */
export function dropCapitalisedCommonWords(doc: ArticleDocument, candidates: readonly NameCandidate[]): NameCandidate[] {
  const lower = new Set<string>();
  const capitalisedInside = new Set<string>();
  doc.tokens.forEach((t, k) => {
    // An all-caps line is read in lower case (text/shouting-normalizer.ts): no evidence either way.
    if (!t.isWord || doc.shouting[k]) return;
    if (!t.isCap) lower.add(t.lower);
    else if (!doc.initial[k]) capitalisedInside.add(t.lower);
  });
  return candidates.filter(
    (c) =>
      c.last - c.first !== 1 ||
      !doc.initial[c.first] ||
      c.registry !== undefined ||
      c.place !== undefined ||
      c.personCue ||
      capitalisedInside.has(doc.tokens[c.first]!.lower) ||
      !lower.has(doc.tokens[c.first]!.lower),
  );
}
