// Offline retrieval over the guidance pack and the council's own passages: BM25+ ranking
// (minisearch) on text that has been through the practitioner-synonym analyser in text.ts.
//
// The answer is only given when the best match covers enough of what was asked (weighted by how
// rare each word is); otherwise the caller gets found: false and the nearest topics. Nothing is
// ever composed: every answer is an entry or a passage, word for word.

import { createHash } from 'node:crypto';
import MiniSearch, { type SearchResult } from 'minisearch';
import { analyse, analyseQuery, analysingOnce, analyserVocabulary, isAnalyserTerm, isSecondReading } from './text';
import { SpellingCorrector } from './spelling';
import { loadGuidancePack } from './pack';
import { loadCouncilDocs, type CouncilDocsResult } from './councilDocs';
import { KNOWN_QUESTIONS, KnownQuestionMatcher, type KnownQuestion } from './knownQuestions';
import {
  MEETING_TERMS,
  NAMED_THING_TERMS,
  OUTSIDE_BODY_TERMS,
  isEverydayTerm,
  isEverydayWord,
  isEnglishWord,
  isGeneralFunctionWord,
  COMMON_ENGLISH_WORDS,
  englishRank,
  asksTwoThings,
  questionAfterFigure,
  figureAsked,
  holdsFigure,
  isImmediateSafeguarding,
  isChildInDangerNow,
  asksForAParticularThing,
  asksWhatAReferencedDocumentSays,
  askedOnlyIfStated,
  attendeeAsked,
  askingPart,
  TOPICS_MENTIONED_IN_PASSING,
  thingAskedFor,
  isIncidentalTerm,
  withoutAsker,
  withoutFormAsked,
  reasonClauses,
  comparedThings,
  sourceNamed,
  lowerCaseNames,
  listedItems,
  permissionAsked,
  roleAsked,
  type FigureAsked,
} from './question';
import type { CouncilPassage, GuidanceAnswer, GuidanceAnswerPart, GuidanceEntry, TopicRef } from './types';
import { chosenEntry, vouchesFor, withdraws, type EntryChoiceReading, type VouchReading, type WithdrawReading } from './knownQuestionModels';

interface QuestionTerm {
  /** The term and the synonyms it may stand for in a question. */
  group: readonly string[];
  /** How much the term says about what is asked. */
  weight: number;
  /** The weight before any easing for common English words: for judging whether a topic is close. */
  fullWeight: number;
  /** Filler, case detail, or a word in most documents: counted only when a match holds it. */
  incidental: boolean;
  /** In more than half the documents. */
  ubiquitous: boolean;
  /** An everyday English word the guidance hardly uses (see isEverydayWord). */
  everyday: boolean;
}

interface Candidate {
  id: string;
  score: number;
  /** Per question term: the weight this match covers (half when only mentioned in passing). */
  credits: number[];
  /** Summed covered weight. */
  evidence: number;
  /** Share (0..1) of the question's weight covered. */
  share: number;
  /** Share with everyday words counted too (for offering the nearest topic). */
  strictShare: number;
  specificity: number;
  /** Misses something the question names (a meeting, a plan, a body outside the guidance): it cannot answer. */
  missesNamed: boolean;
}

/**
 * Share of the question's weight that `credits` cover. Incidental terms (filler, case detail)
 * count only when they are matched: they can help an answer, never hold it back.
 */
function shareOf(termGroups: QuestionTerm[], credits: number[], strict = false): number {
  // everyday words are set aside only when the match covers at least two words of content: one
  // shared word ("annual leave" and the annual review) is no ground to ignore the rest
  // (units of time say when, not what: they are not such words)
  const coveredContent = termGroups.filter((t, i) => !t.incidental && credits[i]! > 0 && !isTimeUnit(t)).length;
  const counts = (t: QuestionTerm, i: number) => !t.incidental || credits[i]! > 0 || (t.everyday && (strict || coveredContent < MIN_CONTENT_TERMS));
  let total = 0;
  termGroups.forEach((t, i) => {
    // a matched incidental term adds what it covers (half when only mentioned in passing), so it
    // can only raise the share
    if (counts(t, i)) total += t.incidental && credits[i]! > 0 && !strict ? credits[i]! : strict ? t.fullWeight : t.weight;
  });
  return total === 0 ? 0 : credits.reduce((a, b) => a + b, 0) / total;
}

/** A term naming a particular meeting, plan or record, or a body or process outside the guidance. */
const namesSomething = (t: QuestionTerm): boolean => t.group.some((term) => NAMED_THING_TERMS.has(term) || OUTSIDE_BODY_TERMS.has(term));

/** Summed weight over the question's terms that count (incidental ones only when matched, as in shareOf). */
function shareWeight(termGroups: QuestionTerm[], weightAt: (i: number) => number): number {
  let total = 0;
  termGroups.forEach((t, i) => {
    if (!t.incidental) total += weightAt(i);
  });
  return total;
}

export interface GuidanceIndexOptions {
  /** Pack entries; defaults to the pack shipped with the project. */
  entries?: GuidanceEntry[];
  /** Passages from the council's own documents. */
  passages?: CouncilPassage[];
  /** Minimum share (0..1) of the question's weighted words the best match must contain. */
  minConfidence?: number;
  /**
   * Minimum summed weight (inverse document frequency) of the question words the best match
   * contains, so that a question made only of common words ("placement?") gets suggestions
   * rather than an arbitrary entry.
   */
  minEvidence?: number;
  /** Multiplier on council passages' scores (1 = ranked on equal terms with the pack). */
  passageBoost?: number;
  /**
   * Questions asked before, each known to be covered or not (see knownQuestions.ts): a twin of a
   * near miss is not answered from the pack. Defaults to the project's list with the shipped pack,
   * to none with other entries.
   */
  knownQuestions?: readonly KnownQuestion[];
  /** Whether the known questions may vouch for a match that covers too little (knownQuestionModels.ts); default true. */
  vouching?: boolean;
  /** Told of each question refused for covering too little, with what the vouching model reads of it (for fitting it). */
  onCoverageRefusal?: (reading: VouchReading) => void;
  /** Whether the known questions may withdraw an answer they speak against (knownQuestionModels.ts); default true. */
  withdrawing?: boolean;
  /** Told of each answer the withdrawing model would weigh, with what it reads of it (for fitting it). */
  onAnswerWeighed?: (reading: WithdrawReading) => void;
  /** Whether the choice model may choose the answering entry among the matches (knownQuestionModels.ts); default true. */
  choosing?: boolean;
  /** Told of each choice of the answering entry, with what the choice model reads of it (for fitting it). */
  onEntryChoice?: (reading: EntryChoiceReading) => void;
}

export interface RankedHit {
  id: string;
  kind: 'entry' | 'passage';
  title: string;
  score: number;
}

interface IndexedDoc {
  id: string;
  title: string;
  questions: string;
  askedAs: string;
  answer: string;
  steps: string;
  body: string;
  docTitle: string;
  rules: string;
}

const SEARCH_FIELDS = ['title', 'questions', 'askedAs', 'answer', 'steps', 'body', 'docTitle', 'rules'] as const;

// Titles and question forms say what an entry is about; steps mention many things in passing.
// A council passage has only its heading (title), its text (body) and its document title, so
// those carry more weight: a term in a passage's text should count about as much as one in
// an entry's question forms, or council documents could never win.
const FIELD_BOOSTS: Record<(typeof SEARCH_FIELDS)[number], number> = {
  title: 3,
  questions: 2.5,
  askedAs: 1.5,
  answer: 1.5,
  steps: 0.8,
  body: 3,
  docTitle: 1.5,
  rules: 2,
};

/** Fields that say what a document is about, as opposed to what it mentions along the way. */
// Practitioners' phrasings (askedAs) are not among them: they hold case detail and everyday words
// as people type them, so a question matching one counts as a mention in passing (half weight).
// As primary fields they answered more of the development questions (+20 of 732) but also more
// near misses (+5 of 201) and questions of the old set the guidance does not cover (+4 of 39).
const PRIMARY_FIELDS = new Set(['title', 'questions', 'body', 'rules']);

export const DEFAULT_MIN_CONFIDENCE = 0.55;
export const DEFAULT_MIN_EVIDENCE = 1.2;
const MAX_QUESTION_LENGTH = 500;
/** A word in more than this share of the documents is too common to say what a question is about. */
const UBIQUITOUS_SHARE = 0.6;
/** A word in at most this many documents is rare in the guidance. */
const RARE_IN_GUIDANCE = 5;
/** Everyday words are set aside only when a match covers at least this many words of content. */
const MIN_CONTENT_TERMS = 2;
/** Ranked results looked at for near ties, figures and second parts. */
const CANDIDATES = 6;
/** A result scoring at least this share of the best is a near tie. */
const NEAR_TIE = 0.9;
/** How much the second reading of an ambiguous abbreviation ("PSM": the support meeting) counts, in rank and coverage. */
const SECOND_READING_WEIGHT = 0.4;
/** A result scoring at least this share of the best still wins when it covers clearly more of the question (a council passage on "staying put" against an entry that shares only "stay" and "after")... */
const NEAR_RANK = 0.6;
/** ...by this much. */
const CLEAR_COVERAGE_MARGIN = 0.2;
/** On equal coverage, a lower-ranked entry must be clearly more specific to win. */
const SPECIFICITY_MARGIN = 0.4;
/** Coverage differences smaller than this are ties. */
const COVERAGE_MARGIN = 0.05;
/** Roles whose "who" is checked in the headline and steps alike (see saysWho). */
const SAID_BY_SAYS_WHO = new Set(['chair', 'present']);
/** An asking clause this much of the message or more is the message: nothing was told before it. */
const ASKING_PART_AT_MOST = 0.67;
/**
 * A message telling the case first is long; a shorter one whose first part is no question names
 * its topic there ("remand placement for a 16yo - does the PPM process differ?"), which the asking
 * clause alone would lose (on the development sets: from 20 words, 15 more right and 1 near miss
 * more; from any length, 21 and 20).
 */
const CASE_FIRST_MIN_WORDS = 20;

/** Whether the asking clause is only the end of the message: the case is told before it. */
function asksAfterTheCase(message: string, askingClause: string): boolean {
  return askingClause.length < message.length * ASKING_PART_AT_MOST;
}

/** The message as asked: without the asker introducing themselves or the form of answer they want. */
function asAsked(question: string): string {
  return withoutFormAsked(withoutAsker(question));
}

