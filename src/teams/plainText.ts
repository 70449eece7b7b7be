// Text that people typed (or that came from a CSV), made safe to show in an Adaptive Card.
//
// Teams renders a TextBlock's and a fact's text as Markdown, so "[Open the plan](https://evil)"
// would show as a link whose address is hidden, and right-to-left override characters can make
// "moc.live//:sptth" read as something else. Every card builder passes such text through here:
// Markdown's link and emphasis characters are escaped (shown as typed), and the invisible
// direction-control characters are removed.

/** Bidirectional formatting characters (LRE..RLO, LRI..PDI, LRM, RLM, ALM) and zero-width joiners that can disguise text. */
const DIRECTION_CONTROLS = /[\u061C\u200B-\u200F\u202A-\u202E\u2060-\u2064\u2066-\u2069\uFEFF]/g;
/** Characters that make Markdown links (inline and <autolinks>), emphasis and code in Teams' renderer. */
const MARKDOWN = /[\\`*_[\]<>~]/g;

export function plainText(text: string): string {
  return text.replace(DIRECTION_CONTROLS, '').replace(MARKDOWN, (c) => `\\${c}`);
}
