// Expanding a card template: the same template and data always give the same card, and each
// caller gets a card of its own to change (a route adds to it, the sender stamps it).
import { noticeCard, renderCard } from '../../src/teams/cards';

describe('renderCard', () => {
  test('the same template and data give equal cards, each a separate copy', () => {
    const first = noticeCard('Saved', 'Your request is with the Head of Service.');
    const second = noticeCard('Saved', 'Your request is with the Head of Service.');
    expect(second).toEqual(first);
    expect(second).not.toBe(first);

    (first.body as unknown[]).push({ type: 'TextBlock', text: 'added by one caller' });
    expect(JSON.stringify(noticeCard('Saved', 'Your request is with the Head of Service.'))).not.toContain('added by one caller');
  });

  test('different data gives a different card', () => {
    expect(JSON.stringify(noticeCard('Saved', 'One text.'))).toContain('One text.');
    expect(JSON.stringify(noticeCard('Saved', 'Another text.'))).toContain('Another text.');
    expect(JSON.stringify(renderCard('notice', { title: 'T', text: 'x', facts: [{ title: 'Case', value: 'CR-1001' }] }))).toContain('CR-1001');
  });
});