/** The asking clause of a message that tells a case first, at length, and asks about it last; else null. */
function caseFirstClause(question: string): string | null {
  const message = asAsked(question.slice(0, MAX_QUESTION_LENGTH));
  const clause = askingPart(message);
  return message.trim().split(/\s+/).length >= CASE_FIRST_MIN_WORDS && asksAfterTheCase(message, clause) ? clause : null;
}
/** A message's asking clause (askingPart) and its analysed terms. */
interface AskingClause {
  part: string;
  terms: Set<string>;
}
/** How the pack marks a duty the documents give to no one. */
const NOT_NAMED = 'Not named in the guidance';
/**
 * Other words for doing what a "who ...?" question asks about: whoever completes a plan writes it;
 * who decides is answered by who agrees or settles it ("the SW, SSW and carer agree when and how the
 * child is told").
 */
const ROLE_SYNONYMS: Record<string, string[]> = { write: ['complete', 'produc', 'record'], 'decid|approve': ['agre', 'settl', 'decis'] };
/** Entries about deadlines ("Placement plan deadlines: when it must be done"), by their titles. */
const TIMING_TITLE = /\b(deadlines?|timescales?|when it (?:must be done|is due))\b/i;
/** How much of a child-in-danger question its nearest topic must cover to follow the safeguarding lead. */
const SAFEGUARDING_NEAREST_SHARE = 0.3;
/** Topics that say what becomes of the placement when a child is in danger: they may follow the safeguarding lead. */
const SAFEGUARDING_FOLLOW_ON = new Set([
  'allegation-against-carer',
  'child-missing-from-placement',
  'urgent-move',
  'carer-cant-cope',
  'fragile-placement-signs',
  'unplanned-ending',
]);
/** Entries about the guidance documents themselves (whose they are, what they are read with). */
const ABOUT_THE_DOCUMENTS = new Set(['guidance-origins', 'guidance-read-with']);
/** A question asking by when something must be done, and nothing else ("when does the plan have to be done by?"). */
const ASKS_WHEN_ALONE = /^\W*(?:by )?when\s+(?:does|do|is|are|should|must|has|have)\b[^?]*\b(?:by|done|completed?|held|happen)\W*$/i;
/** A question asking by when something must be done ("when do we have to report it?"). */
const ASKS_WHEN_DEADLINE = /\bwhen\s+(?:do|does|should|must)\s+(?:we|i|you|they|the \w+)\s+(?:have|need|got)\s+to\b|\bwhen\s+(?:must|should)\b|\bwithin what\b/i;
/** A question asking when something happens, or by when. */
const ASKS_WHEN = /\bwhen\b|\bby\s+(?:what|which)\s+(?:date|day|time)\b|\bhow (?:soon|long|quickly|fast)\b|\bdeadlines?\b|\btime ?scales?\b|\bdue\b/i;
/** Those who come to a meeting as professionals, though the analyser reads them as their field. */
const PROFESSIONS_ATTENDING = new Set(['education', 'polic', 'youthjustice']);
/** A second part must add at least this share of the question's weight. */
const SECOND_PART_GAIN = 0.14;
/** ... and score at least this share of the first. */
const SECOND_PART_SCORE = 0.2;
/** A refused question whose best match covers this much is told the nearest guidance. */
const NEAREST_SHARE = 0.3;
const MAX_SUGGESTIONS = 3;
/** Every word the analyser knows by name (its synonyms and phrases). */
const ANALYSER_WORDS = new Set(analyserVocabulary());
/** The pack entry that answers an immediate safeguarding matter nothing else answers. */
export const SAFEGUARDING_ENTRY_ID = 'immediate-safeguarding';
/** How a question asks for a figure ("how soon", "how often"): the form of the question, not its topic. */
const FIGURE_WORDS = /\bhow (soon|long|quickly|quick|fast|often|frequently)\b|\bfrequency\b/gi;

/**
 * The question without the words asking for a figure. A "how long" that is not asked for but told
 * or known ("should the carer be told how long the placement is needed?") is the length of the
 * placement, a thing the guidance says to share.
 */
function withoutFigureWords(question: string): string {
  const told = figureAsked(question.slice(0, MAX_QUESTION_LENGTH)) === null ? question.replace(/\bhow long\b/gi, ' length ') : question;
  return told.replace(FIGURE_WORDS, ' ');
}
/** Words among this many commonest of spoken English... */
const COMMON_ENGLISH_RANK = 2000;
/** ...weigh this share of the rarest word's weight when the guidance never uses them... */
const COMMON_UNKNOWN_WEIGHT = 0.7;
/** ...and at most this much when it does (a word in about a tenth of the pack's entries weighs about 2). */
const COMMON_WORD_MAX_WEIGHT = 2;
/** Units of time ("working days" too): what a figure question asks for, not what it is about. */
const TIME_UNIT_TERMS = new Set([
  'hour',
  'day',
  'week',
  'month',
  'year',
  'minute',
  'work',
  'time',
  'timescal',
  'deadlin',
  'long',
  'soon',
  'often',
  'after',
  'befor',
  'age',
  'period',
]);
/**
 * Verbs of what a figure is counted from ("how soon must the PPM be held", "visit after a child is
 * placed", "once the placement has started"): they anchor when, not what, is asked.
 */
const TIMING_VERB_TERMS = ['hold', 'held', 'plac', 'start'];
/** What a question asking for a timescale names that is not its topic: units of time and the verbs it counts from. */
const NOT_TIMESCALE_TOPIC = new Set([...TIME_UNIT_TERMS, ...TIMING_VERB_TERMS]);
/** What names a code ("the 903 reason code on LL"): the kind of answer asked for, not its topic. */
const CODE_TERMS = new Set(['code', 'reason', 'ssda903', 'caserecord', 'type']);
/** Units of time ("a year", "within the month"): they say when, not what a question is about. */
const TIME_UNITS = new Set(['hour', 'day', 'week', 'month', 'year', 'minute']);
/** Kinds of document asked for in their own right ("is there an agenda / a template / a report for ...?"). */
const DOCUMENT_KINDS = new Set(analyseQuery('list report agenda template checklist leaflet version rota protocol').map((group) => group.join('|')));
/** How much a word only the case of a case-first message uses weighs, against one of its asking clause. */
const CASE_TERM_WEIGHT = 0.3;
/** An asking clause pointing back to what the message told before it ("share it", "confirm that figure"). */
const POINTS_BACK = /\b(?:it|that|this|these|those|them)\b/i;
const isTimeUnit = (t: QuestionTerm): boolean => t.group.every((term) => TIME_UNITS.has(term));
/**
 * The statement holding a figure must cover this share of the question's topic (a step on its own,
 * the headline with its title): more than half, so that "how long after the disruption meeting is
 * the report due?" is not answered by when the meeting is held (0.6 against 0.5: near misses
 * answered 78 -> 71 of 643 on the development sets, right answers 1457 -> 1456 of 1589).
 */
const FIGURE_TOPIC_SHARE = 0.6;
/** A question with this many words of content or more is long (four: 603 of 732 development questions right against 594 at five, 158 of 198 on the set kept for checking against 153, near misses 21 and 7 of 201 and 46 against 18 and 7)... */
const LONG_QUESTION_TERMS = 4;
/** ...and its cut is this share of the usual one (0.4 for 0.55; any value from 0.35 to 0.45 gives the same dev figures). */
const LONG_QUESTION_EASING = 0.73;
/** A best match scoring this many times the next one dominates... */
const DOMINANCE = 4;
/** ...and may answer when it covers at least this share of the question. */
const DOMINANT_MIN_SHARE = 0.45;
/** How far down the ranking the choice model may take the answering entry from, besides matches close in rank (see chooseAmong). */
const ANSWERED_BEFORE_RANKS = 4;

export class GuidanceIndex {
  private readonly miniSearch: MiniSearch<IndexedDoc>;
  private readonly entries = new Map<string, GuidanceEntry>();
  private readonly passages = new Map<string, CouncilPassage>();
  /** Number of indexed documents containing each term; used to weigh question words. */
  private readonly documentFrequency = new Map<string, number>();
  /** Each answer's analysed text, read when a question asks whether someone attends (filled as asked). */
  private readonly textTerms = new Map<string, Set<string>>();
  /**
   * The pack's and the council's texts (titles, statements, steps) as analysed, kept once read: the
   * ranking reads them again for every question, and analysing them was most of a question's cost.
   * Only indexed texts are kept here, never a question's words.
   */
  private readonly indexedTextTerms = new Map<string, ReadonlySet<string>>();
  private readonly documentCount: number;
  private readonly speller: SpellingCorrector;
  private readonly minConfidence: number;
  private readonly minEvidence: number;
  private readonly passageBoost: number;
  private readonly knownQuestions: KnownQuestionMatcher;
  private readonly vouching: boolean;
  private readonly onCoverageRefusal?: (reading: VouchReading) => void;
  private readonly withdrawing: boolean;
  private readonly onAnswerWeighed?: (reading: WithdrawReading) => void;
  private readonly choosing: boolean;
  private readonly onEntryChoice?: (reading: EntryChoiceReading) => void;

  constructor(options: GuidanceIndexOptions = {}) {
    const entries = options.entries ?? loadGuidancePack();
    const passages = options.passages ?? [];
    this.minConfidence = options.minConfidence ?? DEFAULT_MIN_CONFIDENCE;
    this.minEvidence = options.minEvidence ?? DEFAULT_MIN_EVIDENCE;
    this.passageBoost = options.passageBoost ?? 1;
    this.vouching = options.vouching ?? true;
    this.onCoverageRefusal = options.onCoverageRefusal;
    this.withdrawing = options.withdrawing ?? true;
    this.onAnswerWeighed = options.onAnswerWeighed;
    this.choosing = options.choosing ?? true;
    this.onEntryChoice = options.onEntryChoice;

    const docs: IndexedDoc[] = [];
    for (const entry of entries) {
      this.entries.set(entry.id, entry);
      docs.push(entryToDoc(entry));
    }
    for (const passage of passages) {
      // an id clash (a passage reloaded twice) would corrupt the index; keep the first
      if (this.entries.has(passage.id) || this.passages.has(passage.id)) continue;
      this.passages.set(passage.id, passage);
      docs.push(passageToDoc(passage));
    }

    this.miniSearch = new MiniSearch<IndexedDoc>({
      fields: [...SEARCH_FIELDS],
      // a word counts once in practitioners' phrasings: they show which words people use for an
      // entry, not how often ("after" in four phrasings must not outweigh a passage's topic)
      tokenize: (text, field) => (field === 'askedAs' ? [...new Set(analyse(text))] : analyse(text)),
      processTerm: (term) => term, // analyse() already lower-cases, maps synonyms and stems
      searchOptions: { boost: FIELD_BOOSTS },
    });
    this.miniSearch.addAll(docs);

    for (const doc of docs) {
      // how rare a word is in the guidance is judged on what the guidance says, not on how
      // people ask for it: phrasings full of everyday words would otherwise make them weigh
      const terms = new Set(SEARCH_FIELDS.filter((field) => field !== 'askedAs').flatMap((field) => analyse(doc[field])));
      for (const term of terms) this.documentFrequency.set(term, (this.documentFrequency.get(term) ?? 0) + 1);
    }
    this.documentCount = docs.length;
    this.speller = new SpellingCorrector(
      [...docs.flatMap((doc) => SEARCH_FIELDS.map((field) => doc[field])), analyserVocabulary().join(' ')],
      (word) => isEverydayWord(word) || isEnglishWord(word),
      {
        isEnglish: isEnglishWord,
        commonWords: COMMON_ENGLISH_WORDS,
      },
    );
    // what a reading depends on: the indexed texts (spelling, rarity, names)
    const readingName = createHash('sha256').update(JSON.stringify(docs)).digest('hex');
    this.knownQuestions = new KnownQuestionMatcher(options.knownQuestions ?? (options.entries ? [] : KNOWN_QUESTIONS), {
      // read as the search reads a question, so the spelling it repaired is reused
      termsOf: (question) => this.readingOf(question),
      figureOf: figureAsked,
      isIncidental: isIncidentalTerm,
      readingName,
    });
  }

