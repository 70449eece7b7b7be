// What a question is about, as opposed to how it is worded. Used by the confidence measure and by
// the answer rules in search.ts:
// - words that carry no topic (filler such as "meant", "usually", "come") and case detail
//   (times, ages, counts, dates, months, days) are not held against an answer;
// - "how many / how long / how soon / how much / how often" questions ask for a number or a
//   timescale, which only an entry that holds one can answer;
// - a child hurt or at risk now, or an allegation against a carer, is an immediate safeguarding
//   matter: the answer leads with acting on the safeguarding procedures.

import { canonicalTerm } from './text';

/**
 * General words a practitioner puts around a question: they say how the question is asked, not
 * what it is about. Listed as typed; compared by their analysed form.
 */
const FILLER_WORDS = `meant mean means supposed expected expect expecting usually normally generally typically
  actually really even ever always sometimes quite pretty kind sort exactly sure unsure certain maybe
  perhaps probably possibly asking ask asked wondering wonder query question questions come comes came
  coming keep keeps kept look looks looking looked feel feels felt seem seems seemed straight back else
  apart everyone everybody anybody somebody nobody people stuff good best better fine fresh beyond
  part set general normal other others around thing whole happen happens take takes taking give gives
  giving talk talks talking cover covers covering covered include includes including included
  required require requires requirement expectation expectations
  everyone across equivalent minimum min maximum max apply applies applied between stuff yes yeah
  more less than goes went since single matter matters side discuss discusses st nd rd th
  arrive arrives arrived arriving arrival pick picks picked choose chose chosen split sort sorted
  handle handled deal dealing dealt try tried trying tend tends closest nearest exact exactly proper
  properly main usual specific particular particularly especially different whole entire overall
  basic simple definitely obviously literally honestly anyway otherwise instead probably
  v likely unlikely afterwards anymore ago justified justify fine
  pm yo yrs yr old last legalorder`
  .split(/\s+/)
  .filter(Boolean);

const CASE_DETAIL_WORDS = `january february march april june july august september october november december
  jan feb mar apr jun jul aug sep sept oct nov dec
  monday tuesday wednesday thursday friday saturday sunday`
  .split(/\s+/)
  .filter(Boolean);

const IGNORED_TERMS = new Set([...FILLER_WORDS, ...CASE_DETAIL_WORDS].map(canonicalTerm));

/** Filler and case-detail words as typed, so spelling repair leaves them alone ("stuff" is not "staff"). */
export const INCIDENTAL_WORDS: readonly string[] = [...FILLER_WORDS, ...CASE_DETAIL_WORDS];

/** True when an analysed term says nothing about the question's topic (filler or case detail). */
export function isIncidentalTerm(term: string): boolean {
  return /^\d+$/.test(term) || IGNORED_TERMS.has(term);
}

/**
 * Analysed terms that name a particular meeting, panel, plan or record. A question that names one
 * is about that one: an entry about a different meeting does not answer it.
 */
export const NAMED_THING_TERMS = new Set([
  'ppm', 'stabilitymeeting', 'supportmeeting', 'stabilitypanel', 'commissioningpanel', 'disruptionmeeting',
  'multiagencymeeting', 'placementplan', 'careplan', 'pathwayplan', 'supportplan', 'pep', 'riskassessment',
  'placementrequest', 'tracker', 'ssda903', 'delegatedauthority', 'introduction', 'profile',
]);

/** The kind of figure a question asks for, or null when it does not ask for one. */
export type FigureAsked = 'count' | 'timescale' | 'duration' | 'frequency' | 'amount';

const FIGURE_QUESTIONS: Array<[RegExp, FigureAsked]> = [
  [/\bhow (often|frequently)\b|\bhow many times\b/i, 'frequency'],
  // "how long does it take": a length of time, not a deadline
  [/\bhow long (does|do|will|would|should|can|might)\b.*\b(take|last|run)\b/i, 'duration'],
  [/\bhow many\b|\bwhat number of\b/i, 'count'],
  [/\bhow much\b|\bwhat (is the )?(rate|cost|amount)\b/i, 'amount'],
  [/\bhow (long|soon|quickly|fast)\b|\bwhat timescales?\b|\bby when\b|\bdeadline\b|\btime ?scales?\b|\btime ?frames?\b|\bwithin how\b/i, 'timescale'],
];

/** The figure a question asks for ("how many days...": count), if any. */
export function figureAsked(question: string): FigureAsked | null {
  for (const [pattern, kind] of FIGURE_QUESTIONS) if (pattern.test(question)) return kind;
  return null;
}

