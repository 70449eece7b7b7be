// What a card may show, decided once, at rendering time, from where it is shown and to whom.
//
// A channel, a group chat and a meeting chat are shared: everyone in them reads the card. There a
// card carries case references and structured facts only: never a child's name or date of birth,
// never text a worker typed (rationale, safeguarding issue, alert description, comments, outcomes).
// In a person's own chat with the bot, the child's name is shown to those the permission table lets
// see it, and free text is shown as plain text (see plainText). Every card builder asks this object
// rather than deciding for itself.
import type { Child, Person } from '../domain/people';
import { may } from '../domain/permissions';
import { plainText } from './plainText';

/** Who reads a card, and whether the conversation it is shown in is shared. */
export interface Reader {
  person: Person | null;
  /** A channel, group chat or meeting chat: anything but the person's own chat with the bot. */
  shared: boolean;
}

export interface Disclosure {
  readonly shared: boolean;
  /** May the child's name be shown? */
  readonly showName: boolean;
  /** "CR-1001 (Jamie Example)" where the name may be shown, else "CR-1001". */
  childLabel(caseRef: string): string;
  /** "Jamie Example (CR-1001)" where the name may be shown, else "CR-1001": a request's headline, "PM-2026-0001 for …". */
  childNamed(caseRef: string): string;
  /** Someone's name who is not on the roster (a carer, a parent): as the child's name. */
  privateName(name: string | null | undefined): string | null;
  /** Text a worker typed, as plain text; null in a shared conversation. */
  freeText(text: string | null | undefined): string | null;
  /** In a shared conversation, where the full card is; otherwise null. */
  readonly whereFull: string | null;
}

export const WHERE_FULL =
  'This is a shared conversation, so this card shows case references and facts only. The full card, with the names and what people wrote, is in your own chat with the bot.';

export function disclosureFor(reader: Reader, child: Child | null): Disclosure {
  const shared = reader.shared;
  const showName = !shared && !!child && may(reader.person, "see the child's name", { child });
  return {
    shared,
    showName,
    childLabel: (caseRef) => (showName && child ? `${caseRef} (${plainText(child.name)})` : caseRef),
    childNamed: (caseRef) => (showName && child ? `${plainText(child.name)} (${caseRef})` : caseRef),
    privateName: (name) => (showName && name ? plainText(name) : null),
    freeText: (text) => (shared || text === null || text === undefined ? null : plainText(text)),
    whereFull: shared ? WHERE_FULL : null,
  };
}

/**
 * A form sent back for correction replaces the card it was sent from, for everyone in the
 * conversation. In a shared one it keeps the choices, dates and case references (so only the
 * typed answers need entering again) and leaves out what the worker typed (`typed` fields), which
 * would otherwise be shown to the whole chat. A worker in a group chat would rather retype a
 * paragraph than have it read by everyone there; their own chat keeps everything.
 */
export function answersToShowAgain<T extends Record<string, string>>(values: T, typed: readonly string[], shared: boolean): { values: T; dropped: boolean } {
  if (!shared) return { values, dropped: false };
  const kept = { ...values };
  let dropped = false;
  for (const field of typed) {
    if (kept[field]) dropped = true;
    (kept as Record<string, string>)[field] = '';
  }
  return { values: kept, dropped };
}

/** Said on a form sent back in a shared conversation when typed answers were left out. */
export const TYPED_NOT_SHOWN = 'What you typed is not shown again in a shared conversation: type it again, or use the form in your own chat with the bot.';

/** Child choices in a picker: "CR-1001: Jamie Example" in a personal chat, the case reference alone in a shared one. */
export function childChoices(children: Child[], shared: boolean): Array<{ title: string; value: string }> {
  return children.map((c) => ({ title: shared ? c.caseRef : `${c.caseRef}: ${plainText(c.name)}`, value: c.caseRef }));
}
