import { FINITE_WORDS } from './adverbial-phrases';
import { isFiniteSpeechVerb, speechVerb, type VerbForm } from '../lexicon/speech-verb-lexicon';
import {
  MONTHS_AND_DAYS,
  OCCASION_NOUNS,
  PARTICIPLE_LEADS,
  RELATIVE_WORDS,
  SUBJECT_PRONOUN_KINDS,
  VERB_PADDING,
} from '../lexicon/word-lists';
import type { QuoteSpan } from '../text/quote-scanner';
import type { AnalysisContext } from './analysis-context';
import { afterParenthetical, mainSubject, pronounFit } from './salience-tracker';
import { fillsParagraph, indexParagraphs, leadSentenceSpeaker, paragraphSpeaker, type SpokenQuote } from './quote-continuation';
import {
  mainSubjectResolution,
  nameBeforeParticiple,
  subjectAfter,
  subjectBefore,
  subjectOfVerbBefore,
  voiceSubjectOfSentence,
  type SubjectResolution,
} from './speaker-resolver';
import { bodySpan, subjectRange, type StatementDraft } from './statement-draft';
import { reportsOwnContent } from './reported-speech-extractor';
import {
  accordingToAfter,
  accordingToLead,
  closesClause,
  HARD_STOPS,
  isAppositiveRolePrefix,
  isRolePrefix,
  nameSigningColon,
  personBeforeColon,
  nameSubject,
  pastVerbThenName,
  SENTENCE_END_RE,
  subjectThenUnlistedVerb,
  subjectThenUnlistedVerbBefore,
  type Attribution,
} from './quote-attribution-forms';

/** Direct statements plus the speech-verb tokens they consumed (so reported speech does not reuse them). */
export interface QuoteExtraction {
  statements: StatementDraft[];
  usedVerbs: Set<number>;
}

const MAX_SCARE_WORDS = 3;
const ATTRIBUTION_WINDOW = 16;
const LEAD_WINDOW = 10;
const CLAUSE_END_MARKS = new Set([',', '—', '–', '-']);
const DASHES = new Set(['―', '—', '–', '-']);

/**
 * Turns quotations into direct statements, finding the attribution after the quote ("…," he said / "…," said X),
 * before it (X said: "…" / X said, "…" / ", asserting, "…"" / a colon-introduced lead), or from the paragraphs
 * before a paragraph that is only speech (continuation, dialogue, Q&A, introduction; see `paragraphSpeaker`).
 * Short unattributed quotes are scare quotes and are skipped.
 */
export function extractQuotes(ctx: AnalysisContext): QuoteExtraction {
  const { doc } = ctx;
  const { tokens } = doc;
  const statements: StatementDraft[] = [];
  const spoken: SpokenQuote[] = [];
  const paragraphs = indexParagraphs(ctx);
  const usedVerbs = new Set<number>();
  let previous: { statement: StatementDraft; paragraph: number } | undefined;
  for (const q of doc.quotes) {
    if (doc.masked[q.open]) continue;
    const words = countWords(ctx, q);
    const attribution =
      attributeAfter(ctx, q) ??
      attributeBefore(ctx, q) ??
      attributeAfterNarration(ctx, q) ??
      attributeFromLeadSentence(ctx, q, usedVerbs);
    let statement: StatementDraft | undefined;
    const text = doc.body.slice(q.start, q.end);
    const closeToken = q.close === -1 ? lastQuotedToken(ctx, q) : q.close;
    let endToken = closeToken + 1;
    if (attribution) {
      const { subject } = attribution;
      usedVerbs.add(attribution.verb);
      const actor = subject.actor ?? (subject.pronoun === undefined ? null : recentSpeaker(ctx, subject.pronoun, spoken));
      endToken = Math.max(endToken, attribution.cueEnd, subject.last);
      const lead = attribution.cueStart > q.open ? narratedLead(ctx, q) : -1;
      const start = lead === -1 ? q.start : tokens[lead]!.start;
      statement = {
        kind: 'direct',
        start,
        end: q.end,
        text: doc.body.slice(start, q.end),
        cue: bodySpan(doc.body, tokens[attribution.cueStart]!.start, tokens[attribution.cueEnd - 1]!.end),
        speaker: actor,
        pronoun: subject.pronoun,
        ...subjectRange(subject),
        ...(subject.source ? { source: subject.source } : {}),
      };
    } else if (
      previous &&
      (isSameParagraphContinuation(ctx, q, previous.paragraph, previous.statement.end) || isSplitTail(ctx, q, previous.paragraph))
    ) {
      statement = { kind: 'direct', start: q.start, end: q.end, text, speaker: previous.statement.speaker };
    } else if (fillsParagraph(ctx, q, paragraphs)) {
      const speaker = paragraphSpeaker(ctx, q, spoken, paragraphs);
      if (speaker !== null || (words > MAX_SCARE_WORDS && looksLikeSpeech(ctx, q)))
        statement = { kind: 'direct', start: q.start, end: q.end, text, speaker };
    } else if (words > MAX_SCARE_WORDS && looksLikeSpeech(ctx, q)) {
      const speaker = endsParagraph(ctx, q) || pronounSentenceFollows(ctx, q) ? leadSentenceSpeaker(ctx, q, spoken) : null;
      statement = { kind: 'direct', start: q.start, end: q.end, text, speaker };
    }
    if (statement) {
      statements.push(statement);
      spoken.push({
        paragraph: tokens[q.open]!.paragraph,
        lastParagraph: tokens[closeToken]!.paragraph,
        endToken,
        speaker: statement.speaker,
        opensParagraph: paragraphs.first.get(tokens[q.open]!.paragraph) === q.open,
      });
      if (statement.speaker !== null) previous = { statement, paragraph: tokens[q.open]!.paragraph };
      else previous = undefined;
    }
  }
  return { statements, usedVerbs };
}

