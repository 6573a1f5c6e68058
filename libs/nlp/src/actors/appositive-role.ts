import { DETERMINERS, TITLE_WORDS } from '../lexicon/word-lists';
import type { ArticleDocument } from '../text/article-document';
import type { ActorDraft } from './actor-model';

const APPOSITIVE_MAX_WORDS = 6;
const APPOSITIVE_END = new Set([',', '.', ';', '—', '–']);

/**
 * Gives a person with no stated role the one an appositive after their name states: "said Maroš Šefčovič, the
 * EU trade commissioner." or "Rebecca Stein, a partner at the firm, said". The role must end in a title word,
 * so later descriptions ("the commissioner added") can refer back to that person.
 */
export function addAppositiveRoles(doc: ArticleDocument, actors: readonly ActorDraft[]): void {
  const { tokens, sentenceOf } = doc;
  for (const a of actors) {
    if (a.kind !== 'person' || a.role) continue;
    for (const m of a.mentions) {
      if (tokens[m.last]?.text !== ',' || !DETERMINERS.has(tokens[m.last + 1]?.lower ?? '')) continue;
      const first = m.last + 2;
      let k = first;
      while (k < tokens.length && k - first < APPOSITIVE_MAX_WORDS && tokens[k]!.isWord && sentenceOf[k] === sentenceOf[m.last])
        k += 1;
      const head = tokens[k - 1];
      const stop = tokens[k];
      if (k === first || !head || head.isCap || !TITLE_WORDS.has(head.lower)) continue;
      if (stop && !APPOSITIVE_END.has(stop.text) && sentenceOf[k] === sentenceOf[m.last]) continue;
      const start = tokens[first]!.start;
      a.role = { start, end: head.end, text: doc.body.slice(start, head.end) };
      break;
    }
  }
}
