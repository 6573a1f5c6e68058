import type { ActorKind } from '../analysis.types';
import type { Gender } from '../lexicon/actor-registry';
import { registryByKey } from '../lexicon/actor-registry';
import { givenNameGender } from '../lexicon/given-names';
import { COMMON_WORDS, NAME_CONNECTORS, PREPOSITIONS } from '../lexicon/word-lists';
import type { ArticleDocument } from '../text/article-document';
import { slugify } from '../text/name-normalizer';
import type { ActorDraft, MentionRef, PlaceDraft } from './actor-model';
import { MentionStarts } from './mention-starts';
import { OrganizationsByLastWord } from './organizations-by-last-word';
import { PeopleByGivenName } from './people-by-given-name';
import { PeopleBySurname } from './people-by-surname';
import { classifyLoneName, isMidSentence, placeAsTeam, type LoneNameContext } from './lone-name-classifier';
import type { NameCandidate } from './name-candidate-scanner';
import { articleSportsKind, classifySportsSentences, INDIVIDUAL_SPORTS, TEAM_SPORTS } from './sports-context';

const NAME_TOKEN_RE = /^\p{Lu}[\p{L}\p{M}'’.-]*$/u;

/** Actors and places of one article, with mentions in text order. */
export interface FoldedActors {
  actors: ActorDraft[];
  places: PlaceDraft[];
  /** 1 for tokens that belong to a place mention (places are never speakers). */
  placeTokens: Uint8Array;
}

/**
 * Folds name candidates into actors: registry variants share one id, bare surnames and possessives link to the
 * full name used elsewhere in the article, and weak single-word candidates are kept only with supporting evidence.
 */
export function foldActors(doc: ArticleDocument, candidates: readonly NameCandidate[]): FoldedActors {
  const actors: ActorDraft[] = [];
  const byId = new Map<string, ActorDraft>();
  const bySurname = new PeopleBySurname();
  const byGivenName = new PeopleByGivenName();
  const organizationsByLastWord = new OrganizationsByLastWord();
  const places = new Map<string, PlaceDraft>();
  const placeTokens = new Uint8Array(doc.tokens.length);
  const keyCounts = new Map<string, number>();
  for (const c of candidates) keyCounts.set(c.key, (keyCounts.get(c.key) ?? 0) + 1);
  const singleKeys = new Set(candidates.filter((c) => c.last - c.first === 1).map((c) => c.key));
  const sports = classifySportsSentences(doc);
  const lone: LoneNameContext = {
    doc,
    sports,
    individualSports: sports.includes(INDIVIDUAL_SPORTS),
    articleSports: articleSportsKind(doc, sports),
    midSentenceKeys: new Set(
      candidates
        .filter((c) => c.cls === 'unknown' && c.words.length === 1 && !c.inQuote && isMidSentence(doc, c))
        .map((c) => c.key),
    ),
  };

  const getOrCreate = (id: string, name: string, kind: ActorKind, gender: Gender): ActorDraft => {
    let actor = byId.get(id);
    if (!actor) {
      actor = { index: actors.length, id, name, nameWords: 0, kind, gender, mentions: [] };
      actors.push(actor);
      byId.set(id, actor);
      organizationsByLastWord.add(actor);
    }
    return actor;
  };

  const mentionStarts = new Map<ActorDraft, MentionStarts>();
  const startsOf = (actor: ActorDraft): MentionStarts => {
    let starts = mentionStarts.get(actor);
    if (!starts) mentionStarts.set(actor, (starts = new MentionStarts()));
    return starts;
  };

  const indexSurname = (actor: ActorDraft, words: readonly string[]): void => {
    if (actor.kind !== 'person' || words.length < 2) return;
    const surname = words[words.length - 1]!;
    actor.surnameKey ??= surname;
    if (actor.firstKey === undefined) {
      actor.firstKey = words[0];
      byGivenName.add(actor);
    }
    bySurname.add(actor, surname, startsOf(actor));
  };

  const attach = (actor: ActorDraft, c: NameCandidate): void => {
    if (!startsOf(actor).add(c.start)) return;
    bySurname.mentioned(actor, c.start);
    actor.mentions.push({
      actor: actor.index,
      kind: 'name',
      first: c.first,
      last: c.last,
      lead: c.lead,
      start: c.start,
      end: c.end,
      text: c.text,
      possessive: c.possessive,
      inQuote: c.inQuote,
    });
    if (c.titleGender !== 'u' && actor.genderGuessed) {
      actor.gender = c.titleGender;
      actor.genderGuessed = false;
    } else if (actor.gender === 'u' && c.gender !== 'u') {
      actor.gender = c.gender;
      actor.genderGuessed = c.titleGender === 'u';
    }
    if (c.role && actor.kind === 'person') {
      const words = c.role.text.split(/\s+/).length;
      if (!actor.role || words > actor.role.text.split(/\s+/).length) actor.role = c.role;
    }
    const isFullName = actor.kind === 'person' && c.words.length > 1;
    if (isFullName && c.words.length > actor.nameWords) {
      actor.name = c.text;
      actor.nameWords = c.words.length;
      bySurname.renamed(actor);
    }
    if (isFullName) indexSurname(actor, c.words);
  };

  const addPlace = (name: string, c: NameCandidate): void => {
    const place = places.get(name) ?? { name, mentions: [] };
    place.mentions.push({ start: c.start, end: c.end, text: c.text });
    places.set(name, place);
    for (let k = c.first; k < c.last; k += 1) placeTokens[k] = 1;
  };

  /**
   * The article's person with this surname, preferring the most recently mentioned one before `start`. A title's
   * gender ("Mrs. Clinton" after "Bill Clinton") rules out a person known to be of the other gender.
   */
  const personBySurname = (surname: string, start: number, titleGender: Gender = 'u'): ActorDraft | undefined =>
    bySurname.latestMentionedBefore(surname, start, (a) => titleGender === 'u' || a.gender === 'u' || a.gender === titleGender);

  /**
   * The article's one person whose full name opens with this given name ("Hillary" after "Hillary Clinton", "Bernie"
   * after "Bernie Sanders"); none when two people share it or it is also someone's surname.
   */
  const personByGivenName = (given: string): ActorDraft | undefined => {
    if (!givenNameGender(given) || bySurname.has(given)) return undefined;
    return byGivenName.soleNamed(given);
  };

  /** A title's gender ("Mrs.", "widow") outranks the usual gender of the given name. */
  const withGivenNameGender = (c: NameCandidate): NameCandidate =>
    c.titleGender !== 'u' ? { ...c, gender: c.titleGender } : { ...c, gender: givenNameGender(c.words[0]!) ?? c.gender };

  const createPerson = (c: NameCandidate): ActorDraft => {
    const surname = c.words[c.words.length - 1]!;
    // "Von der Leyen" after "Ursula von der Leyen": a particle-led name is the surname alone.
    const particleLed = NAME_CONNECTORS.has(c.words[0]!) ? personBySurname(surname, c.start) : undefined;
    if (particleLed) {
      attach(particleLed, c);
      return particleLed;
    }
    // "John A. Smith" after "John Smith", "J. Smith" after either, "Wasserman Schultz" after "Debbie Wasserman Schultz".
    const existing = bySurname.firstContinuedBy(c.words);
    const actor = existing ?? getOrCreate(`person:${slugify(c.text)}`, c.text, 'person', c.gender);
    if (actor.mentions.length === 0) actor.genderGuessed = c.gender !== 'u' && c.titleGender === 'u';
    attach(actor, c);
    return actor;
  };

  const namedInFull = new Set(
    candidates.filter((c) => c.cls === 'registry' && c.registry && c.words.length > 1).map((c) => c.registry!.id),
  );
  const deferred: NameCandidate[] = [];
  const singlePersons: NameCandidate[] = [];
  for (const c of candidates) {
    // "Vance" after "Dora Vance": the article's own person with that surname outranks a well-known one of the registry
    // the article never names in full, and so does "Ford" after "Doug Ford" a well-known company.
    const local =
      c.registry !== undefined && c.words.length === 1 && !namedInFull.has(c.registry.id)
        ? personBySurname(c.key, c.start)
        : undefined;
    if (local && !local.registry) attach(local, c);
    else if (c.cls === 'registry' && c.registry) {
      const r = c.registry;
      const actor = getOrCreate(r.id, r.name, r.kind, r.gender);
      actor.registry = r;
      attach(actor, c);
      if (r.kind === 'person' && c.words.length === 1) indexSurname(actor, [nameKeyFirst(r.name), c.words[0]!]);
    } else if (c.cls === 'organization') {
      // "the Commission" after "the European Commission" is the same body.
      const longer = c.words.length === 1 ? organizationsByLastWord.firstEndingWith(c.key) : undefined;
      attach(longer ?? getOrCreate(`organization:${slugify(c.text)}`, c.text, 'organization', 'u'), c);
    } else if (c.cls === 'place' && c.place) {
      if (placeAsTeam(lone, c)) {
        // "Blackburn lost 2-0 at home to Everton": in a result line a city names its club.
        attach(getOrCreate(`organization:${slugify(c.text)}`, c.text, 'organization', 'u'), c);
      } else if (c.place.capital && c.speech?.governmentVoice && !c.inQuote && !c.possessive && !afterPreposition(c)) {
        // "Moscow said ..." : the capital speaks for its government.
        attach(getOrCreate(`organization:${slugify(c.place.name)}`, c.place.name, 'organization', 'u'), c);
      } else {
        addPlace(c.place.name, c);
      }
    } else if (c.cls === 'person' && c.words.length > 1) {
      createPerson(c);
    } else if (c.cls === 'person') {
      singlePersons.push(c);
    } else {
      deferred.push(c);
    }
  }
  for (const c of singlePersons) {
    const linked = personBySurname(c.key, c.start, c.titleGender) ?? personByGivenName(c.key);
    if (linked) attach(linked, c);
    else attach(getOrCreate(`person:${slugify(c.text)}`, c.text, 'person', c.gender), c);
  }
  for (const c of deferred) {
    const single = c.last - c.first === 1;
    if (single && c.words.length > 1) {
      linkHyphenParts(c);
      continue;
    }
    // A given name alone at a sentence's start may be a common word ("Bill would cut taxes"), so it needs a speech
    // verb or a possessive there to stand for the person.
    const givenNameReference = isMidSentence(doc, c) || c.possessive || c.speech !== undefined;
    const linked =
      c.words.length === 1
        ? (personBySurname(c.key, c.start) ?? (givenNameReference ? personByGivenName(c.key) : undefined))
        : undefined;
    if (linked) {
      attach(linked, c);
    } else if (c.cls === 'acronym') {
      // Newswire names most agencies, parties and firms by acronym once ("the IMF", "ECOWAS"); quotes and
      // all-caps passages shout ordinary words, so those still need a second sighting or a speech verb.
      if ((!c.inQuote && !doc.shouting[c.first]) || (keyCounts.get(c.key) ?? 0) >= 2 || c.speech)
        attach(getOrCreate(`organization:${slugify(c.text)}`, c.text, 'organization', 'u'), c);
    } else if (c.words.length === 1) {
      // All-caps copy capitalises every word, so a lone unknown word there is no evidence of a name.
      const kind = (doc.shouting[c.first] ? null : classifyLoneName(lone, c)) ?? modelKind(c);
      if (kind === 'place') addPlace(c.text, c);
      else if (kind) attach(getOrCreate(`${kind}:${slugify(c.text)}`, c.text, kind, kind === 'person' ? c.gender : 'u'), c);
    } else if (
      c.words.length <= 3 &&
      ((keyCounts.get(c.key) ?? 0) >= 2 || singleKeys.has(c.words[c.words.length - 1]!) || c.speech)
    ) {
      createPerson(withGivenNameGender(c));
    } else if (looksLikePersonName(c)) {
      if (sports[doc.sentenceOf[c.first]!] === TEAM_SPORTS && placeAsTeamName(c))
        attach(getOrCreate(`organization:${slugify(c.text)}`, c.text, 'organization', 'u'), c);
      else createPerson(withGivenNameGender(c));
    }
  }

  /**
   * A two-to-four word capitalised run of name-shaped tokens, outside quotes and not made of ordinary words, is
   * in news copy almost always a person introduced by full name ("Wes Streeting", "Li Qiang").
   */
  function looksLikePersonName(c: NameCandidate): boolean {
    const size = c.last - c.first;
    if (c.inQuote || size < 2 || size > 4 || doc.shouting[c.first]) return false;
    for (let k = c.first; k < c.last; k += 1) {
      const t = doc.tokens[k]!;
      if (!t.isCap) continue;
      if (!NAME_TOKEN_RE.test(t.text) || COMMON_WORDS.has(t.lower)) return false;
    }
    return true;
  }

  /** "A U.N. official in Baghdad said": the place where the speaker is, not the speaker. */
  function afterPreposition(c: NameCandidate): boolean {
    return PREPOSITIONS.has(doc.tokens[c.lead - 1]?.lower ?? '');
  }

  /** A multi-word club name in a result line ("Heracles Almelo 2"). */
  function placeAsTeamName(c: NameCandidate): boolean {
    return placeAsTeam(lone, c) && !givenNameGender(c.words[0]!);
  }

  function linkHyphenParts(c: NameCandidate): void {
    // "Trump-Putin encounter": each part that names a known actor becomes a mention of it.
    const tok = doc.tokens[c.first]!;
    let offset = tok.start;
    for (const part of tok.text.split('-')) {
      const key = part.toLowerCase();
      const actor = personBySurname(key, offset) ?? byId.get(registryByKey(key)?.id ?? '');
      if (actor) {
        const start = offset;
        attach(actor, { ...c, start, end: start + part.length, text: part, words: [key], role: undefined, possessive: false });
      }
      offset += part.length + 1;
    }
  }

  for (const actor of actors) actor.mentions.sort((a, b) => a.start - b.start);
  const ordered = actors.filter((a) => a.mentions.length > 0).sort((a, b) => a.mentions[0]!.start - b.mentions[0]!.start);
  ordered.forEach((a, i) => {
    a.index = i;
    for (const m of a.mentions) m.actor = i;
  });
  return {
    actors: ordered,
    places: [...places.values()].sort((a, b) => a.mentions[0]!.start - b.mentions[0]!.start),
    placeTokens,
  };
}

/** The learned tagger's verdict on a lone word the rules would drop (quoted words stay dropped). */
function modelKind(c: NameCandidate): ActorKind | 'place' | null {
  if (c.inQuote || COMMON_WORDS.has(c.key)) return null;
  return c.modelType === 'PER' ? 'person' : c.modelType === 'ORG' ? 'organization' : c.modelType === 'LOC' ? 'place' : null;
}

function nameKeyFirst(name: string): string {
  return name.split(' ')[0]!.toLowerCase();
}

export type { MentionRef };
