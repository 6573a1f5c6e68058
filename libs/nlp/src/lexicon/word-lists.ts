/**
 * Closed word classes the extractor relies on. Kept as space-separated strings so the lists stay easy to scan
 * and edit; each becomes a Set once at module load.
 */

export function wordSet(words: string): ReadonlySet<string> {
  return new Set(words.split(/\s+/).filter(Boolean));
}

/** Number words: common words ("Three Russian soldiers" names nobody) that count a plural noun after them. */
const NUMBER_WORDS = wordSet(
  'two three four five six seven eight nine ten eleven twelve twenty thirty forty fifty hundred thousand dozen dozens',
);

/**
 * Ordinary words that often appear capitalised only because they start a sentence or a headline. A capitalised
 * token whose lower-case form is here is never taken as a name on its own.
 */
export const COMMON_WORDS: ReadonlySet<string> = new Set([
  ...NUMBER_WORDS,
  ...wordSet(`
a about above according across actually addressing after afterwards again against ahead all almost along already also
although always amid among amongst an and another any anyone anything apart are around as asked at away back based
be because been before behind being below beneath beside besides between beyond both but by can cannot certainly
clearly consequently could critics currently despite did do does doing down during each early earlier either else
elsewhere enough especially even eventually ever every everyone everything exactly experts fact finally first
following for former formerly from further furthermore given going had has have having he hence her here hers
herself him himself his how however i if in including indeed initial initially inside instead into is it its
itself just last later lately least less let like likewise many may maybe meanwhile more moreover most mostly
much must my myself near nearly neither never nevertheless new next no nobody none nonetheless nor not nothing
now nowhere observers of off officials often on once one only onto or other others otherwise our ours out outside
over overall perhaps please plus previously prior probably quite rather really recently regardless related
reportedly residents right second several shall she should similarly since so some someone something sometimes
soon still subsequently such suddenly supporters than that the their theirs them themselves then there thereafter
therefore these they third this those though through throughout thus to today together tomorrow too toward towards
under unfortunately fortunately unless unlike until up upon us very via was we well were what whatever when
whenever where whereas whether which while who whoever whole whom whose why will with within without would
yes yesterday yet you your yours yourself analysts sources witnesses diplomats lawmakers authorities leaders
people police protesters demonstrators voters citizens investors economists scientists researchers doctors
students workers children women men families troops soldiers forces negotiators delegates delegations
ministers members sanctions talks negotiations peace war news report reports breaking update updates live
watch read more photo photos video videos image images source editor editors note opinion analysis related
top story stories latest world politics business sports technology science health culture breaking exclusive
live initial optimism still nonetheless overall additionally notably importantly ultimately specifically
crucially separately elsewhere instead similarly tonight this that these those here there why how what when
good bad great big small large high low long short old young major minor key main official officially
public private national international local global general special senior junior deputy acting interim
meanwhile later earlier today yesterday tomorrow morning evening afternoon night week month year
`),
]);

/** Plural or collective human nouns that can be a reported-speech subject without naming anyone. */
export const HUMAN_GROUP_NOUNS = wordSet(`
officials observers analysts experts critics sources witnesses diplomats lawmakers authorities leaders residents
protesters demonstrators voters citizens investors economists scientists researchers doctors negotiators delegates
ministers members supporters opponents activists campaigners organisers organizers prosecutors investigators lawyers
commentators insiders aides advisers advisors people spokespeople allies officers police fans reviewers traders
customers users viewers readers locals parents students workers pals friends onlookers neighbours neighbors
passengers others strategists senators politicians executives rivals conservatives progressives liberals donors
advocates respondents participants attendees pollsters consultants employees staffers historians scholars
journalists reporters editors bloggers veterans
`);