  /**
   * Answers a practitioner's question from the pack or the council's documents. A child hurt or
   * at risk now, or an allegation against a carer, is never left unanswered: when nothing else
   * answers, the answer is to act on the safeguarding procedures first. A question asking for
   * something in particular ("which risk assessment tool", "the secure criteria") is not answered by
   * that: it is told the guidance does not cover it, under the same safeguarding lead. A message
   * telling the case first may be answered from its asking clause (byAskingClause), and a pack
   * answer to the twin of a known near miss is withdrawn (unlessAKnownNearMiss).
   */
  search(question: string): GuidanceAnswer {
    // spellings and analysed words are kept while one question is answered, and forgotten after it (they hold case detail)
    try {
      return this.speller.remembering(() => analysingOnce(() => this.searchSpelled(question)));
    } finally {
      this.knownQuestions.forgetQuestion();
    }
  }

  private searchSpelled(question: string): GuidanceAnswer {
    const compared = this.comparing(question);
    if (compared) return compared;
    const answer = this.unlessComparingOtherThings(question, this.byAskingClause(question, this.unlessAKnownNearMiss(this.answerQuestion(question))));
    const safeguarding = this.entries.get(SAFEGUARDING_ENTRY_ID);
    const asked = asAsked(question);
    // (nor does acting on the procedures give a figure asked for: "missing since 6pm - when do we have to report to the police?")
    if (
      answer.found ||
      !answer.urgentSafeguarding ||
      !safeguarding ||
      !isChildInDangerNow(asked) ||
      asksForAParticularThing(asked) ||
      figureAsked(asked) !== null ||
      ASKS_WHEN_DEADLINE.test(asked)
    )
      return answer;
    return {
      question,
      found: true,
      answer: safeguarding.answer,
      steps: safeguarding.steps,
      sources: safeguarding.sources,
      entryId: safeguarding.id,
      score: answer.score,
      confidence: answer.confidence,
      related: safeguarding.related.map((id) => this.topicRef(id)),
      urgentSafeguarding: true,
      // after the safeguarding lead, the close topic the question was nearest to (a child missing
      // now: what a pattern of absence means for the placement), or else what the message asks besides
      ...(this.closeToSafeguarding(answer, safeguarding.id) ? { also: this.partFrom(answer.suggestions![0]!.id) } : this.partAskedBesideSafeguarding(asked, safeguarding.id)),
    };
  }

  /**
   * "What's the difference between a stability meeting and a disruption meeting?": two things
   * compared are each answered by the entry on it, both in one answer; or undefined when either is
   * not, or one entry answers both ("the SW vs the SSW").
   */
  private comparing(question: string): GuidanceAnswer | undefined {
    const asked = asAsked(question);
    const things = comparedThings(asked);
    // (a child hurt or at risk now is answered as such, with acting on safeguarding first)
    if (!things || isImmediateSafeguarding(asked)) return undefined;
    const [first, second] = things.map((thing) => this.unlessAKnownNearMiss(this.answerQuestion(`what is the ${thing}?`))) as [GuidanceAnswer, GuidanceAnswer];
    const answers = (a: GuidanceAnswer) => a.found && !a.also && !a.urgentSafeguarding && !!a.entryId && this.entries.has(a.entryId);
    if (!answers(first) || !answers(second) || first.entryId === second.entryId) return undefined;
    return { ...first, question, confidence: Math.min(first.confidence, second.confidence), also: this.partFrom(second.entryId!) };
  }

  /**
   * "What's the difference between s20 and a care order?": an answer naming neither thing compared
   * answers only the words of comparing (the SW and SSW roles' "difference between"), so it is not one.
   */
  private unlessComparingOtherThings(question: string, answer: GuidanceAnswer): GuidanceAnswer {
    const things = answer.found && answer.entryId ? comparedThings(asAsked(question)) : null;
    if (!things) return answer;
    const entryId = answer.entryId!;
    const named = (thing: string) => analyseQuery(this.speller.correct(thing)).some((group) => this.names(entryId, group.join('|')));
    if (things.some(named)) return answer;
    return {
      question,
      found: false,
      score: answer.score,
      confidence: answer.confidence,
      suggestions: [entryId, ...(answer.related ?? []).map((r) => r.id)].slice(0, MAX_SUGGESTIONS).map((id) => this.topicRef(id)),
      notFoundReason: 'not-covered',
      urgentSafeguarding: answer.urgentSafeguarding,
    };
  }

  /** The part answering what a message asks besides acting on safeguarding, read from the whole message's matches. */
  private partAskedBesideSafeguarding(asked: string, safeguardingId: string): { also?: GuidanceAnswerPart } {
    const { trimmedQuestion, termGroups, results } = this.lookUp(asked);
    const candidates = results.slice(0, CANDIDATES).map((result) => this.candidate(result, termGroups));
    if (candidates.length === 0) return {};
    // (the safeguarding entry need not be among the matches: then it covers nothing the message asks)
    const safeguarding = candidates.find((c) => c.id === safeguardingId) ?? { ...candidates[0]!, id: safeguardingId, credits: termGroups.map(() => 0) };
    const besides = this.askedBesideSafeguarding(safeguarding, candidates, termGroups, this.askingClause(trimmedQuestion));
    return besides ? { also: this.partFrom(besides.id) } : {};
  }

  /** Builds now what is otherwise built for the first question (the known questions, about a second), so no practitioner waits for it. */
  prepare(): void {
    this.knownQuestions.prepare();
  }

  /**
   * A question's terms as the search reads them: spelling repaired, and names, stopwords and the
   * words asking for a figure ("how soon", "how often") left out, as the kind of figure is compared
   * on its own.
   */
  readingOf(question: string): string[] {
    // a place or council named ("does Essex need HoS sign-off too?") is kept: it is what another
    // council's question asks about, where a child's name is only whose case it is
    return analyseQuery(withoutFigureWords(this.spelled(question, { keepPlaces: true }).spelledQuestion)).map((group) => group[0]!);
  }

  /**
   * A pack entry's answer to the twin of a known near miss ("which LCS form is the initial support
   * plan on?" after "what's the LCS form for the initial support plan called?") is withdrawn: the
   * guidance does not say, and the entry is offered as the nearest topic. An immediate safeguarding
   * matter is withdrawn only for a twin asking what the entry lacks, and keeps leading with acting on
   * safeguarding (the card shows it above the nearest topic); acting on safeguarding itself, and an
   * entry whose answer rests on the national data definitions (its first source) asked what the returns
   * count or code, keep their answers.
   */
  private unlessAKnownNearMiss(answer: GuidanceAnswer): GuidanceAnswer {
    if (!answer.found || !answer.entryId || answer.entryId === SAFEGUARDING_ENTRY_ID) return answer;
    // the near misses were judged against the five documents; the national definitions answer more.
    // An entry leading with the documents ("how is stability measured?") is judged like any other, though it
    // cites the definitions further down: "does respite count as a move?" is not what it answers. And the
    // definitions answer what the returns count: "how do I arrange respite?" is judged like any other.
    if (this.entries.get(answer.entryId)?.sources[0]?.doc === 'domain' && ASKS_OF_THE_RETURNS.test(answer.question)) return answer;
    const entryId = answer.entryId;
    // a message telling the case first is the twin of a near miss when its asking clause is
    const clause = caseFirstClause(answer.question);
    const asked = clause ? [answer.question, clause] : [answer.question];
    // (a safeguarding matter is withdrawn only for what the guidance lacks: "allegation against a foster
    // carer?" is answered though "what is the LADO's role in an allegation against a carer?" is not)
    const gapNamed = !!answer.urgentSafeguarding;
    const twin = asked.some((text) => this.knownQuestions.isTwinOfANearMiss(text, (term) => this.names(entryId, term), { gapNamed }));
    // (the withdrawing model was fitted without safeguarding matters: only a twin withdraws those)
    if (!twin && (answer.urgentSafeguarding || !this.spokenAgainst(answer, entryId))) return answer;
    const suggestions = [answer.entryId, ...(answer.also ? [answer.also.entryId] : []), ...(answer.related ?? []).map((r) => r.id)];
    return {
      question: answer.question,
      found: false,
      score: answer.score,
      confidence: answer.confidence,
      suggestions: [...new Set(suggestions)].slice(0, MAX_SUGGESTIONS).map((id) => this.topicRef(id)),
      notFoundReason: 'not-covered',
      nearest: this.topicRef(answer.entryId),
      knownNearMiss: true,
      urgentSafeguarding: answer.urgentSafeguarding,
    };
  }

  /**
   * A message that tells the case first and asks last ("Harvey (7) moves next friday, carer wants
   * to tell him herself tonight... who decides how and when he's told?"), not answered as a whole:
   * its asking clause alone is answered, when that answer is among the topics nearest the whole
   * message (the case agrees with it). The confidence shown is the asking clause's.
   */
  private byAskingClause(question: string, answer: GuidanceAnswer): GuidanceAnswer {
    // (a withdrawn answer stays withdrawn: its clause would be the twin's too)
    if (answer.found || answer.knownNearMiss) return answer;
    const part = caseFirstClause(question);
    if (!part) return answer;
    // the clause is what is answered, so it is the clause that must be no known near miss's twin
    const asked = this.unlessAKnownNearMiss(this.answerQuestion(part));
    const near = new Set((answer.suggestions ?? []).map((s) => s.id));
    // (answers from council passages are not taken this way: the clause alone is too short a match for them)
    if (!asked.found || !asked.entryId || !near.has(asked.entryId)) return answer;
    return { ...asked, question, urgentSafeguarding: asked.urgentSafeguarding ?? answer.urgentSafeguarding };
  }