const RECENT_SPEAKER_PARAGRAPHS = 4;

/**
 * A pronoun that salience left unresolved ("…," she says, after a run of Q&A paragraphs) names the last person
 * quoted, when that was recent and the pronoun fits them.
 */
function recentSpeaker(ctx: AnalysisContext, pronoun: number, spoken: readonly SpokenQuote[]): number | null {
  const kind = SUBJECT_PRONOUN_KINDS.get(ctx.doc.tokens[pronoun]!.lower);
  const last = spoken[spoken.length - 1];
  if (!kind || !last || last.speaker === null) return null;
  if (ctx.doc.tokens[pronoun]!.paragraph - last.lastParagraph > RECENT_SPEAKER_PARAGRAPHS) return null;
  return pronounFit(kind, ctx.actors[last.speaker]!) > 0 ? last.speaker : null;
}

/**
 * `Lynch announced the lawsuit. “We are seeking a court order.” She further announced …`: the quote is followed in its
 * paragraph by a sentence whose subject is the pronoun the lead sentence's subject continues as.
 */
function pronounSentenceFollows(ctx: AnalysisContext, q: QuoteSpan): boolean {
  const { tokens, sentenceOf } = ctx.doc;
  if (q.close === -1) return false;
  const next = q.close + 1;
  const t = tokens[next];
  if (!t || t.paragraph !== tokens[q.close]!.paragraph || sentenceOf[next] === sentenceOf[q.close]) return false;
  const resolved = ctx.salience.pronouns.get(next);
  return resolved !== undefined && resolved !== null && resolved === mainSubject(ctx.doc, ctx.salience, q.open - 1)?.actor;
}

/** No words follow the quote in its paragraph. */
function endsParagraph(ctx: AnalysisContext, q: QuoteSpan): boolean {
  const { tokens } = ctx.doc;
  if (q.close === -1) return true;
  for (let k = q.close + 1; k < tokens.length && tokens[k]!.paragraph === tokens[q.close]!.paragraph; k += 1) {
    if (tokens[k]!.isWord) return false;
  }
  return true;
}

function lastQuotedToken(ctx: AnalysisContext, q: QuoteSpan): number {
  const { tokens } = ctx.doc;
  let k = q.open;
  while (k + 1 < tokens.length && tokens[k + 1]!.end <= q.end) k += 1;
  return k;
}

function countWords(ctx: AnalysisContext, q: QuoteSpan): number {
  const { tokens } = ctx.doc;
  const last = q.close === -1 ? tokens.length : q.close;
  let n = 0;
  for (let i = q.open + 1; i < last && tokens[i]!.end <= q.end; i += 1) if (tokens[i]!.isWord) n += 1;
  return n;
}

