// Questions practitioners have asked before, each known to be covered by the guidance or not.
//
// The development sets (test/guidance/heldout: questions written by helpers who never saw the code
// or the pack, each labelled by whether the five documents answer it) hold near misses that come
// back in the same words from other writers: whether respite counts as a move, which reason code
// fits a resignation, what the reporting date is. Their words overlap a covered entry's so well
// that the coverage rule answers them. When a new question is a close twin of such a near miss,
// closer than to any covered question, the guidance is taken not to answer it either.
//
// Measured by leaving each development set out of what is known while it is asked (so no
// question meets itself): 22 fewer of 1,476 near misses answered, 5 fewer of 3,067 right answers.
//
// The sets' writers judged against the five documents only; an entry whose answer rests on the national
// data definitions (the project's domain notes, cited first: SSDA903 reason codes, what counts as a move)
// answers questions they could not, so such an answer is never withdrawn for a twin. An entry that leads
// with the documents and cites the definitions after them (how stability is measured) is judged like any
// other: "does a respite weekend count as a move?" is not what it answers.
//
// Each covered question carries the pack entries that hold every fact its writer required (when
// many do, those citing the document its writer took it from; see answeringEntries). What
// the covered questions close to a new one were answered by, and the words each entry's questions
// use, are read by the choice model (knownQuestionModels.ts) among the entries the search matched:
// "once a move is agreed, does anything have to happen on LL straight away?" is ranked nearest
// urgent moves, while questions like it were answered by coding the move.
//
// The list is built from the development sets by `npm run guidance:known-questions`; a test checks
// that it is up to date and holds no question of a test or checking set.
import knownQuestionsData from './knownQuestions.data.json';
import type { FigureAsked } from './question';

export interface KnownQuestion {
  question: string;
  /** Whether the guidance answers it (the set's writer checked it against the five documents). */
  covered: boolean;
  /** The development set it comes from, so an evaluation can leave a set's own questions out. */
  set: string;
  /** Of a covered question, the pack entries that hold every fact its writer required. */
  answeredBy?: readonly string[];
}

/** The list as stored: per development set, its covered questions (with the entries answering each) and its near misses. */
export type KnownQuestionsFile = Record<string, { covered: Array<{ question: string; answeredBy: string[] }>; notCovered: string[] }>;

function knownQuestionsFrom(file: KnownQuestionsFile): KnownQuestion[] {
  return Object.entries(file).flatMap(([set, { covered, notCovered }]) => [
    ...covered.map(({ question, answeredBy }) => ({ question, covered: true, set, answeredBy })),
    ...notCovered.map((question) => ({ question, covered: false, set })),
  ]);
}

/** The questions shipped with the project (from its development sets). */
export const KNOWN_QUESTIONS: readonly KnownQuestion[] = Object.freeze(knownQuestionsFrom(knownQuestionsData as KnownQuestionsFile));

// The three figures below were chosen by leaving each development set out in turn (see the header).
/** How close (cosine of rarity-weighted terms) a near miss must be to count as the question's twin. */
const TWIN_SIMILARITY = 0.55;
/** How much closer than any covered question it must be: a question between the two is left to the coverage rule. */
const TWIN_MARGIN = 0.09;
/** Of the words that make a twin a near miss (those the answering entry lacks), the share the question must hold. */
export const SHARED_GAP = 0.3;
/** How many of the closest near misses, and of the closest covered questions, are looked at. */
const NEIGHBOURS = 5;
/**
 * How close a covered question must be for the entries answering it to support them (see
 * entryEvidence). With 31 development sets known, more distant neighbours still say which entry is
 * meant: when the support decided alone, 0.3 answered 14 more development questions right than 0.5
 * (0.2 to 0.3 gained alike; 0.6 lost).
 */
const VOTER_SIMILARITY = 0.3;

/**
 * The words of the covered questions each entry answered, as a naive Bayes model of which entry a
 * question asks for (see entryEvidence): how much an unseen word counts for every entry (additive
 * smoothing). 0.3 did best when the model decided alone (smoothing of 1 or more gained little).
 */