/** Head nouns of titles and job descriptions. */
export const TITLE_WORDS = wordSet(`
president president-elect minister secretary senator sen. rep. representative congressman congresswoman governor
gov. mayor chancellor premier king queen prince princess emperor pope cardinal archbishop bishop rabbi imam
sheikh emir sultan general gen. colonel col. admiral commander captain capt. lieutenant lt. sergeant sgt. major
judge justice ambassador envoy spokesperson spokesman spokeswoman director chairman chairwoman chair chairperson
ceo cfo coo cto founder co-founder owner head chief leader speaker official officer commissioner attorney
prosecutor advisor adviser aide negotiator diplomat economist analyst professor prof. researcher scientist
coach manager editor correspondent reporter journalist lawmaker legislator delegate candidate nominee
vice-president counsel inspector superintendent sheriff marshal ayatollah patriarch mp mep deputy
executive strategist representative-elect superintendent treasurer administrator lawyer curator historian author
writer novelist poet artist actor actress singer musician teacher nurse doctor surgeon dentist farmer pilot trainer
striker goalkeeper midfielder defender winger batsman bowler quarterback pitcher skipper playmaker son daughter wife
husband widow widower mother father brother sister barrister solicitor landlady landlord headteacher headmaster
headmistress detective constable advocate councilman councilwoman councillor councilor alderman alderwoman
assemblyman assemblywoman comptroller trustee selectman ombudsman magistrate pollster consultant lobbyist columnist
commentator pundit operative organizer organiser whip
`);

/** Words that modify a title ("former", "defense", "special") and so belong to the role, not the name. */
export const ROLE_MODIFIERS = wordSet(`
former acting interim incoming outgoing deputy vice prime foreign defense defence interior finance economy economic
trade justice health education energy environment agriculture labor labour home state federal regional local
national international chief senior junior special top lead leading principal assistant associate executive
general supreme crown presidential military security intelligence press communications government party
opposition ruling republican democratic democrat conservative labour liberal green independent minority majority
union club team company board bank central then late first high armed naval air army police public war
`);

/** Words that may sit inside a title after "of": "Secretary of State", "Minister of Foreign Affairs". */
export const TITLE_DEPARTMENT_WORDS = wordSet(`
state defense defence foreign affairs interior justice health treasury commerce labor labour energy homeland
security education agriculture transportation transport finance economy trade war the staff veterans housing
environment culture digital industry development internal external information government
`);

/** Courtesy titles: always a person cue; some also carry gender. */
export const HONORIFICS: ReadonlyMap<string, 'm' | 'f' | 'u'> = new Map([
  ['mr', 'm'],
  ['mr.', 'm'],
  ['mrs', 'f'],
  ['mrs.', 'f'],
  ['ms', 'f'],
  ['ms.', 'f'],
  ['miss', 'f'],
  ['dr', 'u'],
  ['dr.', 'u'],
  ['prof', 'u'],
  ['prof.', 'u'],
  ['sir', 'm'],
  ['dame', 'f'],
  ['lord', 'm'],
  ['lady', 'f'],
  ['mx', 'u'],
  ['mx.', 'u'],
]);

/** Titles that carry gender. */
export const GENDERED_TITLES: ReadonlyMap<string, 'm' | 'f'> = new Map([
  ['king', 'm'],
  ['queen', 'f'],
  ['prince', 'm'],
  ['princess', 'f'],
  ['emperor', 'm'],
  ['empress', 'f'],
  ['spokesman', 'm'],
  ['spokeswoman', 'f'],
  ['chairman', 'm'],
  ['chairwoman', 'f'],
  ['congressman', 'm'],
  ['congresswoman', 'f'],
  ['sultan', 'm'],
  ['sheikh', 'm'],
  ['pope', 'm'],
  ['rabbi', 'u' as 'm'],
]);

/** Last words that make a capitalised sequence an organisation. */
export const ORG_WORDS = wordSet(`
ministry department party council committee union bank inc inc. corp corp. corporation ltd ltd. llc plc co co.
company agency university college institute institution association commission court police army navy
navy force forces guard times news post journal herald tribune gazette telegraph guardian reuters press
group holdings foundation fund organisation organization office bureau authority administration government
parliament assembly senate congress cabinet federation alliance coalition front movement network service
services airlines airways motors motor railway railways systems technologies labs laboratories media broadcasting television radio
channel club league board trust church brigade battalion regiment command staff committee secretariat convention
directorate federal reserve exchange chamber society network studios partners capital ventures
electronics securities pharmaceuticals pharma energy petroleum oil steel telecom telecoms communications
insurance industries enterprises brands solutions software robotics semiconductor semiconductors survey center centre
`);

/** Legal-form suffixes that end a company name ("Siemens AG", "Nestle SA"); never a name on their own. */
export const LEGAL_FORM_SUFFIXES = wordSet(`
ag se sa s.a. nv n.v. bv b.v. gmbh kgaa plc llc llp lp spa s.p.a. ab asa oyj pty sarl
`);

