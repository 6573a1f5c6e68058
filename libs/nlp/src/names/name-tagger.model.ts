import type { ArticleDocument } from '../text/article-document';
import { possessiveBaseLength } from '../text/name-normalizer';
import { NameTagger, type NameTaggerModelJson } from './name-tagger';
// Loaded through the module system (resolveJsonModule), not the file system; the build copies the JSON asset.
import modelJson from './model/name-tagger.model.json';

const tagger = NameTagger.fromJson(modelJson as unknown as NameTaggerModelJson);

/** The shipped name tagger (trained on CoNLL-2003 eng.train; see model/LICENSE-DATA.md). */
export function nameTagger(): NameTagger {
  return tagger;
}

/** Model tags of a document's tokens, with the per-token margins of `NameTagger.tagWithMargins`. */
export interface DocumentTags {
  tags: Uint8Array;
  margins: Float32Array;
}

/**
 * Model tag index (into NAME_TAGS) of every token of the document, tagged sentence by sentence. A possessive "'s" is
 * cut off the word first, as newswire training data splits it into its own token.
 */
export function tagDocument(doc: ArticleDocument): DocumentTags {
  const tags = new Uint8Array(doc.tokens.length);
  const margins = new Float32Array(doc.tokens.length);
  for (const s of doc.sentences) {
    const words: string[] = [];
    for (let i = s.first; i < s.last; i += 1) {
      const text = doc.tokens[i]!.text;
      words.push(text.slice(0, possessiveBaseLength(text)));
    }
    const tagged = tagger.tagWithMargins(words);
    tags.set(tagged.tags, s.first);
    margins.set(tagged.margins, s.first);
  }
  return { tags, margins };
}
