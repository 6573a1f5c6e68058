import type { ArticleDocument } from '../text/article-document';
import { registryByKey, registryBySurname, type Gender, type RegistryEntry } from '../lexicon/actor-registry';
import { givenNameGender } from '../lexicon/given-names';
import { isDemonym, isPlaceSuffix, placeByKey, type PlaceEntry } from '../lexicon/gazetteer';
import { isFiniteSpeechVerb, speechVerb, type SpeechVerb } from '../lexicon/speech-verb-lexicon';
import {
  COMMON_WORDS,
  GENDERED_TITLES,
  HONORIFICS,
  MONTHS_AND_DAYS,
  NAME_CONNECTORS,
  NON_ORG_ACRONYMS,
  WEEKDAYS,
  ORG_HEAD_WORDS,
  ORG_WORDS,
  PURPOSE_ORG_HEADS,
  ROLE_MODIFIERS,
  TITLE_DEPARTMENT_WORDS,
  TITLE_WORDS,
  VERB_PADDING,
} from '../lexicon/word-lists';
import { nameKey, possessiveBaseLength } from '../text/name-normalizer';
import { isWholeRunOrg, orgAfterInitialDescriptor } from './org-span-rules';
import { parseLeadingRole, parseRoleBefore } from './role-parser';
import type { Span } from './actor-model';

export type CandidateClass = 'registry' | 'organization' | 'person' | 'place' | 'acronym' | 'unknown';

/** A capitalised name sequence with everything known about it locally. */
export interface NameCandidate {
  cls: CandidateClass;
  first: number;
  last: number;
  lead: number;
  start: number;
  end: number;
  text: string;
  key: string;
  words: string[];
  possessive: boolean;
  inQuote: boolean;
  role?: Span;
  gender: Gender;
  /** The gender a title or honorific gives ("Mrs.", "congresswoman"); 'u' when only the given name suggests one. */
  titleGender: Gender;
  /** Title, honorific or given name seen: good evidence of a person. */
  personCue: boolean;
  /** Finite speech verb right after the name, or "said" right before it. */
  speech?: SpeechVerb;
  registry?: RegistryEntry;
  place?: PlaceEntry;
  /** The learned name tagger's type when it tags exactly this span (set by the model refiner). */
  modelType?: 'PER' | 'ORG' | 'LOC' | 'MISC';
  /** How sure the model is of `modelType` (the lowest max-marginal margin over the span). */
  modelMargin?: number;
}