/** First words that make a name an organisation in other languages ("Banco Santander", "Grupo Televisa"). */
export const ORG_LEAD_WORDS = wordSet(`
banco banca grupo groupe gruppo editorial editora editions éditions instituto institut istituto universidad
universidade université universite universität universitat università universita fundación fundacion fundação
fondazione fondation stiftung compagnie compañía compania companhia société societe sociedad società
`);

/** Generational suffixes that end a person's name ("Martin Luther King Jr.", "Ferdinand Marcos Jr."). */
export const NAME_SUFFIXES = wordSet('jr jr. sr sr. ii iii iv');

/** Head words that make "<Head> of <X>" an organisation ("Ministry of Defence", "Bank of England"). */
export const ORG_HEAD_WORDS = wordSet(`
ministry department university bank bureau office council commission court institute college church league
federation association organisation organization union agency house chamber academy school
`);

/**
 * Heads of organisation names that go on with "for" or "on" and what the body is for ("Center for American Progress",
 * "Council on Foreign Relations", "Americans for Prosperity", "Department for Education").
 */
export const PURPOSE_ORG_HEADS = wordSet(`
center centre council committee institute foundation commission campaign coalition alliance fund society association
league office bureau department ministry agency partnership project americans citizens
`);

/** Lower-case words allowed inside a capitalised name ("Bank of England", "Ursula von der Leyen"). */
export const NAME_CONNECTORS = wordSet('of de da del della di van von der den bin bint ibn al el la le du dos das y');

export const WEEKDAYS = wordSet('monday tuesday wednesday thursday friday saturday sunday');

export const MONTHS_AND_DAYS: ReadonlySet<string> = new Set([
  ...wordSet(`
january february march april may june july august september october november december jan feb mar apr jun
jul aug sep sept oct nov dec christmas easter ramadan
`),
  ...WEEKDAYS,
]);

/** Upper-case tokens that are not organisations even though they look like acronyms. */
export const NON_ORG_ACRONYMS = wordSet(`
i ii iii iv v vi vii viii ix x ok tv gdp ceo cfo cto coo am pm ad bc usd eur gbp covid ai ui id dc nb ps
faq pdf ap photo live update breaking exclusive video watch us uk opinion
`);

/** Long dashes that open and close a parenthetical ("Joyce — who is listed as an attorney — said"). */
export const PARENTHETICAL_DASHES = wordSet('— –');

export const DETERMINERS = wordSet('the a an this that these those its his her their our my your some any each every');

/** Words that count a plural noun after them ("the 15 states that", "many reports"), with any numeral. */
export const QUANTIFIERS: ReadonlySet<string> = new Set([...wordSet('many several other both few most'), ...NUMBER_WORDS]);

/** Words (after a comma) that open a new clause and so end reported content. */
export const CLAUSE_BREAK_WORDS = wordSet(`
although though but while whereas which who whom whose according as because since unless adding saying noting
yet so even despite when where after before
`);

/** Relative words that open a clause inside a noun phrase ("officials who said", "a man who was there"). */
export const RELATIVE_WORDS = wordSet('who which that whom');

/** Words that open a subordinate clause ("Although she said …, the bill …", "While most were …, according to …"). */
export const SUBORDINATORS = wordSet('although though while whereas if because since when unless after');

/** Words that start a clause; a name right after one is that clause's subject. */
export const CLAUSE_OPENERS = wordSet(`
and but as while when because although though after before since if that so yet where whereas until once
whether
`);

/**
 * Prepositions. Not "such": "such as" is rare in news beside the determiner ("said such techniques are inhumane", "As
 * Vance noted, such methods …"), which a preposition reading had kept from opening reported content.
 */
export const PREPOSITIONS = wordSet(`
of in on at by for with from to into onto about against between among amongst toward towards through during
without within over under upon after before behind beyond near like via across around despite including
than
`);

/** Adverbs and auxiliaries that may sit between a subject and its speech verb ("had previously announced"). */
export const VERB_PADDING = wordSet(`
also further even recently previously reportedly later earlier again then repeatedly publicly privately already
once never often separately quickly firmly flatly strongly clearly simply just still now has had have will would
could may might can shall should did does do is was were are be been being not also subsequently initially
openly bluntly angrily calmly
`);