const NUMBER = String.raw`(?:\d+|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|thirteen|fourteen|fifteen|sixteen|seventeen|eighteen|nineteen|twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety|hundred)`;
const FIGURE_IN_TEXT: Record<FigureAsked, RegExp> = {
  count: new RegExp(String.raw`\b${NUMBER}\b`, 'i'),
  amount: new RegExp(String.raw`£\s?\d|\b${NUMBER}\b`, 'i'),
  frequency: new RegExp(String.raw`\b(every|each|once a|once every|twice|at least once)\s+(${NUMBER}|day|week|month|year|fortnight|other|\w+ (days|weeks|months))|\b(annual(ly)?|yearly|monthly|weekly|daily|fortnightly|times a (day|week|month|year))\b`, 'i'),
  // a length, not an offset: "six weeks after the ending" says when, not how long
  duration: new RegExp(String.raw`\b${NUMBER}\s*(working\s+)?(hours?|days?|weeks?|months?|years?)\b(?!\s+(after|before|from|since|of|prior))`, 'i'),
  timescale: new RegExp(
    String.raw`\b${NUMBER}\s*(working\s+)?(hours?|days?|weeks?|months?|years?)\b|\bwithin\b|\bbefore\b|\bby the\b|\bimmediately\b|\bat once\b|\bsame day\b|\bstraight away\b|\bwithout delay\b|\bat the (same )?time\b`,
    'i',
  ),
};

/**
 * True when `text` holds the kind of figure asked for. For "how many X", the number must count
 * X: "how many stability meetings" is not answered by "within 72 hours".
 */
export function holdsFigure(kind: FigureAsked, text: string, question = ''): boolean {
  // rule ids ("MOVE-7") are not figures
  const plain = text.replace(/\b[A-Z]+-\d+\b/g, ' ');
  if (!FIGURE_IN_TEXT[kind].test(plain)) return false;
  if (kind !== 'count') return true;
  const counted = /\bhow many\s+([a-z-]+)(?:\s+([a-z-]+))?/i.exec(question);
  if (!counted) return true;
  const asked = new Set(counted.slice(1).filter((w): w is string => !!w).map(canonicalTerm));
  const words = plain.toLowerCase().split(/[^a-z0-9]+/).filter(Boolean);
  return words.some((word, i) => new RegExp(String.raw`^${NUMBER}$`).test(word) && words.slice(i + 1, i + 5).some((w) => asked.has(canonicalTerm(w))));
}

const URGENT_HARM = [
  // a child hurt, harmed or in danger now
  /\b(hurt|injur(ed|y|ies)|bruis(e|es|ed|ing)|assault(ed)?|hit (him|her|them|the child)|beat(en)?|abus(ed|e|ing)|harm(ed|ing)?|self[- ]harm(ing)?|overdos(e|ed)|sexual(ly)?|exploit(ed|ation)|grooming|groomed)\b/i,
  /\b(not safe|unsafe|in danger|at risk (now|tonight|today)|immediate (risk|danger|safeguarding)|disclos(ed|ure|es)|police)\b/i,
  // an allegation against a carer
  /\ballegation\b.*\b(carer|foster|fc)\b|\b(carer|foster|fc)\b.*\ballegation\b|\b(carer|foster carer|fc) (hit|hurt|smacked|slapped|assaulted|abused)\b/i,
];

/** True when the question raises an immediate safeguarding matter. */
export function isImmediateSafeguarding(question: string): boolean {
  return URGENT_HARM.some((pattern) => pattern.test(question));
}

/**
 * True when a message asks two things: two question marks, or a second question joined on
 * ("... and who tells the VS?", "... / what are their rights", "...; does my HoS need to know").
 */
export function asksTwoThings(question: string): boolean {
  if ((question.match(/\?/g) ?? []).length >= 2) return true;
  // a comma usually separates case detail from the question, so only "and", "or", "also", ";",
  // "/" and a spaced dash join a second question
  return /(\band\b|\bor\b|\balso\b|[;/]|\s-\s)\s*(if .{3,40}?,?\s*)?(who|what|whats|when|whens|where|how|does|do|is|are|should|can|must|will)\b/i.test(question.replace(/^\W*\w+/, ''));
}

/**
 * The question without the asker introducing themselves ("SSW here:", "as a TM", "I'm a support
 * worker and"): who asks is not what is asked, and a role named that way would pull the answer
 * towards the role's own entry.
 */
export function withoutAsker(question: string): string {
  const role = String.raw`([\w/]+(?: (?!(?:how|what|who|when|where|why|do|does|can|should|is|am|i)\b)[\w/]+)?)`;
  return question
    .replace(new RegExp(String.raw`^\s*(?:hi|hello|hey)?[\s,]*${role} (?:here|asking)\b\s*[-:,]?\s*`, 'i'), '')
    .replace(new RegExp(String.raw`^\s*(?:as an? |i'?m an? |i am an? )${role}(?: and\b|,|\s-|:)?\s*`, 'i'), '');
}
