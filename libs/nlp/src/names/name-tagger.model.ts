import type { ArticleDocument } from '../text/article-document';
import { possessiveBaseLength } from '../text/name-normalizer';
import { DocumentTagger, type DocumentTaggerModelJson } from './document-tagger';
import { NameTagger, type NameTaggerModelJson } from './name-tagger';
// Loaded through the module system (resolveJsonModule), not the file system; the build copies the JSON assets.
import modelJson from './model/name-tagger.model.json';
import documentModelJson from './model/document-tagger.model.json';

const tagger = NameTagger.fromJson(modelJson as unknown as NameTaggerModelJson);
const documentTaggerModel = DocumentTagger.fromJson(tagger, documentModelJson as unknown as DocumentTaggerModelJson);

/** The shipped name tagger (trained on CoNLL-2003 eng.train; see model/LICENSE-DATA.md). */
export function nameTagger(): NameTagger {
  return tagger;
}

/** The shipped name tagger with its document pass (see model/LICENSE-DATA.md). */
export function documentTagger(): DocumentTagger {
  return documentTaggerModel;
}

/** Model tags of a document's tokens, with the per-token margins of `NameTagger.tagWithMargins`. */
export interface DocumentTags {
  tags: Uint8Array;
  margins: Float32Array;
}

const CURLY_APOSTROPHE_RE = /[’‘ʼ]/g;
const LOWER_LETTER_RE = /\p{Ll}/u;
const CURLY_DOUBLE_QUOTES = new Set(['“', '”', "''", '„']);

/**
 * A token as the training data writes it: straight apostrophes ("O’Rourke" -> "O'Rourke") and straight double
 * quotes, so that a curly-quoted article gets the word shapes and neighbours the model learned.
 */
function asTrainingText(text: string): string {
  if (CURLY_DOUBLE_QUOTES.has(text)) return '"';
  return text.replace(CURLY_APOSTROPHE_RE, "'");
}

/**
 * Model tag index (into NAME_TAGS) of every token of the document, tagged sentence by sentence and then again with
 * what the first pass read elsewhere in the document (document-tagger.ts). A possessive "'s" is cut off the word and
 * given to the model as a token of its own, as newswire training data splits it. Curly apostrophes and quotes are
 * straightened first (`asTrainingText`).
 */
export function tagDocument(doc: ArticleDocument): DocumentTags {
  const tags = new Uint8Array(doc.tokens.length);
  const margins = new Float32Array(doc.tokens.length);
  const sentences: string[][] = [];
  const wordOfToken: number[][] = [];
  for (const s of doc.sentences) {
    const words: string[] = [];
    const wordOf: number[] = [];
    for (let i = s.first; i < s.last; i += 1) {
      const token = doc.tokens[i]!;
      // A Title Case headline's ordinary words ("Tweets A Wildly Inaccurate Graphic") reach the model in lower case,
      // as the document reads them (text/shouting-normalizer.ts); all-caps words stay as the training data has them.
      const text = token.shouted && !token.isCap && LOWER_LETTER_RE.test(token.text) ? token.text.toLowerCase() : token.text;
      const base = possessiveBaseLength(text);
      wordOf.push(words.length);
      words.push(asTrainingText(text.slice(0, base)));
      if (base !== text.length) words.push("'s");
    }
    sentences.push(words);
    wordOfToken.push(wordOf);
  }
  documentTaggerModel.tagSentences(sentences).forEach((tagged, k) => {
    const s = doc.sentences[k]!;
    for (let i = s.first; i < s.last; i += 1) {
      const w = wordOfToken[k]![i - s.first]!;
      tags[i] = tagged.tags[w]!;
      margins[i] = tagged.margins[w]!;
    }
  });
  return { tags, margins };
}
