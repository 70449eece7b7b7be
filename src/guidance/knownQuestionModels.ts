// How the questions asked before (the known questions) weigh in on an answer, beyond a twin of a
// known near miss (issue 13). Two logistic models, both fitted by `npm run guidance:fit-models` on
// the development sets only (each set read with its own questions left out of the known ones), and
// checked by leaving each set out of the fit in turn. Nothing here reads a test or checking set.
//
// Vouching. A long message telling a case is mostly words no entry holds, so its best match covers
// little of it even when it is the right one; a near miss covers little because the guidance lacks
// what it asks. What tells them apart best is the known questions around it: a covered question
// close by that the same entry answered, clearly closer than any known near miss. Fitted on the
// questions refused for coverage (answerable ones whose match held every required fact, against
// near misses): of 90 such answerable questions and 804 such near misses, 52 more answered right for
// 3 more near misses answered, each set judged by a fit without it (2026-12-07, 27 sets).
//
// Withdrawing. An answer the known questions around it speak against (a near miss closer than any
// covered question, little of the question covered, a short question) is withdrawn: the guidance
// does not say, and the entry is offered as the nearest topic. Fitted on the answers given (near
// misses answered, against answerable questions answered right), leaving out answers citing the
// national data definitions, which answer more than the five documents. Of 166 near misses answered
// and 4,036 answerable questions answered right, at this cut, each set judged by a fit without it: 6
// fewer near misses answered for 1 fewer right (2026-12-07, 27 sets). It speaks only where a near
// miss is closer than any covered question and the question asks about some of what makes it one.
//
// Choosing. Which of the pack entries among the search's first four matches answers a question the
// rules let through: a conditional logit over what the search read of each (its score, how much of
// the question and of its own title it covers, whether the rules chose it, whether it misses
// something named) and what the known questions say of it (KnownQuestionMatcher.entryEvidence: the
// closest covered questions' support, the word model, the closest covered question it answered).
// Fitted on the answerable development questions reaching the choice, the entries holding every
// required fact against the others. It replaced a vote of the closest covered questions and a word
// model, each overriding the rules on a clear margin alone. Of 5,339 such questions, the rules chose
// an entry holding the facts for 4,992 and the model, each set judged by a fit without it, for
// 5,114. Against the vote and the word model: on all development sets 26 more of 5,854 right and one
// near miss fewer; on two sets written after it was designed (dev34, dev35), 7 more of 400 right; 2
// fewer of the project's own 158 (2026-12-07, 38 sets). Candidates further down were tried: more
// right on the development sets, but "psm when??" went to who attends the meeting.

// (a withdrawal needs what a twin needs: the question asks about some of what makes the near miss one)
import { SHARED_GAP } from './knownQuestions';

/** What the model reads of a question refused for coverage. */
export interface VouchReading {
  /** The message as asked. */
  question: string;
  /** The entry that would answer. */
  entryId: string;
  /** The share of the question the match covers. */
  share: number;
  /** Similarity (0..1) of the nearest known covered question, and of the nearest known near miss. */
  nearestCovered: number;
  nearestNearMiss: number;
  /** The closest covered questions' support for the entry (see KnownQuestionMatcher.neighbourhood). */
  support: number;
}

/** The fitted weights (on the message's length as log(1 + words)). */
export const VOUCH_MODEL = { intercept: -11.149, share: 5.545, logWords: 3.209, coveredOverNearMiss: 15.265, support: 1.057 };
/** The model's score at or above which it vouches. */
export const VOUCH_CUT = 2.5;
/** How close a covered question must be to vouch at all. */
export const VOUCH_NEAREST_COVERED = 0.4;
/**
 * How far a near miss is read as, at most: a question no known near miss is near is far from
 * everything known, on topic or not ("where is the nearest printer" shares one word with a covered
 * question and none with any near miss).
 */
export const VOUCH_NEAR_MISS_FLOOR = 0.3;
/**
 * How much closer than any near miss the covered question must be, whatever the score: a long message
 * scores high on its length alone, and a near miss as close as the covered question says the case
 * could go either way.
 */
export const VOUCH_MARGIN = 0.05;
/** Words beyond these say no more. */
const VOUCH_MOST_WORDS = 60;

