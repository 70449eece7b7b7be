// The guidance answer card: valid Adaptive Card 1.5 with every binding filled and under the Teams
// size limit for every pack entry, and the right content for each kind of answer.
import { GuidanceIndex } from '../../src/guidance/search';
import type { CouncilPassage } from '../../src/guidance/types';
import { topicAnswer, type GuidanceReply } from '../../src/services/guidance';
import type { AdaptiveCard } from '../../src/teams/cards';
import { guidanceAnswerCard, guidanceEntryCard } from '../../src/teams/guidanceCards';

const MAX_CARD_BYTES = 28 * 1024;

const LONG_PASSAGE: CouncilPassage = {
  id: 'council:out-of-hours.md#evenings-and-weekends',
  file: 'out-of-hours.md',
  docTitle: 'Anytown Out of Hours Placement Procedure',
  section: 'Evenings and weekends',
  text: `When a child needs an emergency placement after 5pm or at a weekend, ring the Emergency Duty Team. ${'The duty senior decides on the placement and records the decision in the case file. '.repeat(40)}`,
};

const index = new GuidanceIndex({ passages: [LONG_PASSAGE] });

interface CardAction {
  type: string;
  verb?: string;
  title?: string;
  data?: Record<string, unknown>;
}

function walk(node: unknown, visit: (obj: Record<string, unknown>) => void): void {
  if (Array.isArray(node)) node.forEach((n) => walk(n, visit));
  else if (node && typeof node === 'object') {
    visit(node as Record<string, unknown>);
    Object.values(node).forEach((v) => walk(v, visit));
  }
}

function actions(card: AdaptiveCard, verb?: string): CardAction[] {
  const found: CardAction[] = [];
  walk(card, (obj) => {
    if (obj.type === 'Action.Execute' && (!verb || obj.verb === verb)) found.push(obj as unknown as CardAction);
  });
  return found;
}

function texts(card: AdaptiveCard): string[] {
  const found: string[] = [];
  walk(card, (obj) => {
    if (obj.type === 'TextBlock') found.push(String(obj.text));
  });
  return found;
}

function expectWellFormed(card: AdaptiveCard): void {
  const json = JSON.stringify(card);
  expect(card.type).toBe('AdaptiveCard');
  expect(card.version).toBe('1.5');
  expect(json).not.toContain('${');
  expect(json).not.toContain('$when');
  expect(json).not.toContain('$data');
  expect(Buffer.byteLength(json, 'utf8')).toBeLessThan(MAX_CARD_BYTES);
}