/**
 * A quote that opens a sentence or clause with a capital, as opposed to a phrase embedded in narration
 * (`said Republicans were "lying to the American people."`), which reported speech keeps in its content.
 */
export function looksLikeSpeech(ctx: AnalysisContext, q: QuoteSpan): boolean {
  const firstTok = ctx.doc.tokens[q.open + 1];
  return firstTok?.isCap === true && isSentenceStart(ctx, q.open);
}

function isSentenceStart(ctx: AnalysisContext, open: number): boolean {
  const prev = ctx.doc.tokens[open - 1];
  return !prev || prev.paragraph !== ctx.doc.tokens[open]!.paragraph || ['.', ':', ',', '!', '?'].includes(prev.text);
}

/** `"…," he said` / `"…," said Prime Minister Keir Starmer` / `"…," Zelenskyy expressed.` */
function attributeAfter(ctx: AnalysisContext, q: QuoteSpan): Attribution | null {
  const { tokens } = ctx.doc;
  if (q.close === -1) return null;
  let k = q.close + 1;
  const after = tokens[k];
  if (!after || after.paragraph !== tokens[q.close]!.paragraph) return null;
  if (after.text === ',') k += 1;
  const lastContent = tokens[lastBeforeNestedClose(ctx, q.close)]?.text ?? '';
  const endsSentence = SENTENCE_END_RE.test(lastContent);
  // An attribution after a quote is set off by punctuation: `"…," he said`, `"…?" she asked`.
  // `"…" said Nick Merrill, …`: copy that dropped the comma still inverts a named speaker right after the quote.
  const unpunctuated = isFiniteSpeechVerb(after.lower) && ctx.mentionStartingAt.has(k + 1);
  if (!endsSentence && after.text !== ',' && !CLAUSE_END_MARKS.has(lastContent) && !unpunctuated) return null;
  // `"…" ― Steve Quinlan`: a name after a dash signs the quote.
  if (DASHES.has(after.text)) {
    const signed = ctx.mentionStartingAt.get(q.close + 2);
    if (signed && !signed.possessive && tokens[q.close + 2]!.paragraph === after.paragraph)
      return {
        subject: nameSubject(signed),
        cueStart: q.close + 1,
        cueEnd: signed.last,
        verb: -1,
      };
  }
  // `Jeb Bush called the orders “quite dangerous.” Chris Christie, …, called Obama …`: a quote that ends a sentence
  // whose own speech verb comes before it is not attributed by the next sentence.
  if (endsSentence && speechVerbBefore(ctx, q)) return null;
  const appositive = appositiveAttribution(ctx, k, after.paragraph);
  if (appositive) return appositive;
  const according = looksLikeSpeech(ctx, q) ? accordingToAfter(ctx, k, after.paragraph) : null;
  if (according) return according;
  const named = subjectThenUnlistedVerb(ctx, k, lastContent, looksLikeSpeech(ctx, q)) ?? pastVerbThenName(ctx, k, lastContent);
  if (named) return named;
  // After a full stop a capitalised word starts a new sentence, unless it is the attribution verb itself or a name
  // the verb follows (`"…?" Graham asked.`).
  if (endsSentence && tokens[k]?.isCap && !isFiniteSpeechVerb(tokens[k]!.lower) && !nameBeforeSpeechVerb(ctx, k)) return null;
  for (let v = k; v < tokens.length && v - k < ATTRIBUTION_WINDOW; v += 1) {
    if (v > k && ctx.mentionEndingAt.has(v - 1)) v = afterParenthetical(ctx.doc, v);
    const t = tokens[v];
    if (!t || HARD_STOPS.has(t.text) || t.paragraph !== after.paragraph) return null;
    if (!headsAttribution(ctx, v)) continue;
    if (v === k) {
      // `Humphrey, who calls Trump a “sociopath,” said he doesn't believe …`: a pronoun that opens the verb's own
      // clause is no inverted subject of a quoted phrase.
      const pronoun = tokens[v + 1];
      if (
        !endsSentence &&
        !looksLikeSpeech(ctx, q) &&
        pronoun &&
        SUBJECT_PRONOUN_KINDS.has(pronoun.lower) &&
        tokens[v + 2]?.isWord
      )
        return null;
      const subject = subjectAfter(ctx, v);
      // `Mr. Manafort, citing ''the unique magic of Trump,'' said the candidate could be …`: nor is a noun phrase
      // with a finite verb of its own, which opens the speech verb's clause.
      if (!endsSentence && !looksLikeSpeech(ctx, q) && opensClause(ctx, subject)) return null;
      return subject.found ? { subject, cueStart: v, cueEnd: subject.last, verb: v } : null;
    }
    const subject = subjectBefore(ctx, v);
    if (!subject.found || !(isRolePrefix(ctx, k, subject.first) || isAppositiveRolePrefix(ctx, k, subject))) return null;
    // `on “Sunday Morning Futures,” Rep. Darrell Issa said Clinton's …`: a verb with content of its own does not
    // attribute a quoted phrase that ends mid-sentence.
    if (!endsSentence && !looksLikeSpeech(ctx, q) && reportsOwnContent(ctx, v)) return null;
    return { subject, cueStart: k, cueEnd: v + 1, verb: v };
  }
  return null;
}