const WORD_SMOOTHING = 0.3;

/** For each entry, how often each word comes in the covered questions it answered, and their total. */
interface WordsByEntry {
  counts: Map<string, Map<string, number>>;
  totals: Map<string, number>;
  vocabulary: number;
}

type TermVector = Map<string, number>;

/** How the search reads a question: the matcher compares questions as the search sees them. */
export interface QuestionAnalysis {
  termsOf: (question: string) => string[];
  figureOf: (question: string) => FigureAsked | null;
  /** Case detail and framing words, which say nothing of what is asked. */
  isIncidental: (term: string) => boolean;
  /**
   * Names the reading (a digest of what the search was built from): matchers whose readings share a
   * name read every question alike, so a process that builds many indexes (the tests, the
   * evaluation) analyses the known questions once per reading, not once per index.
   */
  readingName?: string;
}

interface BuiltMatcher {
  known: AnalysedKnownQuestion[];
  inverseFrequency: Map<string, number>;
  postings: Map<string, { questions: number[]; weights: number[] }>;
  wordsByEntry: WordsByEntry;
}

/** Matchers built, by list of known questions and reading name (read only once built). */
const BUILT = new WeakMap<readonly KnownQuestion[], Map<string, BuiltMatcher>>();

/** Readings of known questions by reading name, for the last few readings built. */
const SHARED_READINGS = new Map<string, Map<string, string[]>>();
const READINGS_KEPT = 4;

function sharedReadings(name: string): Map<string, string[]> {
  let readings = SHARED_READINGS.get(name);
  if (!readings) {
    if (SHARED_READINGS.size >= READINGS_KEPT) SHARED_READINGS.delete(SHARED_READINGS.keys().next().value!);
    readings = new Map();
    SHARED_READINGS.set(name, readings);
  }
  return readings;
}

interface AnalysedKnownQuestion extends KnownQuestion {
  vector: TermVector;
  figure: FigureAsked | null;
}

/**
 * Finds, among the known questions, the near miss a question is a twin of. Terms come from the
 * caller (the search's own analysis: spelling repaired, names and stopwords left out), so "resi"
 * and "residential home" meet as the search would see them. Built lazily: analysing a few thousand
 * questions takes about a second, paid by the first question that needs it (or by prepare()), and
 * once per process for indexes that read questions alike.
 */
export class KnownQuestionMatcher {
  private known: AnalysedKnownQuestion[] | null = null;
  private inverseFrequency = new Map<string, number>();
  /** For each term, the known questions holding it and its weight in each (only those can be close). */
  private postings = new Map<string, { questions: number[]; weights: number[] }>();
  /** The question being answered's nearest known questions (forgotten once it is answered: see forgetQuestion). */
  private lastNeighbours?: { question: string; neighbours: ReturnType<KnownQuestionMatcher['nearest']> };
  /** Reused between questions: a similarity per known question, zero between uses. */
  private scores: Float64Array | null = null;
  private wordsByEntry: WordsByEntry = { counts: new Map(), totals: new Map(), vocabulary: 0 };

  constructor(
    private readonly questions: readonly KnownQuestion[],
    private readonly analysis: QuestionAnalysis,
  ) {}

  /**
   * Whether the question is a twin of a known near miss. `answerNames` says whether the entry that
   * would answer names a term. A twin must share some of what makes it a near miss: of its words
   * the entry lacks ("form", "called" in "what's the LCS form for the initial support plan called?"),
   * the question must hold at least SHARED_GAP, so a bare "initial support plan?" is still answered.
   * A near miss asking for a figure ("how many days...") is a twin only of a question asking for the
   * same kind of figure: "do I update the plan before the review?" is answered though "how many days
   * before the review?" is not. With `gapNamed`, a near miss whose every word the entry names is no
   * one's twin. Only whether: the known question itself never leaves the matcher.
   */
  isTwinOfANearMiss(question: string, answerNames: (term: string) => boolean = () => false, { gapNamed = false } = {}): boolean {
    const known = this.build();
    if (known.length === 0) return false;
    const terms = this.analysis.termsOf(question);
    const { nearMisses, closestCovered } = this.neighboursOf(question, terms);
    const figure = this.analysis.figureOf(question);
    const asked = new Set(terms);
    return nearMisses.some(
      ({ i, similarity }) =>
        similarity >= TWIN_SIMILARITY &&
        similarity - closestCovered >= TWIN_MARGIN &&
        (known[i]!.figure === null || known[i]!.figure === figure) &&
        this.gapShared(known[i]!, asked, answerNames, gapNamed) >= SHARED_GAP,
    );
  }