describe('guidance answer card', () => {
  describe.each(index.listEntries().map((e) => [e.id, e] as const))('for entry %s', (id, entry) => {
    it('renders its answer (asked, and as a topic) as a well-formed card under 28 KB', () => {
      const asked: GuidanceReply = { ...topicAnswer(index, id)!, question: entry.questions[0]!, phrasedAnswer: 'x'.repeat(600) };
      const asTopic = topicAnswer(index, id)!;
      for (const card of [guidanceAnswerCard(asked), guidanceEntryCard(asTopic)]) {
        expectWellFormed(card);
        const shown = texts(card);
        expect(shown).toContain(`- ${entry.sources[0]!.title}, ${entry.sources[0]!.section}`);
        entry.steps.forEach((step) => expect(shown).toContain(step.what));
      }
    });
  });

  it('shows the question, the answer, numbered steps with who and when, and the sources', () => {
    const answer = index.search('who has to sign off a placement move?');
    const entry = index.getEntry('move-approval')!;
    const card = guidanceAnswerCard(answer);
    const shown = texts(card);
    expect(shown).toEqual(expect.arrayContaining(['You asked', answer.question, entry.answer, '1.', `${entry.steps.length}.`, entry.steps[0]!.who, entry.steps[0]!.what]));
    for (const s of entry.sources) expect(shown).toContain(`- ${s.title}, ${s.section}`);
    const withWhen = index.listEntries().find((e) => e.steps.some((s) => s.when))!;
    const step = withWhen.steps.find((s) => s.when)!;
    expect(texts(guidanceEntryCard(topicAnswer(index, withWhen.id)!))).toContain(`When: ${step.when}`);
  });

  it('offers related topics as guidance.entry buttons', () => {
    const answer = index.search('who has to sign off a placement move?');
    const buttons = actions(guidanceAnswerCard(answer), 'guidance.entry');
    expect(buttons.map((b) => b.data)).toEqual(answer.related!.map((r) => ({ entryId: r.id })));
    expect(buttons.map((b) => b.title)).toEqual(answer.related!.map((r) => r.title));
  });

  it('has Helpful / Not helpful buttons carrying the entry, the question and the verdict', () => {
    const answer = index.search('who has to sign off a placement move?');
    const buttons = actions(guidanceAnswerCard(answer), 'guidance.feedback');
    expect(buttons.map((b) => [b.title, b.data])).toEqual([
      ['Helpful', { entryId: 'move-approval', question: answer.question, helpful: true }],
      ['Not helpful', { entryId: 'move-approval', question: answer.question, helpful: false }],
    ]);
  });

  it('drops the feedback buttons once feedback is given, and shows a notice', () => {
    const answer = index.search('who has to sign off a placement move?');
    const card = guidanceAnswerCard(answer, { feedback: false, notice: { text: 'Thank you.', color: 'Good' } });
    expect(actions(card, 'guidance.feedback')).toHaveLength(0);
    expect(texts(card)).toContain('Thank you.');
    expectWellFormed(card);
  });

  it('marks a model-worded headline as such and still shows the retrieved steps', () => {
    const answer: GuidanceReply = { ...index.search('who has to sign off a placement move?'), phrasedAnswer: 'A Head of Service agrees moves.' };
    const shown = texts(guidanceAnswerCard(answer));
    expect(shown).toContain('A Head of Service agrees moves.');
    expect(shown).not.toContain(answer.answer);
    expect(shown.some((t) => /AI model/.test(t))).toBe(true);
    expect(shown).toContain(answer.steps![0]!.what);
  });

  it('says plainly that the guidance does not cover a question, offers suggestions, and shows no answer', () => {
    const answer = index.search('how do I claim mileage for a placement visit');
    expect(answer.found).toBe(false);
    const card = guidanceAnswerCard(answer);
    expectWellFormed(card);
    const shown = texts(card);
    expect(shown).toContain('The guidance does not cover this question.');
    expect(shown).not.toContain('What to do, in order');
    expect(shown).not.toContain('Where this comes from');
    expect(actions(card, 'guidance.entry').map((b) => b.data)).toEqual(answer.suggestions!.map((s) => ({ entryId: s.id })));
    expect(actions(card, 'guidance.feedback').map((b) => b.data!.entryId)).toEqual([null, null]);
  });

  it('never shows an answer that was not found, even if one is present', () => {
    const stray: GuidanceReply = { question: 'q?', found: false, answer: 'made up', phrasedAnswer: 'made up too', score: 0, confidence: 0, suggestions: [] };
    const shown = texts(guidanceAnswerCard(stray));
    expect(shown.join('\n')).not.toContain('made up');
    expect(shown.some((t) => /ask your team manager/.test(t))).toBe(true);
    expectWellFormed(guidanceAnswerCard(stray));
  });

  it('shows a council passage trimmed, and cites its document and section', () => {
    const answer = index.search('who decides on an emergency placement at a weekend out of hours, the duty senior?');
    expect(answer.passage?.id).toBe(LONG_PASSAGE.id);
    const card = guidanceAnswerCard(answer);
    expectWellFormed(card);
    const shown = texts(card);
    expect(shown).toContain(`From ${LONG_PASSAGE.docTitle}: ${LONG_PASSAGE.section}`);
    expect(shown).toContain(`- ${LONG_PASSAGE.docTitle}, ${LONG_PASSAGE.section}`);
    const passageText = shown.find((t) => t.startsWith('When a child needs an emergency placement'))!;
    expect(passageText.length).toBeLessThanOrEqual(1500);
    expect(passageText.endsWith('\u2026')).toBe(true);
    expect(actions(card, 'guidance.feedback')[0]!.data!.entryId).toBe(LONG_PASSAGE.id);
  });

  it('stays under 28 KB with the longest question and worded answer', () => {
    const longest = index.listEntries().reduce((a, b) => (JSON.stringify(a).length > JSON.stringify(b).length ? a : b));
    const reply: GuidanceReply = { ...topicAnswer(index, longest.id)!, question: 'q'.repeat(500), phrasedAnswer: 'p'.repeat(600) };
    expectWellFormed(guidanceAnswerCard(reply));
  });
});