/** Nouns of a statement's occasion: "said in a statement", "told in an interview". */
export const OCCASION_NOUNS = wordSet(`
statement interview post letter speech address briefing tweet video note memo message call conference
broadcast podcast op-ed column filing report release
`);

/** Words after "on"/"late"/"early" that make a time adverbial: "said on Thursday", "said late Sunday". */
export const TIME_WORDS: ReadonlySet<string> = new Set([
  ...WEEKDAYS,
  ...wordSet(`today yesterday tuesday's morning evening night afternoon weekend`),
]);

export const BE_FORMS = wordSet('is was were are be been being am');

/** Subject pronouns that can stand for a speaker, and their contractions, with the kind of antecedent each wants. */
export const SUBJECT_PRONOUN_KINDS: ReadonlyMap<string, 'm' | 'f' | 'plural'> = new Map(
  (
    [
      ['he', 'm', ['s', 'll', 'd']],
      ['she', 'f', ['s', 'll', 'd']],
      ['they', 'plural', ['re', 'll', 'd', 've']],
    ] as const
  ).flatMap(([pronoun, kind, endings]) => [
    [pronoun, kind] as const,
    // "He’s said", "they’ve argued": a contraction is one token, and its pronoun the subject.
    ...endings.flatMap((e) => [[`${pronoun}'${e}`, kind] as const, [`${pronoun}’${e}`, kind] as const]),
  ]),
);

/** Prepositions that mostly introduce places: a lone unknown name after them is left alone. */
export const LOCATIVE_PREPOSITIONS = wordSet('in into from near across outside inside around throughout toward towards via');

/** Capitalised words that name things other than people or organisations (events, faiths, currencies, products). */
export const MISC_PROPER_WORDS = wordSet(`
brexit covid covid-19 olympics olympic paralympics oscar oscars grammy grammys emmy nobel internet web bible koran
quran torah islam christianity judaism hinduism buddhism catholic catholics protestant protestants muslim muslims
jewish jews christian christians sunni sunnis shia shiite shiites hindu hindus buddhist sikh god allah jesus
christ iphone ipad android windows bitcoin ethereum euro euros dollar dollars sterling yen rouble roubles ruble
rubles yuan rupee rupees lira franc francs zionist zionists marxist nazi nazis soviet communist communists socialist
socialists fascist liberal liberals conservative democrat republican celsius fahrenheit english french spanish
arabic latin mandarin cantonese hebrew jr jr. sr sr. ii iii ok mr mrs ms dr st gmt bst utc est pst am pm
`);

/** Lower-case nouns that describe an organisation and so type the name right after them ("the carmaker X"). */
export const ORG_DESCRIPTOR_NOUNS = wordSet(`
company firm group bank lender insurer carmaker automaker airline carrier retailer supermarket chain broadcaster
publisher newspaper magazine agency distributor manufacturer maker producer chipmaker giant operator developer
start-up startup conglomerate club team side outfit party union charity network platform app brand label studio
exchange regulator watchdog fund miner utility refiner supplier rival rivals subsidiary unit journal
`);

/** People words that refer back to someone already named ("the veteran said"), beyond job titles. */
export const PERSON_DESCRIPTION_NOUNS = wordSet(`
veteran star singer boxer player youngster teenager champion forward full-back centre-back right-back left-back
centre-half back-rower fly-half scrum-half rider driver cyclist runner sprinter swimmer golfer batter all-rounder
opener keeper shot-stopper newcomer debutant businessman businesswoman entrepreneur billionaire tycoon mogul
investor boss politician survivor victim grandmother grandfather defendant accused rapper comedian presenter host
model designer chef footballer goalscorer hero legend mum dad pensioner striker winger midfielder defender
goalkeeper captain skipper actor actress singer musician centre flanker prop hooker lock wing fullback full-back
no. scrum-half
`);

/** Words before a participle that leave its subject to the sentence (", saying", "– adding", "before insisting"). */
export const PARTICIPLE_LEADS: ReadonlySet<string> = new Set([',', '—', '–', 'before', 'after', 'while', 'by']);

const LY_ADVERB_RE = /^[a-z]+ly$/;

/**
 * A lower-case word that reads as an -ly adverb ("reportedly", "repeatedly", "only"). A few nouns and verbs pass too
 * ("family", "rally", "reply"): callers test it where a verb or its padding is expected.
 */
export function isLyAdverb(word: string): boolean {
  return LY_ADVERB_RE.test(word);
}
