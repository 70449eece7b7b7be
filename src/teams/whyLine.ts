// Rule ids (MOVE-1, "Meetings table, 003") are for the people who build and audit the bot. A card for
// practitioners says the rule in words and keeps the ids in one small line beneath it, made here.

/** "Why: MOVE-1, MOVE-2" for a subtle line under the words; '' when there are no ids. */
export function whyLine(ruleIds: readonly string[] | string): string {
  const ids = (typeof ruleIds === 'string' ? [ruleIds] : [...ruleIds]).filter((id) => id.trim() !== '');
  return ids.length === 0 ? '' : `Why: ${[...new Set(ids)].join(', ')}`;
}

/** A bracket that holds only rule ids: "(MOVE-4)", "(MOVE-4; Meetings table, 001)", "(Meetings table, 003/001)". */
const IDS_IN_BRACKETS = /\s*\(((?:[A-Z]{2,6}-\d+|Meetings table)[^()]*)\)/g;

/**
 * Text written with its rule ids in brackets (as the domain's reasons are), split into the words
 * and the "why" line: "The Virtual School takes part (MOVE-4; Meetings table, 001)." becomes
 * "The Virtual School takes part." and "Why: MOVE-4; Meetings table, 001".
 */
export function splitWhy(text: string): { text: string; why: string } {
  const ids: string[] = [];
  const words = text.replace(IDS_IN_BRACKETS, (_all, inside: string) => {
    ids.push(inside.trim());
    return '';
  });
  return { text: words.trim(), why: whyLine(ids) };
}