  private answerQuestion(question: string): GuidanceAnswer {
    const { trimmedQuestion, termGroups, results } = this.lookUp(question);
    // (read as typed and as spelled: "alegation against the carer" is an allegation all the same)
    const urgentSafeguarding = isImmediateSafeguarding(trimmedQuestion) || isImmediateSafeguarding(this.spelled(question).spelledQuestion) || undefined;
    if (results.length === 0) return { question, found: false, score: 0, confidence: 0, suggestions: [], urgentSafeguarding };

    const candidates = results.slice(0, CANDIDATES).map((result) => this.candidate(result, termGroups));
    // "what does our disruption policy say about who is invited?": the pack points to such documents
    // but does not hold them, so it says so and offers the nearest topic
    if (asksWhatAReferencedDocumentSays(trimmedQuestion)) return this.notFound(question, results, candidates[0]!, 'not-covered', urgentSafeguarding, termGroups);
    // judged on the message as typed: "carer asking how long... - can we share that?" relays the
    // carer's question, which withoutAsker would otherwise take for the asker introducing themselves
    const figure = figureAsked(question.slice(0, MAX_QUESTION_LENGTH)) ?? (this.asksWhatUnknownLettersAre(question) ? 'meaning' : null);
    // the asking clause, spelled and analysed once and only when a rule needs it
    let asking: AskingClause | undefined;
    const askingClause = (): AskingClause => (asking ??= this.askingClause(trimmedQuestion));
    let chosen = this.resolveNearTie(candidates, !figure && !ASKS_WHEN.test(trimmedQuestion));
    // "when does the PPM have to happen?": of matches close in rank, the one giving a timescale for
    // what is asked answers a question of when (who attends the PPM gives none)
    if (!figure && ASKS_WHEN.test(trimmedQuestion) && !this.holds(chosen.id, 'timescale', trimmedQuestion, termGroups, askingClause().terms)) {
      const timed = candidates.find(
        (c) =>
          c.score >= candidates[0]!.score * NEAR_TIE &&
          c.share >= chosen.share - COVERAGE_MARGIN &&
          this.holds(c.id, 'timescale', trimmedQuestion, termGroups, askingClause().terms),
      );
      if (timed) chosen = timed;
    }
    if (figure && !this.holds(chosen.id, figure, trimmedQuestion, termGroups, askingClause().terms)) {
      // "how many days...": only an entry that holds such a figure may answer
      const withFigure = candidates.find(
        (c) => c.share >= this.minConfidence && c.evidence >= this.minEvidence && this.holds(c.id, figure, trimmedQuestion, termGroups, askingClause().terms),
      );
      if (!withFigure) return this.notFound(question, results, chosen, 'no-figure', urgentSafeguarding, termGroups);
      chosen = withFigure;
    }

    // Two questions in one: a second entry that answers what the first leaves out.
    const namesTwoThings = termGroups.filter((t) => t.group.some((term) => NAMED_THING_TERMS.has(term))).length >= 2;
    const complement = figure || !(asksTwoThings(trimmedQuestion) || namesTwoThings) ? undefined : this.complement(chosen, candidates, termGroups);
    // each part must answer its own part of the question: what neither covers counts against both
    const pairedPart = complement && this.partsStandAlone(chosen, complement, termGroups) ? complement : undefined;
    let second = pairedPart;
    const share = pairedPart
      ? shareOf(
          termGroups,
          chosen.credits.map((c, i) => Math.max(c, pairedPart.credits[i]!)),
        )
      : chosen.share;
    const evidence = second ? chosen.evidence + second.evidence : chosen.evidence;
    // "when does the PPM have to happen?": a short question about one common thing is answered when
    // the match gives a timescale for it (the timing asked for is evidence the words alone are not)
    const timingGiven = () => ASKS_WHEN.test(trimmedQuestion) && this.holds(chosen.id, 'timescale', trimmedQuestion, termGroups, askingClause().terms);
    if (
      (share < this.confidenceCut(termGroups) &&
        this.caseEasedShare(chosen, second, termGroups, trimmedQuestion, askingClause()) < this.confidenceCut(termGroups) &&
        !this.dominates(chosen, candidates, share) &&
        !this.coversAskingPart(chosen, second, termGroups, trimmedQuestion, askingClause()) &&
        // (read last: it looks up the known questions)
        !this.vouchedFor(question, chosen, share)) ||
      (evidence < this.minEvidence && !timingGiven())
    )
      return this.notFound(question, results, chosen, 'not-covered', urgentSafeguarding, termGroups);
    // "can I book annual leave within the month" is not answered by an entry about a year's moves:
    // units of time say when, so a match on them alone says nothing of what is asked
    if (!this.coversMoreThanTime(chosen, termGroups) && !(second && this.coversMoreThanTime(second, termGroups)))
      return this.notFound(question, results, chosen, 'not-covered', urgentSafeguarding, termGroups);
    // What the question names must be in the answer: "can parents attend the disruption meeting?" is
    // not answered by who attends the PPM, nor "does the court have to agree?" by Head of Service
    // approval; and a practitioners' term the analyser knows that nothing in the guidance mentions
    // ("staying put", "fostering panel") names a topic the guidance lacks.
    const missed = (i: number) => chosen.credits[i] === 0 && !(second && second.credits[i]! > 0);
    const absentFromGuidance = (t: QuestionTerm) => !t.incidental && t.group.every((term) => isAnalyserTerm(term) && !this.documentFrequency.has(term));
    // in a message telling its case first, what only the case names is what has happened ("permanent
    // placement for siblings broke down... when is the disruption meeting?"), unless the question
    // points back to it ("... can you confirm that figure?")
    const toldOnlyInTheCase = (t: QuestionTerm) =>
      !!caseFirstClause(trimmedQuestion) && !POINTS_BACK.test(askingClause().part) && !t.group.some((term) => askingClause().terms.has(term));
    // "what does the PPM guidance say about extra help?": the PPM names where to look, which an entry
    // citing that document answers
    const source = sourceNamed(trimmedQuestion);
    const restTerms =
      source && [chosen, second].some((c) => c && this.entries.get(c.id)?.sources.some((s) => s.doc === source.doc))
        ? new Set(analyseQuery(this.speller.correct(source.rest)).flat())
        : undefined;
    const onlyWhereToLook = (t: QuestionTerm) => !!restTerms && !t.group.some((term) => restTerms.has(term));
    if (termGroups.some((t, i) => missed(i) && !toldOnlyInTheCase(t) && !onlyWhereToLook(t) && (namesSomething(t) || absentFromGuidance(t))))
      return this.notFound(question, results, chosen, 'not-covered', urgentSafeguarding, termGroups);
    // "can the YP read the minutes?": whether someone may do something is answered only by an entry
    // that speaks of doing it
    const roles = roleAsked(trimmedQuestion);
    const action = new Set(permissionAsked(trimmedQuestion));
    if (action.size > 0 && termGroups.some((t, i) => missed(i) && action.has(t.group.join('|'))))
      return this.notFound(question, results, chosen, 'not-covered', urgentSafeguarding, termGroups);
    // "who organises the disruption meeting?": the doing asked about must be in what the answer says,
    // not only in how practitioners ask for the entry
    const saysDoing = (id: string, role: string) => {
      const terms = [role, ...(ROLE_SYNONYMS[role] ?? [])];
      // (who chairs or presents is read in the headline too, by saysWho)
      return terms.some((term) => this.names(id, term)) && (SAID_BY_SAYS_WHO.has(role) || !this.leavesUnnamed(id, terms));
    };
    const rolesUnsaid = [...roles].filter((role) => !saysDoing(chosen.id, role) && !(second && saysDoing(second.id, role)));
    if (rolesUnsaid.length > 0) {
      // "who writes the placement plan and who checks it?": the first part is answered, and a close
      // entry saying who writes it answers the second (as for who chairs, below)
      const saysDoingInstead = second ? undefined : this.secondPartSaying(chosen, candidates, trimmedQuestion, (id) => rolesUnsaid.every((role) => saysDoing(id, role)));
      if (!saysDoingInstead) return this.notFound(question, results, chosen, 'not-covered', urgentSafeguarding, termGroups);
      second = saysDoingInstead;
    }
    // "which service do we use?": the thing asked for must be in the answer
    const thing = thingAskedFor(trimmedQuestion);
    // (a document of its own, "is there an agenda for the IPM?", is read in what the answer says: an
    // entry practitioners ask for with "agenda" need not have one)
    const unnamedDocument = () => DOCUMENT_KINDS.has(thing!) && ![chosen, second].some((c) => c && this.names(c.id, thing!));
    if (thing && termGroups.some((t, i) => !t.incidental && t.group.join('|') === thing && (missed(i) || unnamedDocument())))
      return this.notFound(question, results, chosen, 'not-covered', urgentSafeguarding, termGroups);
    // "does the IRO come to the support meeting?", "does the child come to the disruption meeting?":
    // whoever is asked about must be named in the answer (read in its text, as the child is in
    // nearly every entry and so is not looked up)
    // (the school, the police or a youth justice worker come as the "other relevant professionals" an
    // entry invites, as CAMHS and health already read)
    const attendees = attendeeAsked(trimmedQuestion).map((group) => (PROFESSIONS_ATTENDING.has(group) ? `${group}|professional` : group));
    if (attendees.some((group) => !this.names(chosen.id, group) && !(second && this.names(second.id, group))))
      return this.notFound(question, results, chosen, 'not-covered', urgentSafeguarding, termGroups);
    // "who chairs the PPM?" is not answered by what the chair reads beforehand, nor "who presents at the
    // panel?" by a case being presented there: an entry must say who does it
    for (const role of ['chair', 'present'] as const) {
      if (!roles.has(role) || this.saysWho(chosen.id, role, termGroups) || (second && this.saysWho(second.id, role, termGroups))) continue;
      // "when is a disruption meeting held and who chairs it?": the first part is answered, and a close
      // entry saying who chairs answers the second
      const saysWhoInstead = second ? undefined : this.secondPartSaying(chosen, candidates, trimmedQuestion, (id) => this.saysWho(id, role, termGroups));
      if (!saysWhoInstead) return this.notFound(question, results, chosen, 'not-covered', urgentSafeguarding, termGroups);
      second = saysWhoInstead;
    }

    // "where is the move tracker kept?" (where, not what the thing is for), "Mum won't come to the PPM
    // - what now?" (the guidance says who should come, not what follows a refusal), "what is the
    // complaints procedure?" (complaints are a trigger, not a procedure set out), "what's the
    // national average?", "who is the current HoS?", "LL keeps crashing", "the PPM wasn't held within
    // 72 hours - who do I tell?": answered only by an answer stating such a thing
    if (askedOnlyIfStated(trimmedQuestion).some((rule) => ![chosen, second].some((c) => c && rule.stated.test(this.statedText(c.id)))))
      return this.notFound(question, results, chosen, 'not-covered', urgentSafeguarding, termGroups);

    // The question is answered. Which pack entry answers it is chosen by a model weighing what the
    // rules chose against what answered the questions most like it before (knownQuestionModels.ts;
    // a figure asked for, a two-part answer and acting on safeguarding stay as chosen: the rules
    // above picked them for what they hold).
    if (!figure && !second && this.entries.has(chosen.id) && chosen.id !== SAFEGUARDING_ENTRY_ID) {
      // asked when, and answered with a timescale: only an entry giving one may take its place
      const timed = (c: Candidate) => this.holds(c.id, 'timescale', trimmedQuestion, termGroups, askingClause().terms);
      const whenAnswered = ASKS_WHEN_ALONE.test(trimmedQuestion) && timed(chosen);
      chosen = this.chooseAmong(question, chosen, candidates, whenAnswered ? timed : () => true);
    }
    // "she says the carer hit her ... will she still need a PPM at the new placement?": after acting
    // on safeguarding, what the message asks besides, when the entry chosen does not cover it
    if ((chosen.id === SAFEGUARDING_ENTRY_ID || urgentSafeguarding) && !second) second = this.askedBesideSafeguarding(chosen, candidates, termGroups, askingClause());
    const answer = this.answerFrom(question, chosen, results, round(share));
    if (second) answer.also = this.partFrom(second.id);
    if (urgentSafeguarding) answer.urgentSafeguarding = true;
    return answer;
  }

