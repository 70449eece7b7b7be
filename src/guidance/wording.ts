// How an answer is introduced, the same on a Teams card and in `psb ask`.
import type { GuidanceAnswer, TopicRef } from './types';

/** "The nearest guidance is on ...", saying first when the guidance gives no figure for what was asked. */
export function nearestLead(answer: Pick<GuidanceAnswer, 'notFoundReason'>, nearest: TopicRef): string {
  const lead = `The nearest guidance is on "${nearest.title}".`;
  return answer.notFoundReason === 'no-figure' ? `The guidance does not say. ${lead}` : lead;
}
