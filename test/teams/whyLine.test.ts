// Rule ids are for the people who build and audit the bot: cards say the rule in words and keep the
// ids in one small "Why:" line.
import { splitWhy, whyLine } from '../../src/teams/whyLine';

describe('rule ids on practitioner cards: the rule in words, the ids in a small "why" line at most', () => {
  test('the why line lists each id once; no ids, no line', () => {
    expect(whyLine(['MOVE-1', 'MOVE-2', 'MOVE-1'])).toBe('Why: MOVE-1, MOVE-2');
    expect(whyLine('FRAG-5')).toBe('Why: FRAG-5');
    expect(whyLine([])).toBe('');
  });

  test.each([
    [
      'The Virtual School takes part when a placement is at risk (MOVE-4; Meetings table, 001).',
      { text: 'The Virtual School takes part when a placement is at risk.', why: 'Why: MOVE-4; Meetings table, 001' },
    ],
    [
      'An advocate for the child joins where appropriate (Meetings table, 003/001).',
      { text: 'An advocate for the child joins where appropriate.', why: 'Why: Meetings table, 003/001' },
    ],
    ['Hold it soon (FRAG-5), and book the review there (Meetings table, 003).', { text: 'Hold it soon, and book the review there.', why: 'Why: FRAG-5, Meetings table, 003' }],
    // Words in brackets stay: only brackets of ids move.
    ['Other placement options (required for urgent moves).', { text: 'Other placement options (required for urgent moves).', why: '' }],
  ])('%s', (text, expected) => {
    expect(splitWhy(text)).toEqual(expected);
  });
});