  /**
   * Of the words that make a near miss one (those the answering entry does not name, as `answerNames`
   * tells, and not incidental), the share the question asks about too. When the entry names every
   * word of the near miss, what makes it one is how they are put together ("can HoS approval be by
   * email or does it have to be on LL?"): only a question asking all of it is its twin (1), and "do I
   * need HoS approval to move a child?" is not (0).
   */
  private gapShared(nearMiss: AnalysedKnownQuestion, asked: ReadonlySet<string>, answerNames: (term: string) => boolean, gapNamed = false): number {
    const gap = [...nearMiss.vector.keys()].filter((term) => !answerNames(term) && !this.analysis.isIncidental(term));
    if (gap.length === 0 && gapNamed) return 0;
    if (gap.length === 0) return [...nearMiss.vector.keys()].every((term) => asked.has(term) || this.analysis.isIncidental(term)) ? 1 : 0;
    return gap.filter((term) => asked.has(term)).length / gap.length;
  }

  /**
   * For each entry ranked for a question, what the known questions say of which one it asks for
   * (read by the choice model, knownQuestionModels.ts):
   * - support: each of the closest covered questions at least VOTER_SIMILARITY close gives its
   *   similarity, shared among the entries answering it (a question many entries answer says less
   *   of which one is meant);
   * - wordProbability: a naive Bayes model over the words of all the covered questions each entry
   *   answered, as a probability among the entries ranked (case detail and framing words are left
   *   out; a question answered by several entries counts a share to each);
   * - closest: how close the closest covered question it answered is, shared among the entries
   *   answering that question.
   * Near misses say nothing here. Only figures: no known question leaves the matcher.
   */
  entryEvidence(question: string, ranked: readonly string[]): Array<{ id: string; support: number; wordProbability: number; closest: number }> {
    const known = this.build();
    if (known.length === 0) return ranked.map((id) => ({ id, support: 0, wordProbability: 1 / ranked.length, closest: 0 }));
    const asked = this.analysis.termsOf(question);
    const { covered } = this.neighboursOf(question, asked);
    const wordProbability = this.wordProbabilities(asked, ranked);
    const closest = (id: string) =>
      Math.max(0, ...covered.filter(({ i }) => known[i]!.answeredBy?.includes(id)).map(({ i, similarity }) => similarity / known[i]!.answeredBy!.length));
    return ranked.map((id, k) => ({ id, support: this.supportFor(covered, id, VOTER_SIMILARITY), wordProbability: wordProbability[k]!, closest: closest(id) }));
  }

  /**
   * The support of covered neighbours for an entry: each at least `atLeast` close and answered by it
   * gives its similarity, shared among the entries answering it (a question many entries answer says
   * less of which one is meant).
   */
  private supportFor(covered: ReadonlyArray<{ i: number; similarity: number }>, entryId: string, atLeast = 0): number {
    return covered.reduce((sum, { i, similarity }) => {
      const answeredBy = this.known![i]!.answeredBy ?? [];
      return sum + (similarity >= atLeast && answeredBy.includes(entryId) ? similarity / answeredBy.length : 0);
    }, 0);
  }

