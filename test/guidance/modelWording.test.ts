// The evaluation's measure of a configured model's wording (issue 13: "the same evaluation reports
// the model's effect when one is configured"). The model is a stand-in here; the real client is
// tested against a local OpenAI-compatible server in phrasing.test.ts.
import { evaluateModelWording, type FactSet } from '../../src/guidance/evaluate';
import type { GuidancePhraser } from '../../src/guidance/phrasing';
import { GuidanceIndex } from '../../src/guidance/search';

const index = new GuidanceIndex();
const set: FactSet = {
  answerable: [
    { q: 'who has to sign off a placement move?', all: ['head of service'] },
    { q: 'how soon after a placement starts must the social worker visit?', all: ['(1|one|a) week'] },
    // the retrieval does not answer this right, so the model is never asked
    { q: 'who has to sign off a placement move?', all: ['no such fact'] },
  ],
  unanswerable: [{ q: 'how do I claim mileage?' }],
};

describe("a configured model's effect on right answers", () => {
  it('counts headlines that keep every fact, lose one, or give nothing, on answers the retrieval got right only', async () => {
    const asked: string[] = [];
    const phraser: GuidancePhraser = {
      async phrase(answer) {
        asked.push(answer.question);
        if (answer.entryId === 'move-approval') return { text: 'A senior manager agrees every move first.', model: 'stand-in' };
        return null;
      },
    };
    const report = await evaluateModelWording(index, set, phraser);
    expect(report.worded).toBe(2);
    expect(asked).toHaveLength(2);
    // "Head of Service" is in the move-approval steps too, so the fact survives the reworded headline
    expect(report).toEqual({ worded: 2, keptFacts: 1, droppedFacts: 0, fellBack: 1 });
  });

  it('a headline that loses a fact only the retrieved headline held counts as lost; one that keeps it counts as kept', async () => {
    const entry = index.getEntry('move-approval')!;
    // a fact only the headline states: its own first words
    const headlineOnly = entry.answer
      .split(' ')
      .slice(0, 6)
      .join(' ')
      .replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
    const one: FactSet = { answerable: [{ q: 'who has to sign off a placement move?', all: [headlineOnly] }], unanswerable: [] };
    const losing: GuidancePhraser = { phrase: async () => ({ text: 'A senior manager agrees it.', model: 'stand-in' }) };
    const keeping: GuidancePhraser = { phrase: async (answer) => ({ text: `${answer.answer} (worded)`, model: 'stand-in' }) };
    expect(await evaluateModelWording(index, one, losing)).toEqual({ worded: 1, keptFacts: 0, droppedFacts: 1, fellBack: 0 });
    expect(await evaluateModelWording(index, one, keeping)).toEqual({ worded: 1, keptFacts: 1, droppedFacts: 0, fellBack: 0 });
  });
});