  /**
   * Of the pack entries among the matches that may answer, the one the choice model picks (see chosenEntry). An
   * index built with `choosing: false` keeps the rules' choice; each reading goes to `onEntryChoice`
   * (for fitting the model).
   */
  private chooseAmong(question: string, chosen: Candidate, candidates: Candidate[], mayAnswer: (c: Candidate) => boolean): Candidate {
    // (only among the first few matches: "psm when??" is not answered by who attends, however often
    // questions like it were)
    // scoring at least NEAR_RANK of the best: the model reads it as one sign among others, and such a
    // match is read however far down it ranks (with 43 development sets known: 4 more right answers)
    const closeInRank = new Set(candidates.filter((c) => c.score >= candidates[0]!.score * NEAR_RANK));
    const entries = candidates.filter((c, rank) => c === chosen || (this.entries.has(c.id) && (rank < ANSWERED_BEFORE_RANKS || closeInRank.has(c)) && mayAnswer(c)));
    const evidence = this.knownQuestions.entryEvidence(
      question,
      entries.map((c) => c.id),
    );
    const reading: EntryChoiceReading = {
      question,
      candidates: entries.map((c, k) => ({
        id: c.id,
        rank: candidates.indexOf(c),
        scoreRatio: c.score / candidates[0]!.score,
        share: c.share,
        strictShare: c.strictShare,
        specificity: c.specificity,
        ruleChosen: c === chosen,
        closeInRank: c === chosen || closeInRank.has(c),
        missesNamed: c.missesNamed,
        support: evidence[k]!.support,
        wordProbability: evidence[k]!.wordProbability,
        closest: evidence[k]!.closest,
      })),
    };
    this.onEntryChoice?.(reading);
    if (!this.choosing || entries.length < 2) return chosen;
    const picked = chosenEntry(reading);
    return entries.find((c) => c.id === picked)!;
  }

  /**
   * Whether every step of an entry that does what is asked about is one the guidance names no one
   * for ("who organises the disruption meeting?": "Not named in the guidance: organise it").
   */
  private leavesUnnamed(id: string, terms: string[]): boolean {
    const steps = (this.entries.get(id)?.steps ?? []).filter((s) => terms.some((t) => this.termsOfIndexedText(s.what).has(t)));
    return steps.length > 0 && steps.every((s) => s.who === NOT_NAMED);
  }

  /**
   * Whether a match covers every word of content of the asking clause of a message that tells the
   * case first ("carer told me tues things are getting tense, slamming doors... is it too early for a
   * placement support meeting?"): the case told before it is not held against the answer.
   */
  private coversAskingPart(chosen: Candidate, second: Candidate | undefined, termGroups: QuestionTerm[], question: string, asking: AskingClause): boolean {
    if (!asksAfterTheCase(question, asking.part)) return false;
    const asked = termGroups.filter((t) => !t.incidental && t.group.some((term) => asking.terms.has(term)));
    // (read in what the entry says, not in how practitioners ask for it)
    const says = (c: Candidate | undefined, t: QuestionTerm) => c !== undefined && this.names(c.id, t.group.join('|'));
    return asked.length >= MIN_CONTENT_TERMS && asked.every((t) => says(chosen, t) || says(second, t));
  }

  /**
   * A message telling the case first: the share of it a match covers when the words only the case
   * uses weigh less than those of the asking clause ("Placement for Mikey ended today, he's gone
   * home to his dad. who do I need to tell?": the dad and the home are the case's).
   */
  private caseEasedShare(chosen: Candidate, second: Candidate | undefined, termGroups: QuestionTerm[], question: string, asking: AskingClause): number {
    // (a short message's first part names its topic: "parent and child placement - is the PPM different?")
    if (!caseFirstClause(question)) return 0;
    const weightOf = (t: QuestionTerm) => (t.group.some((term) => asking.terms.has(term)) ? 1 : CASE_TERM_WEIGHT);
    const eased = termGroups.map((t) => ({ ...t, weight: t.weight * weightOf(t), fullWeight: t.fullWeight * weightOf(t) }));
    const credits = chosen.credits.map((c, i) => Math.max(c, second?.credits[i] ?? 0) * weightOf(termGroups[i]!));
    return shareOf(eased, credits);
  }

  /**
   * The pack entry that answers most of what the asking clause of a safeguarding message asks and the
   * entry chosen does not ("... hit her today. will she still need a PPM at the new placement?": the
   * PPM), among matches close enough to be a second part.
   */
  private askedBesideSafeguarding(chosen: Candidate, candidates: Candidate[], termGroups: QuestionTerm[], asking: AskingClause): Candidate | undefined {
    const open = termGroups.map((t, i) => !t.incidental && chosen.credits[i] === 0 && t.group.some((term) => asking.terms.has(term)));
    let best: Candidate | undefined;
    let bestGain = 0;
    for (const c of candidates) {
      if (c.id === chosen.id || !this.entries.has(c.id) || ABOUT_THE_DOCUMENTS.has(c.id)) continue;
      if (c.score < candidates[0]!.score * SECOND_PART_SCORE) continue;
      const gain = termGroups.reduce((sum, t, i) => sum + (open[i] && c.credits[i]! > 0 ? t.weight : 0), 0);
      if (gain > bestGain) {
        bestGain = gain;
        best = c;
      }
    }
    return best;
  }

  /** The message's asking clause and its analysed terms. */
  private askingClause(question: string): AskingClause {
    const part = askingPart(question);
    return { part, terms: new Set(analyseQuery(this.speller.correct(part)).flat()) };
  }

  /** What an entry says (its title, headline and steps), or a passage's text. */
  private statedText(id: string): string {
    const entry = this.entries.get(id);
    return entry ? [entry.title, entry.answer, ...entry.steps.map((s) => `${s.who} ${s.what} ${s.when ?? ''}`)].join(' ') : (this.passages.get(id)?.text ?? '');
  }

  /** An indexed text's terms (a title, a headline, a step, a passage), analysed once. */
  private termsOfIndexedText(text: string): ReadonlySet<string> {
    let terms = this.indexedTextTerms.get(text);
    if (!terms) {
      terms = new Set(analyse(text));
      this.indexedTextTerms.set(text, terms);
    }
    return terms;
  }

  /** Whether an entry's or passage's text names any of a term group's terms. */
  private names(id: string, group: string): boolean {
    let terms = this.textTerms.get(id);
    if (!terms) {
      terms = new Set(analyse(this.statedText(id)));
      this.textTerms.set(id, terms);
    }
    return group.split('|').some((term) => terms.has(term));
  }

  /**
   * Whether an entry says who chairs something ("a council manager chairs it", "Chair the meeting"),
   * not only what the chair does; or who presents ("Present the case", "presented by the SW"), not
   * only that a case is presented.
   */
  private saysWho(id: string, role: 'chair' | 'present', termGroups: QuestionTerm[] = []): boolean {
    const entry = this.entries.get(id);
    const statements = entry ? [entry.answer, ...entry.steps.map((s) => s.what)] : [this.passages.get(id)?.text ?? ''];
    const says = role === 'chair' ? /\bchairs\b|\bchaired\b|\bchair(?:ing)?\s+(?:it|the|a|an|when|this|that|meetings?)\b|^chair\b/i : /\bpresents\b|\bpresented by\b|^present\b/i;
    // "who chairs the PPM?" is not answered by who chairs a Disruption Meeting: a statement naming a
    // meeting (or, naming none, in an entry whose title names one) must name the meeting asked about
    const asked = new Set(termGroups.flatMap((t) => t.group.filter((term) => MEETING_TERMS.has(term))));
    const meetingsIn = (text: string) => [...this.termsOfIndexedText(text)].filter((term) => MEETING_TERMS.has(term));
    const titleMeetings = meetingsIn(entry?.title ?? this.passages.get(id)?.section ?? '');
    const aboutAsked = (text: string) => {
      if (asked.size === 0) return true;
      const named = meetingsIn(text);
      const about = named.length > 0 ? named : titleMeetings;
      return about.length === 0 || about.some((term) => asked.has(term));
    };
    // (read clause by clause: "the IRO's views are considered at the PPM, ..., and an IRO chairs a
    // Disruption Meeting" says nothing of who chairs the PPM; presenting at a panel is read whole, as
    // the meeting a request comes from is named with it)
    const parts = (text: string) => (role === 'chair' ? text.split(/[,;:.]\s+/) : [text]);
    return statements.some((text) => parts(text).some((part) => says.test(part) && (role !== 'chair' || aboutAsked(part))));
  }

