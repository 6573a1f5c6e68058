/**
 * Speech and cognition verbs, expanded once into every inflected form so that classifying a token is one Map
 * lookup. Each form records how the verb may introduce reported content.
 */

export type VerbForm = 'base' | 'third' | 'past' | 'ing';

export interface SpeechVerb {
  lemma: string;
  form: VerbForm;
  /** Content may follow without "that" ("said the talks failed"). */
  bareClause: boolean;
  /** The direct object is the content ("expressed his determination"). */
  objectContent: boolean;
  /** Prepositions that introduce the content ("hinted at", "called for"). */
  preps: readonly string[];
  /** Only counts with an explicit "that" (cognition verbs, ambiguous verbs). */
  thatOnly: boolean;
  /** Also used with inanimate subjects ("the data suggests"), so it needs a person-like subject. */
  needsAnimateSubject: boolean;
  /** Strong enough for a capital city subject to stand for its government ("Moscow said"). */
  governmentVoice: boolean;
  /**
   * The object and what it is called are content when they hold the speaker's own quoted words ("called the plan a
   * “fundamental mistake”", "described the field as “all very good”"), or characterise a name or pronoun ("called
   * Trump a fascist", since 1.21.0).
   */
  quotedObject: boolean;
}

interface VerbSpec {
  lemma: string;
  forms?: Partial<Record<VerbForm, string[]>>;
  bareClause?: boolean;
  objectContent?: boolean;
  preps?: string[];
  thatOnly?: boolean;
  needsAnimateSubject?: boolean;
  governmentVoice?: boolean;
  quotedObject?: boolean;
}

const SPECS: VerbSpec[] = [
  { lemma: 'say', forms: { past: ['said'], third: ['says'] }, bareClause: true, governmentVoice: true },
  { lemma: 'tell', forms: { past: ['told'] }, bareClause: true, governmentVoice: true },
  { lemma: 'state', governmentVoice: true },
  { lemma: 'add', bareClause: true },
  { lemma: 'note', bareClause: true, needsAnimateSubject: true },
  { lemma: 'argue', bareClause: true },
  { lemma: 'claim', bareClause: true, governmentVoice: true },
  { lemma: 'insist', bareClause: true, preps: ['on'], governmentVoice: true },
  { lemma: 'warn', bareClause: true, preps: ['of', 'against', 'about'], governmentVoice: true },
  { lemma: 'announce', objectContent: true, governmentVoice: true },
  { lemma: 'declare', objectContent: true, governmentVoice: true },
  { lemma: 'stress', objectContent: true },
  { lemma: 'emphasize', objectContent: true },
  { lemma: 'emphasise', objectContent: true },
  { lemma: 'underscore', objectContent: true },
  { lemma: 'underline', objectContent: true, needsAnimateSubject: true },
  { lemma: 'assert', bareClause: true },
  { lemma: 'suggest', bareClause: true, needsAnimateSubject: true },
  { lemma: 'explain', bareClause: true },
  { lemma: 'remark' },
  { lemma: 'express', objectContent: true },
  { lemma: 'voice', objectContent: true },
  { lemma: 'echo' },
  { lemma: 'acknowledge', objectContent: true },
  { lemma: 'admit', forms: { past: ['admitted'], ing: ['admitting'] }, objectContent: true },
  { lemma: 'deny', objectContent: true, governmentVoice: true },
  { lemma: 'confirm', objectContent: true, governmentVoice: true },
  { lemma: 'hint', preps: ['at'] },
  // "urged regulators to block the deal": the object is the addressee, so only "urged that …" reports speech.
  { lemma: 'urge', objectContent: true, governmentVoice: true },
  { lemma: 'call', preps: ['for'], quotedObject: true },
  { lemma: 'describe', needsAnimateSubject: true, quotedObject: true },
  { lemma: 'label', forms: { past: ['labeled', 'labelled'], ing: ['labeling', 'labelling'] }, quotedObject: true },
  { lemma: 'dub', forms: { past: ['dubbed'], ing: ['dubbing'] }, quotedObject: true },
  { lemma: 'write', forms: { past: ['wrote', 'written'], ing: ['writing'] }, bareClause: true },
  { lemma: 'tweet' },
  { lemma: 'post', needsAnimateSubject: true },
  { lemma: 'reply' },
  { lemma: 'respond' },
  { lemma: 'highlight', needsAnimateSubject: true },
  { lemma: 'observe', needsAnimateSubject: true },
  { lemma: 'predict', bareClause: true },
  { lemma: 'promise', objectContent: true },
  { lemma: 'pledge', objectContent: true },
  { lemma: 'vow', preps: ['to'] },
  { lemma: 'reiterate', objectContent: true },
  { lemma: 'concede' },
  { lemma: 'contend' },
  { lemma: 'maintain', needsAnimateSubject: true, thatOnly: true },
  { lemma: 'recall', thatOnly: true },
  { lemma: 'report', needsAnimateSubject: true },
  { lemma: 'reveal', bareClause: true, needsAnimateSubject: true },
  { lemma: 'disclose' },
  { lemma: 'indicate', needsAnimateSubject: true, thatOnly: true },
  { lemma: 'mention', thatOnly: true },
  { lemma: 'complain', preps: ['about', 'of'] },
  { lemma: 'demand', objectContent: true, governmentVoice: true },
  { lemma: 'caution', preps: ['against'] },
  { lemma: 'allege' },
  { lemma: 'conclude', needsAnimateSubject: true },
  { lemma: 'agree', thatOnly: true },
  { lemma: 'signal', needsAnimateSubject: true, thatOnly: true },
  { lemma: 'repeat', thatOnly: true },
  { lemma: 'affirm' },
  { lemma: 'proclaim' },
  { lemma: 'testify' },
  { lemma: 'comment', thatOnly: true },
  { lemma: 'counter' },
  { lemma: 'retort' },
  { lemma: 'lament', objectContent: true },
  { lemma: 'boast' },
  { lemma: 'recount' },
  { lemma: 'propose', objectContent: true },
  { lemma: 'recommend', objectContent: true },
  { lemma: 'threaten', preps: ['to'] },
  { lemma: 'accuse', objectContent: true, governmentVoice: true },
  { lemma: 'condemn', objectContent: true, governmentVoice: true },
  { lemma: 'point', preps: ['out'] },
  { lemma: 'believe', thatOnly: true },
  { lemma: 'think', forms: { past: ['thought'] }, thatOnly: true },
  { lemma: 'feel', forms: { past: ['felt'] }, thatOnly: true },
  { lemma: 'fear', thatOnly: true },
  { lemma: 'hope', thatOnly: true },
  { lemma: 'expect', thatOnly: true },
  { lemma: 'ask', thatOnly: true },
  { lemma: 'speak', forms: { past: ['spoke', 'spoken'] }, preps: ['of', 'about'] },
  { lemma: 'shout' },
  // "“…,” she continued": attributes a quote; "continued that …" is rare, and "continued to rise" must not count.
  { lemma: 'continue', thatOnly: true, needsAnimateSubject: true },
  { lemma: 'yell' },
  { lemma: 'joke' },
  { lemma: 'quip', forms: { past: ['quipped'], ing: ['quipping'] } },
  { lemma: 'chant' },
  { lemma: 'exclaim' },
  { lemma: 'scream' },
  { lemma: 'whisper' },
  { lemma: 'muse' },
  { lemma: 'gush' },
  { lemma: 'scoff' },
];

