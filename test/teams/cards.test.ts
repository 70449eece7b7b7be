// Expanding a card template: the same template and data always give the same card, and each
// caller gets a card of its own to change (a route adds to it, the sender stamps it).
import { keptExpansionsHold, noticeCard, renderCard, typedTextPlaceholder } from '../../src/teams/cards';
import { guidanceAnswerCard } from '../../src/teams/guidanceCards';

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

describe('words a person typed are never kept with the expanded cards', () => {
  const notCovered = (question: string) => ({ question, found: false as const, score: 0, confidence: 0, suggestions: [] });

  test('a guidance answer shows the question back, and no kept card holds it', () => {
    const question = 'Kayden Smith (11) keeps running off from his carers - what now?';
    const card = guidanceAnswerCard(notCovered(question));
    expect(JSON.stringify(card)).toContain('Kayden Smith (11)');
    expect(keptExpansionsHold('Kayden Smith')).toBe(false);
  });

  test('one kept card serves two wordings, each shown its own', () => {
    const first = JSON.stringify(guidanceAnswerCard(notCovered('what is the rota for "Zara"?')));
    const second = JSON.stringify(guidanceAnswerCard(notCovered('what is the rota for Amir?')));
    expect(first).toContain('what is the rota for \\"Zara\\"?');
    expect(first).not.toContain('Amir');
    expect(second).toContain('what is the rota for Amir?');
    expect(second).not.toContain('Zara');
  });

  test('typed words cannot stand in for a placeholder', () => {
    const sly = `${typedTextPlaceholder('asked question')} and more`;
    const card = JSON.stringify(guidanceAnswerCard(notCovered(sly)));
    expect(card).not.toContain('\u2063');
  });
});