  /** Whether a match covers a word of content that is not a unit of time (a question all about time is judged on its time words). */
  private coversMoreThanTime(match: Candidate, termGroups: QuestionTerm[]): boolean {
    // everyday words count here: in "can I take my leave within the month" they are all there is besides time
    const content = termGroups.map((t, i) => ({ t, i })).filter(({ t }) => !t.incidental || t.everyday);
    if (content.every(({ t }) => isTimeUnit(t))) return true;
    return content.some(({ t, i }) => !isTimeUnit(t) && match.credits[i]! > 0);
  }

  /**
   * The share of the question a match must cover. A long question (four words of content or more)
   * tells its case as much as it asks: some of its words are bound to be the case's, so it needs a
   * little less; a short one must be covered as it is.
   */
  private confidenceCut(termGroups: QuestionTerm[]): number {
    const contentTerms = termGroups.filter((t) => !t.incidental).length;
    return contentTerms >= LONG_QUESTION_TERMS ? this.minConfidence * LONG_QUESTION_EASING : this.minConfidence;
  }

  /** The ranked candidates for a question with how much of it each covers (for evaluation and tuning). */
  explain(question: string): Array<{ id: string; score: number; share: number; specificity: number; terms: string[] }> {
    const { termGroups, results } = this.lookUp(question);
    return results.slice(0, CANDIDATES).map((result) => {
      const c = this.candidate(result, termGroups);
      const terms = termGroups.map((t, i) => `${t.group.join('/')}${t.incidental ? '~' : ''}:${t.weight.toFixed(1)}${c.credits[i]! > 0 ? '+' : '-'}`);
      return { id: c.id, score: round(c.score), share: round(c.share), specificity: round(c.specificity), terms };
    });
  }

  /** The question cut to length, less whoever is asking and the form of answer asked for, and with its names out and its spelling repaired. */
  private spelled(question: string, names: { keepPlaces?: boolean } = {}): { trimmedQuestion: string; spelledQuestion: string } {
    const trimmedQuestion = asAsked(question.slice(0, MAX_QUESTION_LENGTH));
    // Names first: they are told by their capitals, which spelling correction neither keeps nor
    // spares ("Carey" would become "care").
    return { trimmedQuestion, spelledQuestion: this.speller.correct(this.withoutNames(trimmedQuestion, names)) };
  }

  private lookUp(question: string): { trimmedQuestion: string; termGroups: QuestionTerm[]; results: SearchResult[] } {
    const { trimmedQuestion, spelledQuestion } = this.spelled(question);
    // "how soon", "how often": the figure rule deals with what kind of answer is asked for; the
    // words themselves say nothing of the topic and are not held against an answer
    const asked = withoutFigureWords(spelledQuestion);
    // the reason given for the case ("because the carer is going on holiday") is case detail, and so
    // is a topic the guidance lacks mentioned only as what has happened ("LADO referral made - ...")
    const caseDetail = this.reasonTerms(trimmedQuestion);
    const groups = analyseQuery(asked);
    const inPassing = groups.filter((group) => group.every((term) => TOPICS_MENTIONED_IN_PASSING.has(term)));
    if (inPassing.length > 0) {
      // (read only when such a topic is there: the asking part is spelled and analysed again)
      const askingTerms = new Set(analyseQuery(this.speller.correct(askingPart(trimmedQuestion))).flat());
      for (const group of inPassing) if (!group.some((term) => askingTerms.has(term))) caseDetail.add(group.join('|'));
    }
    const termGroups = this.questionTerms(this.withoutCaseTimes(trimmedQuestion, groups), caseDetail);
    // Words in most documents barely rank anything and cost the most to look up: left out of the
    // search (and so never held against an answer) when the question has other words.
    const searched = termGroups.filter((t) => !t.ubiquitous);
    const results = this.rawSearch((searched.length > 0 ? searched : termGroups).map((t) => t.group));
    return { trimmedQuestion, termGroups, results };
  }

  private answerFrom(question: string, chosen: Candidate, results: SearchResult[], confidence: number): GuidanceAnswer {
    const score = round(chosen.score);
    const entry = this.entries.get(chosen.id);
    if (entry) {
      return {
        question,
        found: true,
        answer: entry.answer,
        steps: entry.steps,
        sources: entry.sources,
        entryId: entry.id,
        score,
        confidence,
        related: entry.related.map((id) => this.topicRef(id)),
      };
    }
    const passage = this.passages.get(chosen.id)!;
    return {
      question,
      found: true,
      answer: summarise(passage.text),
      passage,
      sources: [{ doc: passage.file, title: passage.docTitle, section: passage.section }],
      score,
      confidence,
      // the nearest pack entries, so the user can still reach the structured steps
      related: results
        .filter((r) => this.entries.has(r.id))
        .slice(0, MAX_SUGGESTIONS)
        .map((r) => this.topicRef(r.id)),
    };
  }

  /** Whether the topic a child-in-danger question came nearest to is close enough to follow the safeguarding lead. */
  private closeToSafeguarding(answer: GuidanceAnswer, safeguardingId: string): boolean {
    const nearest = answer.suggestions?.[0]?.id;
    return !!nearest && nearest !== safeguardingId && SAFEGUARDING_FOLLOW_ON.has(nearest) && answer.confidence >= SAFEGUARDING_NEAREST_SHARE;
  }

  private partFrom(id: string): GuidanceAnswerPart {
    const entry = this.entries.get(id)!;
    return { entryId: entry.id, title: entry.title, answer: entry.answer, steps: entry.steps, sources: entry.sources };
  }

  private notFound(
    question: string,
    results: SearchResult[],
    nearest: Candidate,
    reason: 'no-figure' | 'not-covered',
    urgentSafeguarding: true | undefined,
    termGroups: QuestionTerm[],
  ): GuidanceAnswer {
    const suggestions = [nearest.id, ...results.map((r) => r.id).filter((id) => id !== nearest.id)].slice(0, MAX_SUGGESTIONS).map((id) => this.topicRef(id));
    // leading with a topic claims it is close: judged on every word, everyday ones included; a
    // match on units of time alone ("within the month") is no near topic
    const close = this.coversMoreThanTime(nearest, termGroups) && (reason === 'no-figure' || (nearest.strictShare >= NEAREST_SHARE && nearest.evidence >= this.minEvidence));
    return {
      question,
      found: false,
      score: round(nearest.score),
      confidence: round(nearest.share),
      suggestions,
      notFoundReason: reason,
      ...(close ? { nearest: this.topicRef(nearest.id) } : {}),
      urgentSafeguarding,
    };
  }

  /** A ranked result with how much of the question it covers. */
  private candidate(result: SearchResult, termGroups: QuestionTerm[]): Candidate {
    const credits = termGroups.map(({ group, weight }) => {
      // the best-credited alternative: a second reading of an ambiguous abbreviation counts for less
      const credit = (term: string, i: number) => {
        const fields = result.match[term] ?? [];
        const full = isSecondReading(group, i) ? weight * SECOND_READING_WEIGHT : weight;
        if (fields.some((field) => PRIMARY_FIELDS.has(field))) return full;
        return fields.length > 0 ? full / 2 : 0;
      };
      return Math.max(...group.map(credit));
    });
    const evidence = credits.reduce((a, b) => a + b, 0);
    return {
      id: result.id,
      score: result.score,
      credits,
      evidence,
      share: shareOf(termGroups, credits),
      strictShare: shareOf(termGroups, credits, true),
      specificity: this.specificity(result.id, termGroups),
      missesNamed: termGroups.some((t, i) => credits[i] === 0 && namesSomething(t)),
    };
  }

  /**
   * Among entries ranked close together, the one that covers more of the question wins; on equal
   * coverage, the more specific one (more of its own title asked about) wins.
   */
  private resolveNearTie(candidates: Candidate[], asksNoTime = false): Candidate {
    const best = candidates[0]!;
    const tied = candidates.filter((c) => c.score >= best.score * NEAR_RANK);
    const aboutTiming = (c: Candidate) => TIMING_TITLE.test(this.entries.get(c.id)?.title ?? '');
    return tied.reduce((winner, c) => {
      // what the question names must be in the answer: of two near-tied matches, the one holding it
      if (c.missesNamed && !winner.missesNamed) return winner;
      if (winner.missesNamed && !c.missesNamed && c.score >= best.score * NEAR_TIE) return c;
      // "what info does the carer get from the placement plan" asks nothing of when: of two matches
      // covering as much of it, the entry about deadlines is not the answer
      if (asksNoTime && aboutTiming(winner) && !aboutTiming(c) && c.score >= best.score * NEAR_TIE && Math.abs(c.share - winner.share) <= COVERAGE_MARGIN) return c;
      // close in rank: a little more coverage decides; a little further down: clearly more
      const margin = c.score >= best.score * NEAR_TIE ? COVERAGE_MARGIN : CLEAR_COVERAGE_MARGIN;
      if (c.share > winner.share + margin) return c;
      if (Math.abs(c.share - winner.share) <= COVERAGE_MARGIN && c.specificity > winner.specificity + SPECIFICITY_MARGIN) return c;
      return winner;
    }, best);
  }

  /**
   * Share of an entry's title that the question asks about, each title word weighted by its
   * rarity: "Who chairs a Disruption Meeting" is less specific to "do we need a disruption
   * meeting?" than "Disruption Meeting after a placement breaks down", because "chair" is rare
   * and was not asked about, while "placement" is common.
   */
  private specificity(id: string, termGroups: QuestionTerm[]): number {
    // a passage's heading is often a single word ("Eligibility"): specificity is judged on entries only
    const title = this.entries.get(id)?.title ?? '';
    const titleTerms = [...this.termsOfIndexedText(title)].filter((t) => !isIncidentalTerm(t));
    const asked = new Set(termGroups.flatMap((t) => t.group));
    let total = 0;
    let matched = 0;
    for (const term of titleTerms) {
      const weight = this.idf(term);
      total += weight;
      if (asked.has(term)) matched += weight;
    }
    return total === 0 ? 0 : matched / total;
  }

  /**
   * A second pack entry that covers, in its title, question forms or rules, a weighty part of the
   * question the first does not: the question asked two things.
   */
  /**
   * In a question asking two things, a close entry saying what the chosen one leaves unsaid ("who
   * writes the plan and who checks it?", "when is it held and who chairs it?"): the second part.
   */
  private secondPartSaying(chosen: Candidate, candidates: Candidate[], question: string, says: (id: string) => boolean): Candidate | undefined {
    if (!asksTwoThings(question)) return undefined;
    return candidates.find((c) => c.id !== chosen.id && this.entries.has(c.id) && c.score >= candidates[0]!.score * SECOND_PART_SCORE && says(c.id));
  }