/** The model's inputs, in VOUCH_MODEL's order after the intercept. */
/** What both models read alike: the message's length as log(1 + words), and how much closer the covered question is than the near miss. */
function sharedFeatures(reading: VouchReading): { logWords: number; coveredOverNearMiss: number } {
  const words = Math.min(reading.question.trim().split(/\s+/).length, VOUCH_MOST_WORDS);
  return { logWords: Math.log1p(words), coveredOverNearMiss: reading.nearestCovered - Math.max(reading.nearestNearMiss, VOUCH_NEAR_MISS_FLOOR) };
}

export function vouchFeatures(reading: VouchReading): [share: number, logWords: number, coveredOverNearMiss: number, support: number] {
  const { logWords, coveredOverNearMiss } = sharedFeatures(reading);
  return [reading.share, logWords, coveredOverNearMiss, reading.support];
}

export function vouchScore(reading: VouchReading, model = VOUCH_MODEL): number {
  const [share, logWords, coveredOverNearMiss, support] = vouchFeatures(reading);
  return model.intercept + model.share * share + model.logWords * logWords + model.coveredOverNearMiss * coveredOverNearMiss + model.support * support;
}

/** Whether the known questions vouch for the match: some support, a covered question close enough and clearly closer than any near miss, and the model's score at the cut. */
export function vouchesFor(reading: VouchReading, model = VOUCH_MODEL, cut = VOUCH_CUT): boolean {
  const [, , coveredOverNearMiss] = vouchFeatures(reading);
  return reading.support > 0 && reading.nearestCovered >= VOUCH_NEAREST_COVERED && coveredOverNearMiss >= VOUCH_MARGIN && vouchScore(reading, model) >= cut;
}

/** What the withdrawing model reads of an answer given (its share is the answer's confidence). */
export interface WithdrawReading extends VouchReading {
  /**
   * Of the words that make the nearest near miss one (those the answer does not name), the share the
   * question asks about too (1 when there are none).
   */
  gapShared: number;
}

/**
 * The fitted weights (on the message's length as log(1 + words)). Refitted on 52 development sets once
 * more covered questions named the entries answering them: of 255 near misses answered and 8,048
 * answerable questions answered right, 14 fewer near misses for 1 fewer right, each set judged by a fit
 * without it (2026-12-07).
 */
export const WITHDRAW_MODEL = { intercept: 8.754, share: -3.151, logWords: -1.321, coveredOverNearMiss: -12.999, nearestNearMiss: -2.19, support: -0.037 };
/** The model's score at or above which the answer is withdrawn (kept high: a right answer lost costs as much as a near miss answered). */
export const WITHDRAW_CUT = 5;

export function withdrawFeatures(reading: WithdrawReading): [share: number, logWords: number, coveredOverNearMiss: number, nearestNearMiss: number, support: number] {
  const { logWords, coveredOverNearMiss } = sharedFeatures(reading);
  return [reading.share, logWords, coveredOverNearMiss, reading.nearestNearMiss, reading.support];
}

export function withdrawScore(reading: WithdrawReading, model = WITHDRAW_MODEL): number {
  const [share, logWords, coveredOverNearMiss, nearestNearMiss, support] = withdrawFeatures(reading);
  return (
    model.intercept +
    model.share * share +
    model.logWords * logWords +
    model.coveredOverNearMiss * coveredOverNearMiss +
    model.nearestNearMiss * nearestNearMiss +
    model.support * support
  );
}

/** Whether the known questions speak against the answer clearly enough to withdraw it. */
export function withdraws(reading: WithdrawReading, model = WITHDRAW_MODEL, cut = WITHDRAW_CUT): boolean {
  // (only a near miss closer than any covered question speaks against an answer: with no known
  // question near, nothing does)
  // and only when the question asks about some of what makes it a near miss, as for a twin: "wrap
  // around support package - who do we refer to?" is not the near miss "... referral form")
  return reading.nearestNearMiss > reading.nearestCovered && reading.gapShared >= SHARED_GAP && withdrawScore(reading, model) >= cut;
}