/** True when an inverted subject is a noun phrase with a finite verb of its own: the subject of a clause. */
function opensClause(ctx: AnalysisContext, subject: SubjectResolution): boolean {
  const { tokens } = ctx.doc;
  if (!subject.found || subject.pronoun !== undefined) return false;
  for (let i = subject.first + 1; i <= subject.last && i < tokens.length; i += 1) {
    // A finite verb after a relative word stays inside the noun phrase ("a man who was there").
    if (RELATIVE_WORDS.has(tokens[i - 1]!.lower)) return false;
    if (FINITE_WORDS.has(tokens[i]!.lower)) return true;
  }
  return false;
}

/** Auxiliaries that make a speech verb's bare form finite: `"…," he will say.` */
const MODALS = new Set(['will', 'would', 'could', 'might', 'may', 'can', 'should', 'must', 'shall', "'ll"]);

/** A finite speech verb at `v`, or its bare form after a modal. */
function headsAttribution(ctx: AnalysisContext, v: number): boolean {
  const { tokens } = ctx.doc;
  const lower = tokens[v]!.lower;
  if (isFiniteSpeechVerb(lower)) return true;
  return speechVerb(lower)?.form === 'base' && MODALS.has(tokens[v - 1]?.lower ?? '');
}

/** Closing marks of a quote nested at the end of a quote: `"…the products you called 'miracles,'" she said`. */
const NESTED_CLOSES = new Set(["'", '’']);

/** The token before the closing mark at `close`, looking past a nested quote's own closing mark. */
function lastBeforeNestedClose(ctx: AnalysisContext, close: number): number {
  const before = ctx.doc.tokens[close - 1];
  return before && NESTED_CLOSES.has(before.text) ? close - 2 : close - 1;
}

/**
 * `However laudable the goal, using the tax ''is a misguided approach,'' said Mr. Burman`: a quote that completes a
 * narrated sentence, attributed after it, reports the whole sentence. The first token of that sentence, or -1 when
 * the quote opens its sentence or the words before it hold another quote or a speech verb of their own.
 */
function narratedLead(ctx: AnalysisContext, q: QuoteSpan): number {
  const { tokens, sentenceOf, quoteOf, sentences, masked } = ctx.doc;
  if (isSentenceStart(ctx, q.open)) return -1;
  const sentence = sentences[sentenceOf[q.open]!]!;
  let first = sentence.first;
  while (first < q.open && (!tokens[first]!.isWord || masked[first])) first += 1;
  if (first >= q.open || tokens[first]!.paragraph !== tokens[q.open]!.paragraph) return -1;
  for (let k = first; k < q.open; k += 1) {
    // A quoted phrase in the narration belongs to it (`words like “maybe” and “perhaps”, he told reporters`).
    if (quoteOf[k] !== -1 && looksLikeSpeech(ctx, ctx.doc.quotes[quoteOf[k]!]!)) return -1;
    if (quoteOf[k] === -1 && speechVerb(tokens[k]!.lower)) return -1;
  }
  return first;
}

const NARRATION_MAX = 16;