  /** The word model's probability for each of the ranked entries, given the question's terms (see entryEvidence). */
  private wordProbabilities(asked: readonly string[], ranked: readonly string[]): number[] {
    const { counts, totals, vocabulary } = this.wordsByEntry;
    const terms = [...new Set(asked)].filter((term) => !this.analysis.isIncidental(term) && this.inverseFrequency.has(term));
    // (an entry no covered question was answered by reads as one of average size that never used the words)
    const averageTotal = totals.size === 0 ? 0 : [...totals.values()].reduce((a, b) => a + b, 0) / totals.size;
    const logLikelihood = (id: string) => {
      const words = counts.get(id) ?? new Map<string, number>();
      const total = (totals.get(id) ?? averageTotal) + WORD_SMOOTHING * vocabulary;
      return terms.reduce((sum, term) => sum + Math.log(((words.get(term) ?? 0) + WORD_SMOOTHING) / total), 0);
    };
    const logs = ranked.map(logLikelihood);
    const top = Math.max(...logs);
    const normaliser = logs.reduce((sum, l) => sum + Math.exp(l - top), 0);
    return logs.map((l) => Math.exp(l - top) / normaliser);
  }

  /**
   * How the known questions around a question read for an entry: how close the nearest known near
   * miss and the nearest covered question are, how much the closest covered questions support the
   * entry (each gives its similarity, shared among the entries answering it), and how much of what
   * makes the nearest near miss one (its words the entry does not name, as `answerNames` tells) the
   * question asks about too (see isTwinOfANearMiss).
   */
  neighbourhood(
    question: string,
    entryId: string,
    answerNames: (term: string) => boolean = () => false,
  ): { nearestNearMiss: number; nearestCovered: number; support: number; gapShared: number } {
    const known = this.build();
    if (known.length === 0) return { nearestNearMiss: 0, nearestCovered: 0, support: 0, gapShared: 0 };
    const terms = this.analysis.termsOf(question);
    const { nearMisses, covered, closestCovered } = this.neighboursOf(question, terms);
    const nearest = nearMisses[0] ? known[nearMisses[0].i]! : undefined;
    const gapShared = nearest ? this.gapShared(nearest, new Set(terms), answerNames) : 0;
    return { nearestNearMiss: nearMisses[0]?.similarity ?? 0, nearestCovered: closestCovered, support: this.supportFor(covered, entryId), gapShared };
  }

  /** Forgets the question being answered (its nearest known questions, kept while it was answered). */
  forgetQuestion(): void {
    this.lastNeighbours = undefined;
  }

  /**
   * The nearest known questions to a question (see nearest), kept while it is answered: the search
   * asks about one question several times (its twin, the choice of entry, its vouching, its withdrawal).
   */
  private neighboursOf(question: string, terms: string[]): ReturnType<KnownQuestionMatcher['nearest']> {
    if (this.lastNeighbours?.question !== question) this.lastNeighbours = { question, neighbours: this.nearest(this.vectorOf(terms)) };
    return this.lastNeighbours.neighbours;
  }

  /**
   * The NEIGHBOURS near misses and covered questions most similar to the vector, closest first (ties
   * by their order in the list), and the similarity of the closest covered question of all (cosine:
   * the vectors are unit length).
   */
  private nearest(vector: TermVector): {
    nearMisses: Array<{ i: number; similarity: number }>;
    covered: Array<{ i: number; similarity: number }>;
    closestCovered: number;
  } {
    const known = this.known!;
    const scores = (this.scores ??= new Float64Array(known.length));
    const touched: number[] = [];
    for (const [term, weight] of vector) {
      const postings = this.postings.get(term);
      if (!postings) continue;
      for (let p = 0; p < postings.questions.length; p++) {
        const i = postings.questions[p]!;
        if (scores[i] === 0) touched.push(i);
        scores[i] += weight * postings.weights[p]!;
      }
    }
    const closer = (a: { i: number; similarity: number }, b: { i: number; similarity: number }) => b.similarity - a.similarity || a.i - b.i;
    // the closest few, kept by a running selection
    const keepClosest = (list: Array<{ i: number; similarity: number }>, candidate: { i: number; similarity: number }) => {
      if (list.length === NEIGHBOURS && closer(candidate, list[NEIGHBOURS - 1]!) >= 0) return;
      list.push(candidate);
      list.sort(closer);
      if (list.length > NEIGHBOURS) list.pop();
    };
    const nearMisses: Array<{ i: number; similarity: number }> = [];
    const covered: Array<{ i: number; similarity: number }> = [];
    for (const i of touched) {
      const similarity = scores[i]!;
      scores[i] = 0;
      keepClosest(known[i]!.covered ? covered : nearMisses, { i, similarity });
    }
    return { nearMisses, covered, closestCovered: covered[0]?.similarity ?? 0 };
  }