/** What is read of one entry ranked for a question, when the answering entry is chosen (see chosenEntry). */
export interface EntryChoiceCandidate {
  id: string;
  /** Its place among the search's matches (0 is the best score). */
  rank: number;
  /** Its score against the best match's. */
  scoreRatio: number;
  /** The share of the question it covers, with everyday words left out and counted in. */
  share: number;
  strictShare: number;
  /** How much of its own title the question asks about. */
  specificity: number;
  /** Whether the search's rules (near ties, a timescale asked for) chose it. */
  ruleChosen: boolean;
  /** Whether it is close in rank: scoring at least 0.6 of the best. */
  closeInRank: boolean;
  /** Whether it misses something the question names (a meeting, a plan, a body). */
  missesNamed: boolean;
  /** The closest covered known questions' support for it (KnownQuestionMatcher.entryEvidence). */
  support: number;
  /** The word model's probability for it among the entries read. */
  wordProbability: number;
  /** How close the closest covered known question it answered is (0 when none of the closest). */
  closest: number;
}

/** What is read when the answering entry is chosen: the pack entries among the search's first four matches, and the rules' choice. */
export interface EntryChoiceReading {
  question: string;
  candidates: EntryChoiceCandidate[];
}

/**
 * The fitted weights of the choice (a conditional logit: each entry's score is the weighted sum of
 * its features, and the highest scoring entry answers). Features read against the best of the
 * entries read are 0 for the best and negative for the rest.
 */
export const CHOICE_MODEL = {
  ruleChosen: 0.508,
  firstRanked: 0.438,
  scoreRatio: 1.19,
  shareBehindBest: 0.475,
  specificityBehindBest: 0.642,
  supportBehindBest: 0.342,
  supportShare: 1.634,
  logWordProbability: 0.306,
  likeliestByWords: 0.516,
  closestBehindBest: 0.461,
  missesNamed: -0.996,
  strictShareBehindBest: 1.248,
  closeInRank: 0.365,
};
type ChoiceFeatureName = keyof typeof CHOICE_MODEL;
/** The features' names, in the order choiceFeatures gives them. */
export const CHOICE_FEATURES = Object.keys(CHOICE_MODEL) as ChoiceFeatureName[];

/** Each candidate's features, in CHOICE_FEATURES order. */
export function choiceFeatures(reading: EntryChoiceReading): number[][] {
  const { candidates } = reading;
  const best = (of: (c: EntryChoiceCandidate) => number) => Math.max(...candidates.map(of));
  const [share, strictShare, specificity, support, wordProbability, closest] = [
    best((c) => c.share),
    best((c) => c.strictShare),
    best((c) => c.specificity),
    best((c) => c.support),
    best((c) => c.wordProbability),
    best((c) => c.closest),
  ];
  const totalSupport = candidates.reduce((sum, c) => sum + c.support, 0);
  return candidates.map((c) => {
    const features: Record<ChoiceFeatureName, number> = {
      ruleChosen: c.ruleChosen ? 1 : 0,
      firstRanked: c.rank === 0 ? 1 : 0,
      scoreRatio: c.scoreRatio,
      shareBehindBest: c.share - share,
      specificityBehindBest: c.specificity - specificity,
      supportBehindBest: c.support - support,
      // (its part of all the support given: a little support that is all there is says more than a little among much)
      supportShare: totalSupport === 0 ? 0 : c.support / totalSupport,
      // (floored: an entry whose questions never use a word is unlikely, not impossible)
      logWordProbability: Math.log(c.wordProbability + 1e-4),
      likeliestByWords: c.wordProbability === wordProbability ? 1 : 0,
      closestBehindBest: c.closest - closest,
      missesNamed: c.missesNamed ? 1 : 0,
      strictShareBehindBest: c.strictShare - strictShare,
      closeInRank: c.closeInRank ? 1 : 0,
    };
    return CHOICE_FEATURES.map((name) => features[name]);
  });
}

/** Each candidate's score under the choice model. */
export function choiceScores(reading: EntryChoiceReading, model: Record<ChoiceFeatureName, number> = CHOICE_MODEL): number[] {
  const weights = CHOICE_FEATURES.map((name) => model[name]);
  return choiceFeatures(reading).map((features) => features.reduce((sum, value, j) => sum + value * weights[j]!, 0));
}

/** The entry the choice model picks (the first of equal scores, as ranked). */
export function chosenEntry(reading: EntryChoiceReading, model: Record<ChoiceFeatureName, number> = CHOICE_MODEL): string {
  const scores = choiceScores(reading, model);
  const best = scores.reduce((b, score, k) => (score > scores[b]! ? k : b), 0);
  return reading.candidates[best]!.id;
}