/**
 * `"…" for criminal behavior, she said.` / `"…" of the proposals, Mr. Holtz-Eakin said.`: a quote embedded at the
 * start of a sentence whose few narrated words end in a closing attribution. The attribution must be the clause
 * after the last comma (subject right after it, then the verb, then at most a short adverbial: "said after the attacks.").
 */
function attributeAfterNarration(ctx: AnalysisContext, q: QuoteSpan): Attribution | null {
  const { tokens, quoteOf, sentenceOf } = ctx.doc;
  if (q.close === -1 || !looksLikeSpeech(ctx, q)) return null;
  const first = tokens[q.close + 1];
  if (!first?.isWord || first.isCap || sentenceOf[q.close + 1] !== sentenceOf[q.close]) return null;
  for (let j = q.close + 1; j < tokens.length && j - q.close <= NARRATION_MAX; j += 1) {
    const t = tokens[j]!;
    if (quoteOf[j] !== -1 || HARD_STOPS.has(t.text) || sentenceOf[j] !== sentenceOf[q.close]) return null;
    if (speechVerb(t.lower)) return null;
    if (t.text !== ',') continue;
    // `''…,'' like the recent volatility of markets, said Richard Curtin, the chief economist …`
    if (isFiniteSpeechVerb(tokens[j + 1]?.lower ?? '') && sentenceOf[j + 1] === sentenceOf[q.close]) {
      const inverted = subjectAfter(ctx, j + 1);
      return inverted.found && inverted.actor !== null
        ? { subject: inverted, cueStart: j + 1, cueEnd: inverted.last, verb: j + 1 }
        : null;
    }
    let v = j + 1;
    while (v < tokens.length && v - j <= ATTRIBUTION_WINDOW && !isFiniteSpeechVerb(tokens[v]!.lower) && tokens[v]!.isWord) v += 1;
    if (!tokens[v] || !isFiniteSpeechVerb(tokens[v]!.lower)) continue;
    const subject = subjectBefore(ctx, v);
    const closes = closesClause(ctx, v);
    if (!subject.found || subject.first !== j + 1 || !closes) return null;
    return { subject, cueStart: subject.first, cueEnd: v + 1, verb: v };
  }
  return null;
}

/**
 * `Iowa State University's Dianne Bystrom agreed. "Mainstream Republicans are running out of time."`: a quote that
 * opens a sentence right after one that ends in its subject's speech verb, a verb no other quote is attributed to.
 */
function attributeFromLeadSentence(ctx: AnalysisContext, q: QuoteSpan, usedVerbs: ReadonlySet<number>): Attribution | null {
  const { tokens } = ctx.doc;
  const v = q.open - 2;
  const stop = tokens[q.open - 1];
  if (v < 0 || stop?.text !== '.' || tokens[v]!.paragraph !== tokens[q.open]!.paragraph || usedVerbs.has(v)) return null;
  if (tokens[v]!.isCap || !isFiniteSpeechVerb(tokens[v]!.lower)) return null;
  const subject = subjectBefore(ctx, v);
  // The verb stays free: the sentence it ends may report content of its own ("…, the union said.").
  return subject.found && subject.actor !== null ? { subject, cueStart: subject.first, cueEnd: v + 1, verb: -1 } : null;
}

/** Whether a finite speech verb outside quotes comes before the quote in its sentence. */
function speechVerbBefore(ctx: AnalysisContext, q: QuoteSpan): boolean {
  const { tokens, sentenceOf, quoteOf, sentences } = ctx.doc;
  const sentence = sentences[sentenceOf[q.open]!]!;
  for (let k = sentence.first; k < q.open; k += 1) if (quoteOf[k] === -1 && isFiniteSpeechVerb(tokens[k]!.lower)) return true;
  return false;
}

const APPOSITIVE_MAX = 40;

/**
 * `"…," Scott Pruitt, the Republican attorney general of Oklahoma, one of the states suing the EPA, said`: a name, a
 * long appositive set off by commas, then the verb, unless that verb reports content of its own.
 */