function regularForms(lemma: string): Record<VerbForm, string[]> {
  const endsE = lemma.endsWith('e');
  const consonantY = /[^aeiou]y$/.test(lemma);
  const sibilant = /(s|sh|ch|x|z|o)$/.test(lemma);
  const third = consonantY ? `${lemma.slice(0, -1)}ies` : sibilant ? `${lemma}es` : `${lemma}s`;
  const past = consonantY ? `${lemma.slice(0, -1)}ied` : endsE ? `${lemma}d` : `${lemma}ed`;
  const ing = endsE && !lemma.endsWith('ee') ? `${lemma.slice(0, -1)}ing` : `${lemma}ing`;
  return { base: [lemma], third: [third], past: [past], ing: [ing] };
}

function buildLexicon(): ReadonlyMap<string, SpeechVerb> {
  const map = new Map<string, SpeechVerb>();
  for (const spec of SPECS) {
    const forms = { ...regularForms(spec.lemma), ...spec.forms };
    for (const form of ['base', 'third', 'past', 'ing'] as const) {
      for (const surface of forms[form]) {
        if (map.has(surface)) continue;
        map.set(surface, {
          lemma: spec.lemma,
          form,
          bareClause: spec.bareClause ?? false,
          objectContent: spec.objectContent ?? false,
          preps: spec.preps ?? [],
          thatOnly: spec.thatOnly ?? false,
          needsAnimateSubject: spec.needsAnimateSubject ?? false,
          governmentVoice: spec.governmentVoice ?? false,
          quotedObject: spec.quotedObject ?? false,
        });
      }
    }
  }
  return map;
}

const LEXICON = buildLexicon();

/** The speech verb a lower-cased token is a form of, if any. */
export function speechVerb(lower: string): SpeechVerb | undefined {
  return LEXICON.get(lower);
}

/** True for finite forms that can head an attribution ("said", "says", "added"), excluding bare infinitives. */
export function isFiniteSpeechVerb(lower: string): boolean {
  const verb = LEXICON.get(lower);
  return verb !== undefined && (verb.form === 'past' || verb.form === 'third');
}
