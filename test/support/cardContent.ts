// What a card says and offers, read as a person would: its text, and its buttons.

/** The text of every TextBlock and fact in a card, for assertions that read like what a person sees. */
export function cardText(card: unknown): string {
  const parts: string[] = [];
  const walk = (node: unknown) => {
    if (Array.isArray(node)) node.forEach(walk);
    else if (node && typeof node === 'object') {
      const n = node as Record<string, unknown>;
      if (typeof n.text === 'string') parts.push(n.text);
      if (typeof n.title === 'string' && typeof n.value === 'string') parts.push(`${n.title}: ${n.value}`);
      if (typeof n.title === 'string' && typeof n.type === 'string' && n.type.startsWith('Action.')) parts.push(`[${n.title}]`);
      Object.values(n).forEach(walk);
    }
  };
  walk(card);
  return parts.join('\n');
}

/** The Action.Execute buttons of a card: title -> { verb, data }. */
export function cardActions(card: unknown): Map<string, { verb: string; data: Record<string, unknown> }> {
  const actions = new Map<string, { verb: string; data: Record<string, unknown> }>();
  const walk = (node: unknown) => {
    if (Array.isArray(node)) node.forEach(walk);
    else if (node && typeof node === 'object') {
      const n = node as Record<string, unknown>;
      if (n.type === 'Action.Execute') actions.set(String(n.title), { verb: String(n.verb), data: (n.data as Record<string, unknown>) ?? {} });
      Object.values(n).forEach(walk);
    }
  };
  walk(card);
  return actions;
}
