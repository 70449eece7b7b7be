// Pressing only what a person was given. An end-to-end test presses a button by its title on a card
// the pressing user RECEIVED in that test (sent to their chat, updated there, or put in place of
// the card they pressed); if no such card has that button, the press is refused and the test fails.
// So a dead end, a step nobody's card offers, fails a test instead of being posted around.
import { cardActions, cardText } from './cardContent';

export interface ReceivedCard {
  /** The message the card is in: pressing a button on it answers that message. */
  messageId: string;
  card: any;
}

/** One version of a message's card, in the order the user saw them. */
export interface CardVersion {
  messageId: string;
  card: any;
}

/** The latest version of every card, newest message first. */
export function latestCards(versions: CardVersion[]): ReceivedCard[] {
  const latest = new Map<string, any>();
  const order: string[] = [];
  for (const v of versions) {
    if (!v.card) continue;
    if (!latest.has(v.messageId)) order.push(v.messageId);
    latest.set(v.messageId, v.card);
  }
  return order.reverse().map((messageId) => ({ messageId, card: latest.get(messageId) }));
}

/** The ids of a card's inputs. */
export function inputIds(card: unknown): Set<string> {
  const ids = new Set<string>();
  const walk = (node: unknown) => {
    if (Array.isArray(node)) node.forEach(walk);
    else if (node && typeof node === 'object') {
      const n = node as Record<string, unknown>;
      if (typeof n.type === 'string' && n.type.startsWith('Input.') && typeof n.id === 'string') ids.add(n.id);
      Object.values(n).forEach(walk);
    }
  };
  walk(card);
  return ids;
}

export interface ButtonChoice {
  /** Only cards whose text includes this (e.g. the request's reference). */
  on?: string;
}

/**
 * The newest received card with a button titled `title` (and, with `on`, saying that), with the
 * data the press sends: the button's own data and the values typed into the card's inputs. Throws
 * when no received card offers it, or when an input is given that the card does not have.
 */
export function findReceivedButton(who: string, cards: ReceivedCard[], title: string, inputs: Record<string, unknown>, choice: ButtonChoice = {}) {
  const found = cards.find((c) => cardActions(c.card).has(title) && (!choice.on || cardText(c.card).includes(choice.on)));
  if (!found) {
    const offered = cards.map((c) => `${cardText(c.card).split('\n')[0]}: ${[...cardActions(c.card).keys()].join(', ') || '(no buttons)'}`);
    throw new Error(`${who} received no card with a "${title}" button${choice.on ? ` saying "${choice.on}"` : ''}. Cards received:\n  ${offered.join('\n  ') || '(none)'}`);
  }
  const ids = inputIds(found.card);
  const unknown = Object.keys(inputs).filter((k) => !ids.has(k));
  if (unknown.length > 0) throw new Error(`the card with "${title}" has no input ${unknown.join(', ')} for ${who} to fill in`);
  const action = cardActions(found.card).get(title)!;
  return { messageId: found.messageId, verb: action.verb, data: { ...inputs, ...action.data } };
}
