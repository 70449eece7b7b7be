// Rule ids (MOVE-1, "Meetings table, 003") in the domain's reasons. A reason is written once, with
// the ids of its rules in brackets after the words ("The Virtual School takes part (MOVE-4; Meetings
// table, 001)."), so that its wording and its source stay together. Where a person reads it, the
// words go without the brackets; a card shows the ids in its small "Why:" line (teams/whyLine.ts).

/** A bracket that holds only rule ids: "(MOVE-4)", "(MOVE-4; Meetings table, 001)", "(Meetings table, 003/001)". */
const IDS_IN_BRACKETS = /\s*\(((?:[A-Z]{2,6}-\d+|Meetings table)[^()]*)\)/g;

/** The words of a reason and the rule ids bracketed in it, in order. */
export function splitRuleIds(text: string): { words: string; ids: string[] } {
  const ids: string[] = [];
  const words = text.replace(IDS_IN_BRACKETS, (_all, inside: string) => {
    ids.push(inside.trim());
    return '';
  });
  return { words: words.trim(), ids };
}

/** A reason as a person reads it: the words, without the bracketed rule ids. */
export const withoutRuleIds = (text: string): string => splitRuleIds(text).words;