  private complement(first: Candidate, candidates: Candidate[], termGroups: QuestionTerm[]): Candidate | undefined {
    if (first.share >= 0.999) return undefined;
    const total = termGroups.reduce((a, t) => a + (t.incidental ? 0 : t.weight), 0);
    let bestGain = 0;
    let found: Candidate | undefined;
    for (const c of candidates) {
      if (c.id === first.id || !this.entries.has(c.id) || !this.entries.has(first.id)) continue;
      // where a document comes from or what it is read with answers nothing of a practice question
      if (ABOUT_THE_DOCUMENTS.has(c.id) && !ABOUT_THE_DOCUMENTS.has(first.id)) continue;
      if (c.score < first.score * SECOND_PART_SCORE) continue;
      // only what the second covers fully (not in passing) and the first misses counts
      const gain = termGroups.reduce((sum, t, i) => sum + (!t.incidental && first.credits[i]! === 0 && c.credits[i]! === t.weight ? t.weight : 0), 0) / (total || 1);
      if (gain > bestGain) {
        bestGain = gain;
        found = c;
      }
    }
    return bestGain >= SECOND_PART_GAIN ? found : undefined;
  }

  /**
   * Whether the questions asked before vouch for a match refused for coverage (see knownQuestionModels.ts). An
   * index built with `vouching: false` never takes them, and reports each such refusal to
   * `onCoverageRefusal` (for fitting the model).
   */
  private vouchedFor(question: string, chosen: Candidate, share: number): boolean {
    const reading = this.vouchReading(question, chosen, share);
    if (this.vouching && vouchesFor(reading)) return true;
    this.onCoverageRefusal?.(reading);
    return false;
  }

  /**
   * Whether the known questions around an answer speak against it (knownQuestionModels.ts). An index
   * built with `withdrawing: false` keeps every answer and reports each to `onAnswerWeighed` (for
   * fitting the model).
   */
  private spokenAgainst(answer: GuidanceAnswer, entryId: string): boolean {
    const { nearestCovered, nearestNearMiss, support, gapShared } = this.knownQuestions.neighbourhood(answer.question, entryId, (term) => this.names(entryId, term));
    const reading: WithdrawReading = { question: answer.question, entryId, share: answer.confidence, nearestCovered, nearestNearMiss, support, gapShared };
    if (this.withdrawing) return withdraws(reading);
    this.onAnswerWeighed?.(reading);
    return false;
  }

  /** What the vouching model reads of a question refused for coverage (see knownQuestionModels.ts). */
  private vouchReading(question: string, chosen: Candidate, share: number): VouchReading {
    return { question, entryId: chosen.id, share, ...this.knownQuestions.neighbourhood(question, chosen.id) };
  }

  /**
   * A best match far ahead of every other (several times the next one's score) is what the question
   * is about even when some of its words are not in the guidance ("GP and dentist registration - is
   * that a PPM thing"): it may answer with a little less coverage.
   */
  private dominates(chosen: Candidate, candidates: Candidate[], share: number): boolean {
    const runnerUp = candidates.find((c) => c.id !== chosen.id);
    // a lone match is no sign: only one document shares any word with the question
    return share >= DOMINANT_MIN_SHARE && chosen.id === candidates[0]!.id && !!runnerUp && chosen.score >= runnerUp.score * DOMINANCE;
  }

  /**
   * Whether each of two parts covers enough of its own share of the question: the words it covers
   * against those it covers plus those neither part covers. Two weak halves ("can the parents remove
   * him / what are their rights to object") do not make one answer.
   */
  private partsStandAlone(first: Candidate, second: Candidate, termGroups: QuestionTerm[]): boolean {
    const uncovered = shareWeight(termGroups, (i) => (first.credits[i]! === 0 && second.credits[i]! === 0 ? termGroups[i]!.weight : 0));
    // "who takes minutes at the disruption meeting, and who writes the report?" asks about one
    // meeting: a part about another meeting (the stability meeting's minute taker) answers nothing of it
    const named = new Set(termGroups.flatMap((t) => t.group.filter((term) => NAMED_THING_TERMS.has(term))));
    const aboutAnotherThing = (part: Candidate) => {
      const titleNames = [...this.termsOfIndexedText(this.entries.get(part.id)?.title ?? '')].filter((term) => NAMED_THING_TERMS.has(term));
      return named.size > 0 && titleNames.length > 0 && titleNames.every((term) => !named.has(term));
    };
    if (aboutAnotherThing(first) || aboutAnotherThing(second)) return false;
    return [first, second].every((part) => {
      const covered = shareWeight(termGroups, (i) => part.credits[i]!);
      return covered / (covered + uncovered || 1) >= this.minConfidence;
    });
  }

  /**
   * Whether an entry or passage holds the kind of figure asked for, about what is asked: the figure
   * must sit in a statement (the headline, one step, or a passage) that shares a word of the
   * question's topic. "How many days does the HoS have to approve a move" is not answered by an
   * entry whose only days are for the placement plan.
   */
  private holds(id: string, figure: FigureAsked, question: string, termGroups: QuestionTerm[], askingTerms: Set<string>): boolean {
    const entry = this.entries.get(id);
    const statements = entry ? [entry.answer, ...entry.steps.map((s) => `${s.who} ${s.what} ${s.when ?? ''}`)] : [this.passages.get(id)?.text ?? ''];
    // the words that name the kind of figure (days, a code) say what is asked for, not about what
    const unitTerms = figure === 'code' ? CODE_TERMS : NOT_TIMESCALE_TOPIC;
    // what only a further question after the figure names is that question's ("further PPMs - how
    // often, and who decides?": deciding is not what the figure is about)
    const further = this.furtherQuestionTerms(question);
    const wholeTopic = termGroups.filter((t) => !t.incidental && !t.group.some((term) => unitTerms.has(term)) && !further.has(t.group.join('|')));
    // the figure is about what the asking clause names ("... carer has nothing from us yet. how long
    // have I got to get the plan agreed?"): the case told before it is not the figure's topic
    // (a meeting or plan named before it is what "it" refers to: "disruption mtg - what's the latest it can be held?")
    const asked = wholeTopic.filter((t) => namesSomething(t) || t.group.some((term) => askingTerms.has(term)));
    const topic = asked.length > 0 ? asked : wholeTopic;
    const topicWeight = topic.reduce((sum, t) => sum + t.weight, 0);
    const title = entry?.title ?? this.passages.get(id)?.section ?? '';
    // a step must itself be about what is asked: the entry's title shares the question's words
    // whatever the step's figure is for ("how quickly do the stability meeting minutes go out?" is
    // not answered by booking the review date at the meeting). The headline sums up the whole entry,
    // so it is read with its title, item by item when it lists several steps ("hold the PPM (within
    // 72 hours), ..., code the move" gives no days for coding); what comes before a colon frames
    // every item ("For an emergency placement: ..."). A passage is read whole, with its heading.
    const [headline = '', ...steps] = statements;
    const framed = /^([^:]{0,60}):\s+(.*)$/.exec(headline);
    const [frame, list] = framed ? [framed[1]!, framed[2]!] : ['', headline];
    const parts = [...(entry ? listedItems(list).map((item) => `${title} ${frame} ${item}`) : [`${title} ${headline}`]), ...steps];
    return parts.some((statement) => {
      if (!holdsFigure(figure, statement, question)) return false;
      if (topicWeight === 0) return true;
      const terms = this.termsOfIndexedText(statement);
      const covered = topic.reduce((sum, t) => sum + (t.group.some((term) => terms.has(term)) ? t.weight : 0), 0);
      return covered / topicWeight >= FIGURE_TOPIC_SHARE;
    });
  }

  /** The terms only a further question after a figure asked for names (see questionAfterFigure). */
  private furtherQuestionTerms(question: string): Set<string> {
    const further = questionAfterFigure(question);
    if (!further) return new Set();
    const key = (group: readonly string[]) => group.join('|');
    const before = new Set(analyseQuery(this.speller.correct(question.slice(0, question.length - further.length))).map(key));
    return new Set(
      analyseQuery(this.speller.correct(further))
        .map(key)
        .filter((k) => !before.has(k)),
    );
  }

  /**
   * The terms only the reason given for the case holds ("... because the carer is going on
   * holiday"): why the case is as it is, not what is asked.
   */
  private reasonTerms(question: string): Set<string> {
    const parts = reasonClauses(question);
    if (!parts) return new Set();
    const key = (group: readonly string[]) => group.join('|');
    const main = new Set(analyseQuery(this.speller.correct(parts.rest)).map(key));
    return new Set(
      analyseQuery(this.speller.correct(parts.reasons))
        .map(key)
        .filter((k) => !main.has(k)),
    );
  }

  /**
   * "Planned move for Jess in 2 weeks, carers want to tell her tonight. who agrees how she's told?":
   * the numbers and units of time a message tells its case with say when things happened, not what
   * is asked, so they neither search nor count ("a week or two" in an allegation entry is no match).
   * Those in the asking clause stay ("is 72 hours right?").
   */
  private withoutCaseTimes(question: string, groups: readonly (readonly string[])[]): readonly (readonly string[])[] {
    const clause = caseFirstClause(question);
    if (!clause) return groups;
    const asked = new Set(analyseQuery(this.speller.correct(clause)).flat());
    const caseTime = (group: readonly string[]) => group.every((term) => /^\d+$/.test(term) || TIME_UNITS.has(term)) && !group.some((term) => asked.has(term));
    const kept = groups.filter((group) => !caseTime(group));
    return kept.length > 0 ? kept : groups;
  }

  /** The question's terms, each with how much it says about what is asked. */
  private questionTerms(groups: readonly (readonly string[])[], reasonOnly: Set<string> = new Set()): QuestionTerm[] {
    const seen = new Set<string>();
    const terms: QuestionTerm[] = [];
    for (const group of groups) {
      const key = group.join('|');
      if (seen.has(key)) continue;
      seen.add(key);
      const ubiquitous = group.every((term) => (this.documentFrequency.get(term) ?? 0) > this.documentCount * UBIQUITOUS_SHARE);
      const everyday = group.every((term) => this.isEverydayWord(term));
      const incidental = ubiquitous || group.every(isIncidentalTerm) || reasonOnly.has(key);
      const weight = Math.max(...group.map((term) => this.termWeight(term)));
      const fullWeight = Math.max(...group.map((term) => this.termWeight(term, true)));
      terms.push({ group, weight, fullWeight, incidental: incidental || everyday, ubiquitous, everyday: everyday && !incidental });
    }
    return terms;
  }