const ACRONYM_RE = /^[\p{Lu}][\p{Lu}\p{N}&.]{1,6}$/u;
const HYPHEN_CAPS_RE = /^\p{Lu}[\p{L}\p{M}]+(?:-\p{Lu}[\p{L}\p{M}]+)+$/u;
const SENTENCE_ADVERB_RE = /(?:ly|ing)$/;
// Lower-case Arabic, Berber and Romance particles glued to a surname: "al-Sisi", "el-Sisi", "bin-Laden", "d'Estaing".
const PARTICLE_SURNAME_RE = /^(?:al|el|ad|ar|as|ash|at|an|az|ben|bin|ibn|abu|bou|d|l|dell|dall)[-'’]\p{Lu}/u;
/** First words of named days ("Super Tuesday", "Black Friday", "Good Friday", "Cyber Monday"). */
const DAY_NAME_OPENERS = new Set(['super', 'black', 'good', 'cyber', 'fat', 'ash', 'holy', 'maundy', 'giving']);
const QUOTE_MARKS = new Set(['"', '“', '”', '‘', '’', "'"]);
const PRONOUN_I = new Set(['i', "i'm", "i've", "i'd", "i'll", 'i’m', 'i’ve', 'i’d', 'i’ll']);

/**
 * Capitalised words that can be dropped from the front of a sentence-initial sequence, among them a speech verb that
 * opens an inverted attribution (`Stated Stone:`, `Added Ms. Lee:`); "Said" stays, a given name as often.
 */
function isDroppableOpener(lower: string): boolean {
  return (
    (COMMON_WORDS.has(lower) && !ROLE_MODIFIERS.has(lower) && !TITLE_WORDS.has(lower)) ||
    SENTENCE_ADVERB_RE.test(lower) ||
    (isFiniteSpeechVerb(lower) && lower !== 'said')
  );
}

function bare(lower: string): string {
  return lower.slice(0, possessiveBaseLength(lower));
}

/** Words a number completes in an organisation's name ("UFCW Local 832"). */
const NUMBERED_UNIT_WORDS = new Set(['local', 'lodge']);
const UNIT_NUMBER_RE = /^\d{1,5}$/;

/** "Local 832": the unit word at `k` of a numbered union local or lodge, which its number completes. */
function opensNumberedUnit(tokens: ArticleDocument['tokens'], k: number): boolean {
  return NUMBERED_UNIT_WORDS.has(tokens[k]!.lower) && UNIT_NUMBER_RE.test(tokens[k + 1]?.text ?? '');
}

/** Suffixes that close a company's name. */
const CORPORATE_SUFFIXES = new Set(['inc', 'inc.', 'corp', 'corp.', 'ltd', 'ltd.', 'llc', 'plc', 'co', 'co.']);

/** Extent [i, j) of the capitalised run starting at token i (connectors like "of", "von der" included). */
function runEnd(doc: ArticleDocument, i: number): number {
  const { tokens, sentenceOf, quoteOf, masked } = doc;
  let j = i + 1;
  while (j < tokens.length) {
    const u = tokens[j]!;
    const prev = tokens[j - 1]!;
    // Earvin "Magic" Johnson: a quoted nickname between given name and surname belongs to the name.
    const nickname = QUOTE_MARKS.has(u.text) && prev.isCap ? nicknameEnd(doc, j, i) : 0;
    if (nickname > 0) {
      j = nickname;
      continue;
    }
    if (sentenceOf[j] !== sentenceOf[i] || quoteOf[j] !== quoteOf[i] || masked[j] || u.start - prev.end > 1) break;
    // A possessive ends the name: "Russia's Defence Ministry" is a place and an organisation.
    if (possessiveBaseLength(prev.text) !== prev.text.length) break;
    if (u.isCap || PARTICLE_SURNAME_RE.test(u.text)) {
      j += 1;
    } else if (opensNumberedUnit(tokens, j - 1)) {
      // "UFCW Local 832", "Teamsters Local 120": a union local is named by its number.
      j += 1;
      break;
    } else if (purposeConnectorLength(doc, j, i) > 0) {
      // "Center for American Progress", "Council on Foreign Relations", "Institute for the Study of War".
      j += purposeConnectorLength(doc, j, i);
    } else if (
      u.lower !== 'of' &&
      NAME_CONNECTORS.has(u.lower) &&
      NAME_CONNECTORS.has(tokens[j + 1]?.lower ?? '') &&
      tokens[j + 2]?.isCap &&
      sentenceOf[j + 2] === sentenceOf[i] &&
      tokens[j + 2]!.start - tokens[j + 1]!.end <= 1
    ) {
      // Two-word particles: "Ursula von der Leyen", "Jan van der Berg".
      j += 3;
    } else if (
      (NAME_CONNECTORS.has(u.lower) || u.text === '&') &&
      tokens[j + 1]?.isCap &&
      tokens[j + 1]!.start - u.end <= 1 &&
      // "Susannah Streeter of Hargreaves Lansdown" is two names; "Bank of England", "Secretary of State" are one.
      // "Kia Motor Corp of South Korea": after a corporate suffix, "of" gives the company's home, not more of its name.
      (u.lower !== 'of' ||
        // "Institute for the Study of War": after what the body is for, "of" goes on with its name.
        joinsPurpose(doc, i, j) ||
        ORG_HEAD_WORDS.has(tokens[j - 1]!.lower) ||
        TITLE_WORDS.has(tokens[j - 1]!.lower) ||
        (ORG_WORDS.has(tokens[j - 1]!.lower) && !CORPORATE_SUFFIXES.has(tokens[j - 1]!.lower)))
    ) {
      j += 2;
    } else {
      break;
    }
  }
  return j;
}

/** Whether a run [first, last) holds a head joined to its purpose ("Center for American Progress"): an organisation. */
function joinsPurpose(doc: ArticleDocument, first: number, last: number): boolean {
  for (let k = first + 1; k < last; k += 1) if (purposeConnectorLength(doc, k, first) > 0) return true;
  return false;
}

/**
 * How many tokens from `at` ("for", or "for the") join an organisation's head to what it is for, when token `at` follows
 * such a head ("Center", "Council") in the run starting at `runFirst` and a capitalised word that is no month or day
 * ("the Council on Tuesday") comes next, in the same sentence; else 0.
 */
function purposeConnectorLength(doc: ArticleDocument, at: number, runFirst: number): number {
  const { tokens, sentenceOf } = doc;
  const u = tokens[at]!;
  if ((u.lower !== 'for' && u.lower !== 'on') || !PURPOSE_ORG_HEADS.has(tokens[at - 1]!.lower)) return 0;
  const article = tokens[at + 1]?.lower === 'the' ? 1 : 0;
  const next = tokens[at + 1 + article];
  if (!next?.isCap || MONTHS_AND_DAYS.has(next.lower) || sentenceOf[at + 1 + article] !== sentenceOf[runFirst]) return 0;
  for (let k = at; k < at + 1 + article; k += 1) if (tokens[k + 1]!.start - tokens[k]!.end > 1) return 0;
  return 1 + article;
}

/** Token after `Given "Nick" Surname` when the quote mark at `open` starts such a nickname, else 0. */
function nicknameEnd(doc: ArticleDocument, open: number, runFirst: number): number {
  const { tokens, sentenceOf } = doc;
  const mark = tokens[open]!;
  if (mark.start - tokens[open - 1]!.end !== 1 || tokens[open + 1]?.start !== mark.end) return 0;
  let k = open + 1;
  while (k < open + 3 && tokens[k]?.isCap && (k === open + 1 || tokens[k]!.start - tokens[k - 1]!.end === 1)) k += 1;
  const close = tokens[k];
  const after = tokens[k + 1];
  if (k === open + 1 || !close || !QUOTE_MARKS.has(close.text) || close.start !== tokens[k - 1]!.end) return 0;
  if (!after?.isCap || after.start - close.end !== 1 || sentenceOf[k + 1] !== sentenceOf[runFirst]) return 0;
  return k + 2;
}

function speechAfter(doc: ArticleDocument, last: number): SpeechVerb | undefined {
  const { tokens, sentenceOf } = doc;
  for (let k = last, pad = 0; k < tokens.length && pad <= 3 && sentenceOf[k] === sentenceOf[last - 1]; k += 1) {
    const t = tokens[k]!;
    if (VERB_PADDING.has(t.lower)) {
      pad += 1;
      continue;
    }
    const verb = speechVerb(t.lower);
    return verb && (verb.form === 'past' || verb.form === 'third') ? verb : undefined;
  }
  return undefined;
}

function saidBefore(doc: ArticleDocument, lead: number): SpeechVerb | undefined {
  const prev = doc.tokens[lead - 1];
  if (!prev) return undefined;
  const verb = speechVerb(prev.lower);
  if (!verb || (verb.form !== 'past' && verb.form !== 'third')) return undefined;
  const before = doc.tokens[lead - 2];
  return before && (before.text === ',' || doc.quoteOf[lead - 2] !== -1) ? verb : undefined;
}

/**
 * Finds every capitalised name sequence and classifies it from local evidence only (lexicons, titles, the
 * words around it). Linking mentions into actors happens later, in the actor folder.
 */
export function scanNameCandidates(doc: ArticleDocument): NameCandidate[] {
  const { tokens, masked, quoteOf, initial } = doc;
  const out: NameCandidate[] = [];
  const loneWords: number[] = [];
  for (let i = 0; i < tokens.length; i += 1) {
    const t = tokens[i]!;
    if (!t.isCap || masked[i]) continue;
    const j = runEnd(doc, i);
    const candidate = classify(doc, i, j);
    if (candidate) out.push(candidate);
    else if (j === i + 1 && (isDemonym(nameKey(t.text)) || TITLE_WORDS.has(t.lower))) loneWords.push(i);
    i = j - 1;
  }
  const surnames = new Set(out.filter((c) => c.cls === 'person' && c.words.length > 1).map((c) => c.words[c.words.length - 1]!));
  const named = out.map((c) => (speakingPlaceSurname(c) ? (classify(doc, c.first, c.last, true) ?? c) : c));
  return loneWords.length ? [...named, ...loneSurnameMentions()].sort((a, b) => a.first - b.first) : named;

  /**
   * "Cuban said" after "Mark Cuban", "King says" after "Billie Jean King": a lone demonym or title word that is the
   * surname of a person named in full is that person.
   */
  function loneSurnameMentions(): NameCandidate[] {
    const found = loneWords.flatMap((i) => (surnames.has(nameKey(tokens[i]!.text)) ? [classify(doc, i, i + 1, true)] : []));
    return found.filter((c): c is NameCandidate => c !== null);
  }

  /** "Israel said" after "Rep. Steve Israel": a lone place that speaks and is the surname of a person named in full. */
  function speakingPlaceSurname(c: NameCandidate): boolean {
    return c.cls === 'place' && c.words.length === 1 && c.speech !== undefined && surnames.has(c.key);
  }

  /**
   * The candidate a capitalised run names, if any; `loneSurname` lets a lone nationality word, place or title word be
   * a surname.
   */
  function classify(d: ArticleDocument, runFirst: number, runLast: number, loneSurname = false): NameCandidate | null {
    const parsed = parseLeadingRole(d, runFirst, runLast);
    // "The CEO of Apple", "Secretary of State": a title with its "of" left over names no holder. What follows is named
    // alone ("Apple"), unless it only completes the title ("State").
    if (parsed.hasTitle && tokens[parsed.nameFirst]!.lower === 'of' && parsed.nameFirst + 1 < runLast) {
      const after = parsed.nameFirst + 1;
      if (tokens.slice(after, runLast).every((t) => TITLE_DEPARTMENT_WORDS.has(t.lower))) return null;
      return classify(d, after, runLast);
    }
    const descriptorEnd = orgAfterInitialDescriptor(d, parsed.roleFirst, runLast);
    const orgFirst = descriptorEnd === -1 ? parsed.roleFirst : descriptorEnd;
    // Only a union local or lodge ends its run in a number (see runEnd): "UFCW Local 832", "Local 832".
    const numberedUnit = runLast - runFirst >= 2 && opensNumberedUnit(tokens, runLast - 2);
    const wholeRunIsOrg = numberedUnit || isWholeRunOrg(d, orgFirst, runLast) || descriptorEnd !== -1;
    if (wholeRunIsOrg) parsed.roleFirst = orgFirst;
    const lead = wholeRunIsOrg ? { ...parsed, nameFirst: parsed.roleFirst, hasTitle: false } : parsed;
    let first = lead.hasTitle || wholeRunIsOrg ? lead.nameFirst : lead.adjectivesEnd;
    let last = runLast;
    let gender: Gender = 'u';
    let personCue = lead.hasTitle;
    for (let k = lead.roleFirst; k < lead.nameFirst; k += 1) {
      const lower = tokens[k]!.lower;
      const g = HONORIFICS.get(lower) ?? GENDERED_TITLES.get(lower);
      if (g && g !== 'u') gender = g;
    }
    // Sentence-initial adverbs and conjunctions ("However", "Unfortunately") are not part of a name.
    while (
      first < last &&
      initial[first] === 1 &&
      !lead.hasTitle &&
      !loneSurname &&
      isDroppableOpener(bare(tokens[first]!.lower))
    )
      first += 1;
    // "Jan van der Berg" is a name, "Monday Trump" is not.
    while (first < last && MONTHS_AND_DAYS.has(tokens[first]!.lower) && !NAME_CONNECTORS.has(tokens[first + 1]?.lower ?? ''))
      first += 1;
    // "told CNN Tuesday", "in Miami Tuesday": a weekday after a name dates the sentence ("Super Tuesday" names a day).
    if (!DAY_NAME_OPENERS.has(tokens[last - 2]?.lower ?? '')) {
      while (last > first && WEEKDAYS.has(bare(tokens[last - 1]!.lower))) last -= 1;
    }
    if (first >= last) return null;
    const lastTok = tokens[last - 1]!;
    const baseLen = possessiveBaseLength(lastTok.text);
    const possessive = baseLen !== lastTok.text.length;
    const start = tokens[first]!.start;
    const end = lastTok.start + baseLen;
    const text = d.body.slice(start, end);
    const key = nameKey(text);
    const words = key.split(' ');
    const inQuote = quoteOf[first] !== -1;
    const firstLower = tokens[first]!.lower;
    const lastLower = bare(lastTok.lower);

    let role: Span | undefined;
    const roleSpan = parseRoleBefore(d, lead.roleFirst - 1, !lead.hasTitle);
    const roleFirstTok = roleSpan ? roleSpan.first : lead.hasTitle ? lead.roleFirst : -1;
    const roleLastTok = lead.hasTitle ? lead.nameFirst : roleSpan ? roleSpan.last : -1;
    if (roleFirstTok >= 0 && roleLastTok > roleFirstTok) {
      const rs = tokens[roleFirstTok]!.start;
      const re = tokens[roleLastTok - 1]!.end;
      role = { start: rs, end: re, text: d.body.slice(rs, re) };
      personCue = true;
    }
    const base: NameCandidate = {
      cls: 'unknown',
      first,
      last,
      lead: roleSpan ? roleSpan.first : runFirst,
      start,
      end,
      text,
      key,
      words,
      possessive,
      inQuote,
      role,
      gender,
      titleGender: gender,
      personCue,
      speech: speechAfter(d, last) ?? saidBefore(d, lead.roleFirst),
    };

    const registry =
      registryByKey(key) ?? (words.length > 1 ? registryBySurname(words[0]!, words.slice(1).join(' ')) : undefined);
    if (registry) return { ...base, cls: 'registry', registry };
    if (
      wholeRunIsOrg ||
      ORG_WORDS.has(lastLower) ||
      (ORG_HEAD_WORDS.has(firstLower) && tokens[first + 1]?.lower === 'of') ||
      joinsPurpose(d, first, last)
    ) {
      if (words.length === 1 && COMMON_WORDS.has(lastLower)) return null;
      const owner = tokens[first]!;
      // "Russia's Defence Ministry": the possessive country is context, not part of the organisation's name.
      if (last - first > 1 && possessiveBaseLength(owner.text) !== owner.text.length) {
        const orgStart = tokens[first + 1]!.start;
        const orgText = d.body.slice(orgStart, end);
        return {
          ...base,
          cls: 'organization',
          role: undefined,
          first: first + 1,
          start: orgStart,
          text: orgText,
          key: nameKey(orgText),
          words: nameKey(orgText).split(' '),
        };
      }
      return { ...base, cls: 'organization', role: undefined };
    }
    const place = loneSurname ? undefined : placeByKey(key);
    if (place) return { ...base, cls: 'place', place };
    if (words.length > 1 && isPlaceSuffix(lastLower)) return { ...base, cls: 'place', place: { name: text, capital: false } };
    if (last - first === 1 && words.length === 1) {
      const only = words[0]!;
      if ((isDemonym(only) && !loneSurname) || MONTHS_AND_DAYS.has(only) || PRONOUN_I.has(firstLower) || COMMON_WORDS.has(only))
        return null;
      if (HONORIFICS.has(firstLower) || (TITLE_WORDS.has(firstLower) && !loneSurname)) return null;
      if (ACRONYM_RE.test(tokens[first]!.text)) {
        // "TV reporter", "the CEO": an upper-case word the lexicon knows is no organisation names nobody.
        if (!NON_ORG_ACRONYMS.has(only.replace(/ /g, ''))) return { ...base, cls: 'acronym' };
        if (!placeByKey(only)) return null;
      }
    } else if (HYPHEN_CAPS_RE.test(tokens[first]!.text) && last - first === 1) {
      // "Trump-Putin encounter": the folder may split it into known actors.
      return base;
    } else {
      if (words.every((w) => COMMON_WORDS.has(w) || isDemonym(w))) return null;
      if (
        !lead.hasTitle &&
        last - first >= 3 &&
        initial[first] === 1 &&
        !givenNameGender(words[0]!) &&
        givenNameGender(nameKey(tokens[first + 1]!.text)) &&
        !NAME_CONNECTORS.has(words[0]!)
      ) {
        // "Curator Alice M. Brennan", "Historian Paula Grant": a sentence-initial job word before a given name is
        // the role, not part of the name.
        const nameStart = tokens[first + 1]!.start;
        const nameText = d.body.slice(nameStart, end);
        const r = tokens[first]!;
        return {
          ...base,
          cls: 'person',
          personCue: true,
          first: first + 1,
          start: nameStart,
          text: nameText,
          key: nameKey(nameText),
          words: nameKey(nameText).split(' '),
          role: { start: r.start, end: r.end, text: r.text },
          gender: gender === 'u' ? (givenNameGender(nameKey(tokens[first + 1]!.text)) ?? 'u') : gender,
        };
      }
      const g = givenNameGender(words[0]!);
      if (g) {
        if (gender === 'u') gender = g;
        return { ...base, gender, cls: 'person', personCue: true };
      }
    }
    if (personCue || loneSurname) return { ...base, cls: 'person' };
    return base;
  }
}
