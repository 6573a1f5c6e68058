import { DOCUMENT_FEATURE_COUNT, documentFeatureName, documentFeatures } from './document-features';
import { TAG_COUNT, type NameTagger } from './name-tagger';

/** The most emission cells (tokens times TAG_COUNT, 8 bytes each) a tagger keeps between documents: 8 MB. */
const SCRATCH_CELLS_KEPT = 1 << 20;

/** The serialised document pass: per feature of document-features.ts, one weight per tag (row-major). */
export interface DocumentTaggerModelJson {
  format: 'chronicle-document-tagger/1';
  features: string[];
  /** features.length x TAG_COUNT. */
  weights: number[];
}

/** Tags and per-token margins of one sentence, as `NameTagger.tagWithMargins` gives them. */
export interface TaggedSentence {
  tags: Uint8Array;
  margins: Float32Array;
}

/**
 * The name tagger read twice over a document: a first pass sentence by sentence, then a second in which each
 * capitalised word also scores how the first pass read the word's other occurrences in the document
 * (document-features.ts), added to the sentence model's emissions with learned weights
 * (training/train-document-tagger.ts gives its figures).
 */
export class DocumentTagger {
  /**
   * Every sentence's emissions of the document being tagged, back to back (grown up to SCRATCH_CELLS_KEPT, never
   * shrunk; tagging is synchronous).
   */
  private scores = new Float64Array(0);

  private constructor(
    private readonly tagger: NameTagger,
    /** DOCUMENT_FEATURE_COUNT x TAG_COUNT weights by feature number (0 for a feature the model lacks). */
    private readonly weights: Float64Array,
  ) {}

  static fromJson(tagger: NameTagger, json: DocumentTaggerModelJson): DocumentTagger {
    if (json.format !== 'chronicle-document-tagger/1') throw new Error(`document tagger: unknown format ${String(json.format)}`);
    if (json.weights.length !== json.features.length * TAG_COUNT)
      throw new Error(`document tagger: ${json.features.length} features but ${json.weights.length} weights`);
    const numberOf = new Map<string, number>();
    for (let f = 0; f < DOCUMENT_FEATURE_COUNT; f += 1) {
      const name = documentFeatureName(f);
      if (name) numberOf.set(name, f);
    }
    const weights = new Float64Array(DOCUMENT_FEATURE_COUNT * TAG_COUNT);
    json.features.forEach((name, row) => {
      const f = numberOf.get(name);
      if (f === undefined) throw new Error(`document tagger: unknown feature ${name}`);
      for (let t = 0; t < TAG_COUNT; t += 1) weights[f * TAG_COUNT + t] = json.weights[row * TAG_COUNT + t]!;
    });
    return new DocumentTagger(tagger, weights);
  }

  /** Tags and margins of each sentence (words as the tagger reads them) of one document. */
  tagSentences(sentences: readonly (readonly string[])[]): TaggedSentence[] {
    const starts: number[] = [];
    let cells = 0;
    for (const words of sentences) {
      starts.push(cells);
      cells += words.length * TAG_COUNT;
    }
    // A huge body gets scratch of its own, so a service does not keep its size for good.
    if (this.scores.length < cells && cells <= SCRATCH_CELLS_KEPT)
      this.scores = new Float64Array(Math.min(SCRATCH_CELLS_KEPT, Math.max(cells, this.scores.length * 2)));
    const scores = cells <= this.scores.length ? this.scores : new Float64Array(cells);
    const emissionsOf = (s: number): Float64Array => scores.subarray(starts[s]!, starts[s]! + sentences[s]!.length * TAG_COUNT);
    const first = sentences.map((words, s) => {
      const emissions = emissionsOf(s);
      this.tagger.score(words, emissions);
      return this.tagger.bestTags(emissions, words.length);
    });
    const weights = this.weights;
    documentFeatures(sentences, first, (s, i, feature) => {
      const at = starts[s]! + i * TAG_COUNT;
      for (let t = 0; t < TAG_COUNT; t += 1) scores[at + t]! += weights[feature * TAG_COUNT + t]!;
    });
    return sentences.map((words, s) => this.tagger.decode(emissionsOf(s), words.length));
  }
}
