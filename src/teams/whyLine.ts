// Rule ids (MOVE-1, "Meetings table, 003") are for the people who build and audit the bot. A card for
// practitioners says the rule in words and keeps the ids in one small line beneath it, made here.
import { splitRuleIds } from '../domain/ruleIds';

/** "Why: MOVE-1, MOVE-2" for a subtle line under the words; '' when there are no ids. */
export function whyLine(ruleIds: readonly string[] | string): string {
  const ids = (typeof ruleIds === 'string' ? [ruleIds] : [...ruleIds]).filter((id) => id.trim() !== '');
  return ids.length === 0 ? '' : `Why: ${[...new Set(ids)].join(', ')}`;
}

/**
 * Text written with its rule ids in brackets (as the domain's reasons are, see domain/ruleIds.ts),
 * split into the words and the "why" line: "The Virtual School takes part (MOVE-4; Meetings table,
 * 001)." becomes "The Virtual School takes part." and "Why: MOVE-4; Meetings table, 001".
 */
export function splitWhy(text: string): { text: string; why: string } {
  const { words, ids } = splitRuleIds(text);
  return { text: words, why: whyLine(ids) };
}