function appositiveAttribution(ctx: AnalysisContext, k: number, paragraph: number): Attribution | null {
  const { tokens, quoteOf } = ctx.doc;
  const m = ctx.mentionStartingAt.get(k);
  if (!m || m.possessive) return null;
  let j = afterParenthetical(ctx.doc, m.last);
  if (tokens[j]?.text !== ',') return null;
  for (j += 1; j < tokens.length && j - m.last < APPOSITIVE_MAX; j += 1) {
    const t = tokens[j]!;
    if (t.paragraph !== paragraph || quoteOf[j] !== -1) return null;
    // "McConnell, R-Ky., said": a full stop right before a comma ends an abbreviation, not the sentence.
    if (HARD_STOPS.has(t.text) && !(t.text === '.' && tokens[j + 1]?.text === ',')) return null;
    if (t.text !== ',') continue;
    let v = j + 1;
    while (v < tokens.length && v - j < 4 && VERB_PADDING.has(tokens[v]!.lower)) v += 1;
    if (!tokens[v] || !isFiniteSpeechVerb(tokens[v]!.lower)) continue;
    // `“arbitrary.” Josh Hendler, a tech operative, warned Saturday that …` opens a new statement.
    if (reportsOwnContent(ctx, v)) return null;
    return { subject: { found: true, actor: m.actor, first: m.lead, last: j }, cueStart: k, cueEnd: v + 1, verb: v };
  }
  return null;
}

/**
 * A name at `k`, then (past a party tag and auxiliaries) a finite speech verb that closes its clause: `Graham asked.`,
 * `Moore (D-Wis.) said Friday.`. A verb with words of its own after it (`Park said Kim's state is "…"`) starts a new
 * statement instead.
 */
function nameBeforeSpeechVerb(ctx: AnalysisContext, k: number): boolean {
  const { tokens } = ctx.doc;
  const m = ctx.mentionStartingAt.get(k);
  if (!m || m.possessive) return false;
  let j = afterParenthetical(ctx.doc, m.last);
  while (j < tokens.length && j - m.last < 4 && VERB_PADDING.has(tokens[j]!.lower)) j += 1;
  if (tokens[j] === undefined || !headsAttribution(ctx, j)) return false;
  // `"…?" Trump told Britain's ITV television station in an interview.`: after "told" its audience may run long.
  return closesClause(ctx, j) || (speechVerb(tokens[j]!.lower)?.lemma === 'tell' && !reportsOwnContent(ctx, j));
}

/** Words after which a speech verb's form is a noun or an adjective (`his believed strength`, `the said amount`). */
const NOUN_DETERMINERS = new Set(['the', 'a', 'an', 'his', 'her', 'their', 'its', 'our', 'my', 'your']);