  /**
   * "who or what is LBR?", "what's an ECM?": letters the guidance never uses, asked about as such,
   * ask what they stand for, which only a statement spelling them out answers ("whats HARP?" may ask
   * what the panel does, which the guidance can say, so letters it uses are not asked this way).
   */
  private asksWhatUnknownLettersAre(question: string): boolean {
    const asked = /\b(?:what|who)(?:'s|s| is| are)\s+(?:an?\s+|the\s+)?([A-Z]{2,8})s?\s*\?/.exec(question);
    if (!asked) return false;
    return analyseQuery(asked[1]!).every((group) => group.every((term) => (this.documentFrequency.get(term) ?? 0) === 0));
  }

  /**
   * An everyday English word the guidance hardly uses ("meant", "worried"), or a function word of
   * general English ("within", "keep") however often it uses it: it says how the question is put,
   * not what it is about, so it counts only when a match holds it. Any other word the guidance
   * uses in several documents, or a practitioners' term the analyser knows, is content however
   * common it is in English.
   */
  private isEverydayWord(term: string): boolean {
    if (isAnalyserTerm(term)) return false;
    // a function word of general English ("within", "keep", "enough") says how the question is put
    // however often the guidance uses it; words of time ("before", "soon") say what figure is asked
    if (isGeneralFunctionWord(term) && !TIME_UNIT_TERMS.has(term)) return true;
    return isEverydayTerm(term) && (this.documentFrequency.get(term) ?? 0) <= RARE_IN_GUIDANCE;
  }

  /** The best matches in order, without the confidence cut-off (for evaluation and suggestions). */
  rank(question: string, limit = 3): RankedHit[] {
    const asked = this.speller.correct(question.slice(0, MAX_QUESTION_LENGTH));
    return this.rawSearch(analyseQuery(asked))
      .slice(0, limit)
      .map((r) => ({ ...this.topicRef(r.id), kind: this.entries.has(r.id) ? 'entry' : 'passage', score: round(r.score) }));
  }

  getEntry(id: string): GuidanceEntry | undefined {
    return this.entries.get(id);
  }

  getPassage(id: string): CouncilPassage | undefined {
    return this.passages.get(id);
  }

  /** All pack entries, in pack order. */
  listEntries(): GuidanceEntry[] {
    return [...this.entries.values()];
  }

  get passageCount(): number {
    return this.passages.size;
  }

  private rawSearch(termGroups: readonly (readonly string[])[]): SearchResult[] {
    // A repeated word should not count twice, so the query is the set of all alternatives.
    const terms = [...new Set(termGroups.flat())];
    if (terms.length === 0) return [];
    // (a term asked for in its own right is not a second reading, even if also one)
    const secondReadings = new Set(termGroups.flatMap((group) => group.filter((term, i) => isSecondReading(group, i) && !termGroups.some((g) => g[0] === term))));
    return this.miniSearch.search(terms.join(' '), {
      tokenize: (text) => text.split(' '),
      boostDocument: (id) => (this.passages.has(id) ? this.passageBoost : 1),
      boostTerm: (term) => (secondReadings.has(term) ? SECOND_READING_WEIGHT : 1),
    });
  }

  /**
   * How much a question word says about what is asked: its rarity in the guidance. (Filler and
   * case detail are set aside in questionTerms.)
   */
  private termWeight(term: string, full = false): number {
    // a word the guidance never uses weighs as much as its rarest word: enough to refuse a
    // question about "mileage", not so much that one stray word sinks a right answer
    const df = this.documentFrequency.get(term) ?? 0;
    const weight = this.idfAt(Math.max(1, df));
    // One of the commonest words of English ("matter", "miles", "show") is a practitioner's
    // everyday wording more often than the topic, so it weighs less: when the guidance never uses
    // it, a little less than its rarest word (it may still be a topic the guidance lacks); when
    // the guidance does, however rarely, no more than a middling guidance word. Domain terms the
    // analyser maps are exempt.
    if (full || isAnalyserTerm(term) || englishRank(term) >= COMMON_ENGLISH_RANK) return weight;
    return df === 0 ? weight * COMMON_UNKNOWN_WEIGHT : Math.min(weight, COMMON_WORD_MAX_WEIGHT);
  }

  /**
   * Leaves out the words that are most likely a person's name: capitalised inside the sentence
   * ("before moving Jayden Smith?") and unknown to the guidance. A worker naturally names the child,
   * and an unknown word otherwise weighs heavily against an answer. Acronyms (IRO, LADO) and words
   * the guidance knows keep their weight; so does an unknown lower-case word ("mileage"), which is
   * what keeps questions the guidance does not cover unanswered.
   */
  private withoutNames(question: string, { keepPlaces = false } = {}): string {
    // a word of a phrase the analyser knows ("Head" of Service, "Virtual" School) is no name
    const names = [...probableNames(question), ...lowerCaseNames(question)].filter(
      (name) => !ANALYSER_WORDS.has(name.toLowerCase()) && analyse(name).every((term) => !this.documentFrequency.has(term)) && !(keepPlaces && PLACES.has(name.toLowerCase())),
    );
    if (names.length === 0) return question;
    const namePattern = new RegExp(`(?<![\\p{L}-])(?:${names.map(escapeRegExp).join('|')})(?:['\u2019]s)?(?![\\p{L}-])`, 'gu');
    const rest = question.replace(namePattern, ' ');
    return /\p{L}/u.test(rest) ? rest : question;
  }

  private idf(term: string): number {
    return this.idfAt(this.documentFrequency.get(term) ?? 0);
  }

  private idfAt(df: number): number {
    return Math.log(1 + (this.documentCount - df + 0.5) / (df + 0.5));
  }

  private topicRef(id: string): TopicRef {
    const entry = this.entries.get(id);
    if (entry) return { id, title: entry.title };
    const passage = this.passages.get(id);
    return { id, title: passage ? `${passage.docTitle}: ${passage.section}` : id };
  }
}

export interface LoadGuidanceIndexOptions extends Omit<GuidanceIndexOptions, 'passages'> {
  /** Folder of the council's own documents; defaults to the GUIDANCE_DIR environment variable. */
  guidanceDir?: string;
}

/** Builds the index once at start-up, adding the council's documents when a folder is set. */
export async function loadGuidanceIndex(options: LoadGuidanceIndexOptions = {}): Promise<{ index: GuidanceIndex; councilDocs?: CouncilDocsResult }> {
  const dir = options.guidanceDir ?? process.env.GUIDANCE_DIR;
  const councilDocs = dir ? await loadCouncilDocs(dir) : undefined;
  const index = new GuidanceIndex({ ...options, passages: councilDocs?.passages });
  return { index, councilDocs };
}

function entryToDoc(entry: GuidanceEntry): IndexedDoc {
  return {
    id: entry.id,
    title: entry.title,
    questions: entry.questions.join('\n'),
    askedAs: (entry.askedAs ?? []).join('\n'),
    answer: entry.answer,
    steps: entry.steps.map((s) => `${s.who}: ${s.what}${s.when ? ` (${s.when})` : ''}`).join('\n'),
    body: '',
    docTitle: '',
    rules: entry.rules.join(' '),
  };
}

function passageToDoc(passage: CouncilPassage): IndexedDoc {
  return {
    id: passage.id,
    title: passage.section,
    questions: '',
    askedAs: '',
    answer: '',
    steps: '',
    body: passage.text,
    docTitle: passage.docTitle,
    rules: '',
  };
}

/** First sentence or two of a passage, on one line, for the headline answer. */
function summarise(text: string, maxLength = 300): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  if (flat.length <= maxLength) return flat;
  const sentences = flat.match(/[^.!?]+[.!?]+(\s|$)/g) ?? [];
  let summary = '';
  for (const sentence of sentences) {
    if ((summary + sentence).length > maxLength) break;
    summary += sentence;
  }
  return summary.trim() || `${flat.slice(0, maxLength - 1).trimEnd()}\u2026`;
}

/** Words of a question about what the statutory returns count or code (which the national definitions answer). */
const ASKS_OF_THE_RETURNS =
  /\b(?:counts?|counted|counting|codes?|coded|coding|stats?|statistics|figures?|measures?|indicators?|903|ssda903|returns?|reason|reported|reporting|pi|kpi|data)\b/i;

/** Nations, counties and large towns of the UK: another council's area, when a question names one. */
const PLACES = new Set(
  'england wales welsh scotland scottish ireland essex kent surrey sussex norfolk suffolk devon cornwall yorkshire lancashire cumbria durham hampshire hertfordshire herts berkshire oxfordshire cheshire derbyshire nottinghamshire notts nottingham leicestershire lincolnshire somerset dorset wiltshire gloucestershire shropshire staffordshire warwickshire worcestershire northumberland northamptonshire cambridgeshire bedfordshire buckinghamshire rutland london birmingham manchester leeds bristol liverpool sheffield newcastle coventry derby croydon'.split(
    ' ',
  ),
);

function round(n: number): number {
  return Math.round(n * 1000) / 1000;
}

/**
 * Capitalised words (not all capitals) inside a sentence, a sentence's first word when it is
 * possessive ("Mia's carer...") or no English word ("Ibrahim is ..."), and any capitalised word
 * followed by an age ("Ellie (7) is moving", "Lily is 7"): where a question names someone.
 */
export function probableNames(text: string): string[] {
  // (an age after the word names a child: "Ellie (7)", "Lily is 7", "Jack, 14,", "Mia 9yo")
  const names: string[] = [
    ...text.matchAll(
      /(\p{Lu}\p{Ll}+)(?:\s*\(\s*\d{1,2}\s*(?:yo|y\/o|yrs?)?\s*\)|\s+(?:is|was|aged|who is|who's)\s+\d{1,2}\b(?!\s*(?:hours?|hrs?|days?|weeks?|wks?|months?|miles?|mins?|minutes?|am|pm|%|:|\.\d))|,\s*\d{1,2}\s*(?:yo|y\/o)?\s*,|\s+\d{1,2}\s*(?:yo|y\/o)\b)/gu,
    ),
  ].map((m) => m[1]!);
  for (const sentence of text.split(/[.?!]+\s*/)) {
    const words = sentence.split(/[\s,;:()"]+/).filter(Boolean);
    words.forEach((word, position) => {
      const bare = word.replace(/['\u2019]s$/, '');
      // a sentence's first word is capitalised anyway: a name there only when it is no English word ("Ibrahim is ...")
      if ((position > 0 || bare !== word || !isEnglishWord(bare.toLowerCase())) && /^\p{Lu}\p{Ll}+(?:-\p{Lu}\p{Ll}+)*$/u.test(bare)) names.push(bare);
    });
  }
  return [...new Set(names)];
}

const escapeRegExp = (text: string): string => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