  /** Analyses the known questions now rather than for the first question that needs them. */
  prepare(): void {
    this.build();
  }

  private build(): AnalysedKnownQuestion[] {
    if (this.known) return this.known;
    // the same questions read alike were analysed by another index of this process: share its work
    const name = this.analysis.readingName;
    const built = name ? BUILT.get(this.questions)?.get(name) : undefined;
    if (built) {
      ({ known: this.known, inverseFrequency: this.inverseFrequency, postings: this.postings, wordsByEntry: this.wordsByEntry } = built);
      return built.known;
    }
    const shared = name ? sharedReadings(name) : new Map<string, string[]>();
    const readingOf = (question: string) => {
      let reading = shared.get(question);
      if (!reading) shared.set(question, (reading = this.analysis.termsOf(question)));
      return reading;
    };
    const terms = this.questions.map((q) => readingOf(q.question));
    const documentFrequency = new Map<string, number>();
    for (const list of terms) for (const term of new Set(list)) documentFrequency.set(term, (documentFrequency.get(term) ?? 0) + 1);
    const count = terms.length;
    for (const [term, df] of documentFrequency) this.inverseFrequency.set(term, Math.log((count + 1) / (df + 1)) + 1);
    this.known = this.questions.map((q, i) => ({ ...q, vector: this.vectorOf(terms[i]!), figure: this.analysis.figureOf(q.question) }));
    this.known.forEach((k, i) => {
      for (const [term, weight] of k.vector) {
        const postings = this.postings.get(term) ?? { questions: [], weights: [] };
        postings.questions.push(i);
        postings.weights.push(weight);
        this.postings.set(term, postings);
      }
    });
    this.wordsByEntry = this.countWordsByEntry(this.known);
    if (name) {
      const byName = BUILT.get(this.questions) ?? new Map<string, BuiltMatcher>();
      if (byName.size >= READINGS_KEPT) byName.delete(byName.keys().next().value!);
      byName.set(name, { known: this.known, inverseFrequency: this.inverseFrequency, postings: this.postings, wordsByEntry: this.wordsByEntry });
      BUILT.set(this.questions, byName);
    }
    return this.known;
  }

  private countWordsByEntry(known: readonly AnalysedKnownQuestion[]): WordsByEntry {
    const counts = new Map<string, Map<string, number>>();
    const totals = new Map<string, number>();
    const vocabulary = new Set<string>();
    for (const question of known) {
      if (!question.covered || !question.answeredBy?.length) continue;
      const share = 1 / question.answeredBy.length;
      const terms = [...question.vector.keys()].filter((term) => !this.analysis.isIncidental(term));
      for (const id of question.answeredBy) {
        const words = counts.get(id) ?? new Map<string, number>();
        for (const term of terms) {
          words.set(term, (words.get(term) ?? 0) + share);
          vocabulary.add(term);
        }
        totals.set(id, (totals.get(id) ?? 0) + share * terms.length);
        counts.set(id, words);
      }
    }
    return { counts, totals, vocabulary: vocabulary.size };
  }

  /** Unit-length vector of sublinear term counts weighted by rarity among the known questions (a term none holds weighs as the rarest). */
  private vectorOf(terms: string[]): TermVector {
    const counts = new Map<string, number>();
    for (const term of terms) counts.set(term, (counts.get(term) ?? 0) + 1);
    const rarest = Math.log(this.questions.length + 1) + 1;
    const vector: TermVector = new Map();
    let norm = 0;
    for (const [term, n] of counts) {
      const weight = (1 + Math.log(n)) * (this.inverseFrequency.get(term) ?? rarest);
      vector.set(term, weight);
      norm += weight * weight;
    }
    norm = Math.sqrt(norm) || 1;
    for (const [term, weight] of vector) vector.set(term, weight / norm);
    return vector;
  }
}
