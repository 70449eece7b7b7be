// Every input with a limit the Teams client checks (isRequired, min, max, maxLength, regex) has an errorMessage:
// without one, Teams refuses the submission and says nothing, so the button seems to do nothing
// (found with a future "when the signs were noticed" date on "Raise the concern").
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';

const CARDS_DIR = path.join(__dirname, '..', '..', 'cards');
const LIMITS = ['isRequired', 'min', 'max', 'maxLength', 'regex'] as const;

/** Each input element of a card template with a client-side limit but no errorMessage, as "id (limit)". */
function inputsWithoutMessage(node: unknown, found: string[] = []): string[] {
  if (Array.isArray(node)) node.forEach((n) => inputsWithoutMessage(n, found));
  else if (node && typeof node === 'object') {
    const n = node as Record<string, unknown>;
    if (typeof n.type === 'string' && n.type.startsWith('Input.')) {
      const limits = LIMITS.filter((l) => n[l] !== undefined && n[l] !== false && n[l] !== '');
      if (limits.length > 0 && (typeof n.errorMessage !== 'string' || n.errorMessage.trim() === '')) found.push(`${String(n.id)} (${limits.join(', ')})`);
    }
    Object.values(n).forEach((v) => inputsWithoutMessage(v, found));
  }
  return found;
}

describe('every input with a client-side limit has an error message', () => {
  const templates = readdirSync(CARDS_DIR).filter((f) => f.endsWith('.json'));

  test('the walk finds the card templates', () => {
    expect(templates.length).toBeGreaterThan(5);
  });

  test.each(templates)('%s', (file) => {
    expect(inputsWithoutMessage(JSON.parse(readFileSync(path.join(CARDS_DIR, file), 'utf8')))).toEqual([]);
  });

  test('the walk does catch an input with a limit and no message', () => {
    expect(
      inputsWithoutMessage({
        body: [
          { type: 'Input.Date', id: 'd', max: '2026-01-01' },
          { type: 'Input.Text', id: 't', isRequired: true, errorMessage: 'Say it.' },
          { type: 'Input.Text', id: 'long', maxLength: 4000 },
        ],
      }),
    ).toEqual(['d (max)', 'long (maxLength)']);
  });
});
