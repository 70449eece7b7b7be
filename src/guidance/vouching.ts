// Whether the questions asked before vouch for a match that covers too little of a question
// (issue 13). A long message telling a case is mostly words no entry holds, so its best match covers
// little of it even when it is the right one; a near miss covers little because the guidance lacks
// what it asks. What tells them apart best is the known questions around it: a covered question
// close by that the same entry answered, clearly closer than any known near miss.
//
// The weights are a logistic model fitted by `npm run guidance:fit-vouching` on the development
// sets' questions refused for coverage (answerable ones whose match held every required fact,
// against near misses), each set read with its own questions left out of the known ones. Checked by
// leaving each set out of the fit in turn: at this cut, of 90 such answerable questions and 804 such
// near misses, 52 more answered right for 3 more near misses answered (2026-12-07, 27 development
// sets). Nothing here reads a test or checking set.

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
export function vouchFeatures(reading: VouchReading): [share: number, logWords: number, coveredOverNearMiss: number, support: number] {
  const words = Math.min(reading.question.trim().split(/\s+/).length, VOUCH_MOST_WORDS);
  return [reading.share, Math.log1p(words), reading.nearestCovered - Math.max(reading.nearestNearMiss, VOUCH_NEAR_MISS_FLOOR), reading.support];
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