/** `X said: "…"`, `he recently remarked, "…"`, `, asserting, "…"`, `X framed this as essential: "…"`. */
function attributeBefore(ctx: AnalysisContext, q: QuoteSpan): Attribution | null {
  const { tokens, sentenceOf, quoteOf } = ctx.doc;
  const p = q.open - 1;
  const punct = tokens[p];
  if (!punct) return null;
  // `Cruz continued:` closing one paragraph introduces the quote that fills the next.
  const leadParagraph = punct.paragraph !== tokens[q.open]!.paragraph;
  if (leadParagraph && punct.text !== ':') return null;
  const sentence = sentenceOf[p];
  const leadEnd = punct.text === ',' || punct.text === ':' ? p : q.open;
  // Look back over a short object or adverbial ("told reporters", "said in a statement") for the verb.
  for (let v = leadEnd - 1; v >= 0 && leadEnd - v <= LEAD_WINDOW; v -= 1) {
    const t = tokens[v]!;
    if (sentenceOf[v] !== sentence) break;
    if (quoteOf[v] !== -1 || HARD_STOPS.has(t.text)) break;
    // `as Tom Ridge, a former secretary of homeland security, put it: "…"`: the idiom speaks for its subject.
    if (t.lower === 'it' && tokens[v - 1]?.lower === 'put') {
      const found = subjectBefore(ctx, v - 1);
      if (!found.found) break;
      // No speech verb names an unnamed source ("as an American diplomat put it"): its description does.
      const described = found.actor === null && found.pronoun === undefined;
      const subject = described ? { ...found, source: [found.first, found.last] as const } : found;
      return { subject, cueStart: found.first, cueEnd: v + 1, verb: v - 1 };
    }
    const verb = speechVerb(t.lower);
    // `played up his believed strength: "…"`: after a determiner the word is no verb, nor is a capitalised word
    // inside the sentence (`told the Washington Post, "…"`).
    if (!verb || NOUN_DETERMINERS.has(tokens[v - 1]?.lower ?? '') || (t.isCap && sentenceOf[v - 1] === sentence)) continue;
    // Without a comma or colon the verb must touch the quote: `called the plan "a mistake"` is not attribution.
    if (leadEnd === q.open && v !== q.open - 1) break;
    const named = verb.form === 'ing' ? nameBeforeParticiple(ctx, v) : undefined;
    // `answered the question on Facebook writing, “…”`: a setting before the participle leaves it the subject's act.
    const setting = named !== undefined && SETTING_OR_ADDRESSEE.has(ctx.doc.tokens[named.lead - 1]?.lower ?? '');
    if (participialLead(ctx, v, verb.form) || setting) {
      const continued = verb.form === 'ing' && tokens[v - 1]?.text === ',' ? subjectOfVerbBefore(ctx, v - 1) : null;
      if (continued) return { subject: continued, cueStart: v, cueEnd: v + 1, verb: v };
      const subject = mainSubject(ctx.doc, ctx.salience, v);
      const resolution: SubjectResolution = subject
        ? mainSubjectResolution(ctx, subject, v, v + 1)
        : (voiceSubjectOfSentence(ctx, v) ?? { found: true, actor: null, first: v, last: v + 1 });
      return { subject: resolution, cueStart: v, cueEnd: v + 1, verb: v };
    }
    if (named) {
      const subject: SubjectResolution = { found: true, actor: named.actor, first: named.lead, last: v };
      return { subject, cueStart: named.lead, cueEnd: v + 1, verb: v };
    }
    if (verb.form === 'past' || verb.form === 'third') {
      const subject = subjectBefore(ctx, v);
      if (subject.found) return { subject, cueStart: subject.first, cueEnd: v + 1, verb: v };
      // `… told the Associated Press (AP), "…"`: whoever follows "told" is the audience, never the speaker.
      const inverted = v === leadEnd - 1 || verb.lemma === 'tell' ? null : subjectAfter(ctx, v);
      if (inverted?.found) return { subject: inverted, cueStart: v, cueEnd: inverted.last, verb: v };
    }
    break;
  }
  if (punct.text === ',' && !leadParagraph) {
    if (!looksLikeSpeech(ctx, q)) return null;
    return accordingToLead(ctx, p) ?? invertedVerbLead(ctx, p) ?? subjectThenUnlistedVerbBefore(ctx, p);
  }
  if (punct.text !== ':' || leadParagraph) return null;
  const signed = nameSigningColon(ctx, p);
  if (signed) return signed;
  // A colon lead without a speech verb ("Zelenskyy framed this as essential: …") quotes the sentence subject.
  const subject = mainSubject(ctx.doc, ctx.salience, p);
  if (!subject) return personBeforeColon(ctx, p);
  let verbEnd = subject.token + 1;
  const mention = ctx.mentionStartingAt.get(subject.token);
  if (mention) verbEnd = mention.last;
  while (verbEnd < p && VERB_PADDING.has(tokens[verbEnd]!.lower)) verbEnd += 1;
  const cueStart = mention ? mention.lead : subject.token;
  return {
    subject: mainSubjectResolution(ctx, subject, cueStart, verbEnd),
    cueStart,
    cueEnd: Math.min(verbEnd + 1, p),
    verb: -1,
  };
}

/** Prepositions of a setting or an addressee, whose object does not say what the participle after it says. */
const SETTING_OR_ADDRESSEE = new Set(['on', 'in', 'at', 'via', 'through', 'during', 'to', 'into', 'onto']);

/**
 * `Said Dorothy Poynter, who grew up with Ali in the neighborhood, “…”`: a speech verb that opens the sentence before
 * its named subject, however long the appositive between the name and the quote.
 */
function invertedVerbLead(ctx: AnalysisContext, comma: number): Attribution | null {
  const { tokens, sentenceOf, quoteOf } = ctx.doc;
  const v = ctx.doc.sentences[sentenceOf[comma]!]!.first;
  const verb = speechVerb(tokens[v]?.lower ?? '');
  if (!verb || (verb.form !== 'past' && verb.form !== 'third')) return null;
  for (let k = v; k < comma; k += 1) if (quoteOf[k] !== -1) return null;
  const subject = subjectAfter(ctx, v);
  if (!subject.found || subject.actor === null) return null;
  return { subject, cueStart: v, cueEnd: subject.last, verb: v };
}

/** Marks that close a quote, inside which a comma may sit before a participle (`"…," adding, "…"`). */
const CLOSING_QUOTE_MARKS = new Set(['”', '"', "''", '’']);
/**
 * Words before a participle that make it the sentence subject's act before a quote: the shared PARTICIPLE_LEADS
 * (`by saying, “…”`, `before saying, “…”`), and `upon` and `and` (`by mentioning … and adding, “…”`).
 */
const QUOTE_PARTICIPLE_LEADS = new Set([...PARTICIPLE_LEADS, 'upon', 'and']);
/** Verbs whose infinitive complement is their subject's next act: `went on to say, “…”`. */
const INFINITIVE_LEADS = new Set(['on', 'prompted', 'continued', 'began', 'proceeded', 'went', 'added']);

/**
 * A participle or infinitive speech verb that the sentence's subject performs: `, adding, “…”`, `by saying, “…”`,
 * `went on to say, “…”`.
 */
function participialLead(ctx: AnalysisContext, v: number, form: VerbForm): boolean {
  const { tokens } = ctx.doc;
  const before = tokens[v - 1];
  if (!before) return false;
  // `she stated, "…," adding, "…"`: the comma before the participle may sit inside the closing quote.
  if (form === 'ing' && CLOSING_QUOTE_MARKS.has(before.text) && tokens[v - 2]?.text === ',') return true;
  if (form === 'ing') return QUOTE_PARTICIPLE_LEADS.has(before.lower) || occasionBefore(ctx, v);
  if (form !== 'base' || before.lower !== 'to') return false;
  const lead = tokens[v - 2]?.lower ?? '';
  // `went so far as to say: "…"`.
  return INFINITIVE_LEADS.has(lead) || (lead === 'as' && tokens[v - 3]?.lower === 'far');
}

/**
 * `issued a statement saying, "…"`, `posted a video Tuesday saying, "…"`: what the statement says, its issuer says. An
 * occasion noun right before the participle, or before a day that follows it.
 */
function occasionBefore(ctx: AnalysisContext, v: number): boolean {
  const { tokens } = ctx.doc;
  const day = MONTHS_AND_DAYS.has(tokens[v - 1]?.lower ?? '') ? 1 : 0;
  return OCCASION_NOUNS.has(tokens[v - 1 - day]?.lower ?? '');
}

/**
 * A stand-alone quoted sentence later in the paragraph of a quote by a known speaker carries on that speaker, when
 * only the attribution sentence of the previous quote stands between them.
 */
function isSameParagraphContinuation(
  ctx: AnalysisContext,
  q: QuoteSpan,
  previousParagraph: number,
  previousEnd: number,
): boolean {
  const { tokens } = ctx.doc;
  const before = tokens[q.open - 1];
  if (tokens[q.open]!.paragraph !== previousParagraph) return false;
  if (!before || !SENTENCE_END_RE.test(before.text) || before.start < previousEnd) return false;
  if (ctx.doc.sentences[ctx.doc.sentenceOf[q.open - 1]!]!.start >= previousEnd) return false;
  if (q.close === -1) return true;
  // Narration may follow (`…” for the top income bracket.`), but not another attribution verb.
  for (let k = q.close + 1; k < tokens.length && tokens[k]!.paragraph === tokens[q.close]!.paragraph; k += 1) {
    if (speechVerb(tokens[k]!.lower)) return false;
  }
  return true;
}

/**
 * `"…," said X, who farms near York, "and then …"`: the second half of a split quote opens lower-case right after a
 * comma, in the paragraph of the attributed first half, so it has the same speaker.
 */
function isSplitTail(ctx: AnalysisContext, q: QuoteSpan, previousParagraph: number): boolean {
  const { tokens } = ctx.doc;
  const first = tokens[q.open + 1];
  const before = tokens[q.open - 1];
  return (
    tokens[q.open]!.paragraph === previousParagraph && before?.text === ',' && first !== undefined && first.isWord && !first.isCap
  );
}
