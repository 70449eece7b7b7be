// Guidance answers and feedback: answers come from retrieval (a phraser may only reword the
// headline), and feedback from a card is validated before anything is stored, on every backend.
import { GuidanceIndex } from '../../src/guidance/search';
import type { GuidancePhraser } from '../../src/guidance/phrasing';
import type { CouncilPassage, GuidanceAnswer } from '../../src/guidance/types';
import type { Logger } from '../../src/services/context';
import { silentLogger } from '../../src/services/context';
import { InvalidInputError } from '../../src/services/errors';
import {
  answerQuestion,
  GUIDANCE_FEEDBACK_COLLECTION,
  GUIDANCE_FEEDBACK_INDEXES,
  listGuidanceFeedback,
  recordGuidanceFeedback,
  topicAnswer,
  type GuidanceFeedbackDoc,
} from '../../src/services/guidance';
import type { Collection, Store } from '../../src/store/collection';
import { describeOnEveryBackend } from '../support/backends';

const PASSAGE: CouncilPassage = {
  id: 'council:respite.md#respite-for-connected-carers',
  file: 'respite.md',
  docTitle: 'Kinship Care Procedures (Anytown Council)',
  section: 'Respite for connected carers',
  text: 'Connected carers may ask for up to fourteen nights of respite a year. The Kinship Support Team arranges a registered respite carer.',
};

const index = new GuidanceIndex({ passages: [PASSAGE] });
const NOW = new Date('2026-11-23T10:00:00Z');

function recordingLogger(): Logger & { lines: Array<{ obj: object; msg?: string }> } {
  const lines: Array<{ obj: object; msg?: string }> = [];
  const push = (obj: object, msg?: string) => void lines.push({ obj, msg });
  return { lines, info: push, warn: push, error: push, debug: push };
}

describe('answerQuestion', () => {
  it('answers from the pack with the entry word for word', async () => {
    const reply = await answerQuestion({ log: silentLogger }, index, 'who has to sign off a placement move?');
    const entry = index.getEntry('move-approval')!;
    expect(reply).toMatchObject({ found: true, entryId: 'move-approval', answer: entry.answer, steps: entry.steps, sources: entry.sources });
    expect(reply.phrasedAnswer).toBeUndefined();
  });

  it('says when the guidance does not cover a question, with suggestions and no answer', async () => {
    const reply = await answerQuestion({ log: silentLogger }, index, 'how do I claim mileage for a placement visit');
    expect(reply.found).toBe(false);
    expect(reply.answer).toBeUndefined();
    expect(reply.steps).toBeUndefined();
    expect(reply.suggestions!.length).toBeGreaterThan(0);
  });

  it('answers from a council passage when it fits best', async () => {
    const reply = await answerQuestion({ log: silentLogger }, index, 'how many nights of respite can connected carers have?');
    expect(reply.found).toBe(true);
    expect(reply.passage?.id).toBe(PASSAGE.id);
    expect(reply.sources).toEqual([{ doc: 'respite.md', title: PASSAGE.docTitle, section: PASSAGE.section }]);
  });

  it('logs what answered but never the question, which may name a child', async () => {
    const log = recordingLogger();
    await answerQuestion({ log }, index, 'Jamie Smith wants to move, who signs off a move?');
    expect(JSON.stringify(log.lines)).not.toContain('Jamie');
    expect(Object.keys(log.lines[0]!.obj).sort()).toEqual(['confidence', 'entryId', 'found', 'score']);
  });

  it('uses a phraser for the headline only, keeping steps and sources', async () => {
    const phraser: GuidancePhraser = { phrase: jest.fn(async () => ({ text: 'A Head of Service has to agree it.', model: 'test' })) };
    const reply = await answerQuestion({ log: silentLogger }, index, 'who signs off a move', { phraser });
    const entry = index.getEntry('move-approval')!;
    expect(reply.phrasedAnswer).toBe('A Head of Service has to agree it.');
    expect(reply.answer).toBe(entry.answer);
    expect(reply.steps).toEqual(entry.steps);
    expect(reply.sources).toEqual(entry.sources);
  });

  it('keeps the retrieval answer when the phraser gives nothing, and never phrases a non-answer', async () => {
    const phraser: GuidancePhraser = { phrase: jest.fn(async () => null) };
    const found = await answerQuestion({ log: silentLogger }, index, 'who signs off a move', { phraser });
    expect(found.phrasedAnswer).toBeUndefined();
    expect(found.answer).toBe(index.getEntry('move-approval')!.answer);
    await answerQuestion({ log: silentLogger }, index, 'how do I claim mileage', { phraser });
    expect(phraser.phrase).toHaveBeenCalledTimes(1);
  });

  it('treats a missing or over-long question safely', async () => {
    expect((await answerQuestion({ log: silentLogger }, index, undefined as unknown as string)).found).toBe(false);
    const long = `who signs off a move ${'x'.repeat(2000)}`;
    expect((await answerQuestion({ log: silentLogger }, index, long)).question.length).toBeLessThanOrEqual(500);
  });
});

describe('topicAnswer', () => {
  it('shows a pack entry with its related topics', () => {
    const topic = topicAnswer(index, 'move-approval') as GuidanceAnswer;
    const entry = index.getEntry('move-approval')!;
    expect(topic).toMatchObject({ found: true, question: entry.title, answer: entry.answer, steps: entry.steps, entryId: entry.id });
    expect(topic.related!.map((r) => r.id)).toEqual(entry.related);
  });

  it('shows a council passage, cited', () => {
    const topic = topicAnswer(index, PASSAGE.id)!;
    expect(topic.passage).toEqual(PASSAGE);
    expect(topic.sources).toEqual([{ doc: PASSAGE.file, title: PASSAGE.docTitle, section: PASSAGE.section }]);
  });

  it('returns null for an unknown id', () => {
    expect(topicAnswer(index, 'no-such-entry')).toBeNull();
  });
});

describeOnEveryBackend('guidance feedback', (freshStore) => {
  let store: Store;
  let feedback: Collection<GuidanceFeedbackDoc>;
  let now = NOW;
  const ctx = { now: () => now };
  const sam = { id: 'sam.social@example.org' };
  const record = (payload: unknown, person = sam) => recordGuidanceFeedback(ctx, feedback, index, person, payload);

  beforeEach(async () => {
    now = NOW;
    store = await freshStore();
    feedback = store.collection<GuidanceFeedbackDoc>(GUIDANCE_FEEDBACK_COLLECTION);
    await feedback.ensureIndexes(GUIDANCE_FEEDBACK_INDEXES);
  });
  afterEach(async () => {
    await store.close();
  });

  test('stores who, when, the question, the entry and the verdict', async () => {
    await record({ question: '  who signs off a move?  ', entryId: 'move-approval', helpful: true, comment: 'Clear.' });
    const [doc] = await feedback.find({});
    expect(doc).toEqual({
      _id: expect.stringMatching(/^gf-[0-9a-f]{32}$/),
      version: 1,
      personId: sam.id,
      at: NOW.toISOString(),
      question: 'who signs off a move?',
      entryId: 'move-approval',
      helpful: true,
      comment: 'Clear.',
    });
  });

  test('one verdict per person, question and answer: pressing again replaces it', async () => {
    await record({ question: 'who signs off a move?', entryId: 'move-approval', helpful: true });
    now = new Date(NOW.getTime() + 60_000);
    await record({ question: 'Who signs off  a move?', entryId: 'move-approval', helpful: false, comment: 'Missing HARP details' });
    await record({ question: 'who signs off a move?', entryId: 'move-approval', helpful: true }, { id: 'priya.patel@example.org' });
    expect(await feedback.count({})).toBe(2);
    const mine = (await feedback.find({ personId: sam.id }))[0]!;
    expect(mine).toMatchObject({ helpful: false, comment: 'Missing HARP details', at: now.toISOString() });
  });

  test('accepts feedback on a non-answer (entryId null or empty) and on a council passage', async () => {
    await record({ question: 'how do I claim mileage', entryId: null, helpful: false });
    await record({ question: 'what about fuel', entryId: '', helpful: 'false', comment: '' });
    await record({ question: 'respite nights?', entryId: PASSAGE.id, helpful: true });
    const docs = await feedback.find({}, { sort: { question: 1 } });
    expect(docs.map((d) => [d.question, d.entryId, d.helpful, d.comment])).toEqual([
      ['how do I claim mileage', null, false, null],
      ['respite nights?', PASSAGE.id, true, null],
      ['what about fuel', null, false, null],
    ]);
  });

  test('keeps only the known fields of a payload', async () => {
    await record({ question: 'who signs off a move?', entryId: 'move-approval', helpful: true, $where: 'sleep(1000)', personId: 'someone.else@example.org', _id: 'chosen' });
    const [doc] = await feedback.find({});
    expect(Object.keys(doc!).sort()).toEqual(['_id', 'at', 'comment', 'entryId', 'helpful', 'personId', 'question', 'version']);
    expect(doc!.personId).toBe(sam.id);
    expect(doc!._id).not.toBe('chosen');
  });

  const badPayloads: Array<[string, unknown]> = [
    ['an operator object as the question', { question: { $gt: '' }, entryId: 'move-approval', helpful: true }],
    ['an operator object as the entry', { question: 'who signs off a move?', entryId: { $gt: '' }, helpful: true }],
    ['an operator object as the verdict', { question: 'who signs off a move?', entryId: 'move-approval', helpful: { $ne: null } }],
    ['an operator object as the comment', { question: 'who signs off a move?', entryId: 'move-approval', helpful: true, comment: { $gt: '' } }],
    ['an entry that does not exist', { question: 'who signs off a move?', entryId: 'no-such-entry', helpful: true }],
    ['a question over 500 characters', { question: 'q'.repeat(501), entryId: null, helpful: true }],
    ['an empty question', { question: '   ', entryId: null, helpful: true }],
    ['no question', { entryId: 'move-approval', helpful: true }],
    ['no verdict', { question: 'who signs off a move?', entryId: 'move-approval' }],
    ['a verdict that is not yes or no', { question: 'who signs off a move?', entryId: 'move-approval', helpful: 'maybe' }],
    ['a comment over 1000 characters', { question: 'who signs off a move?', entryId: null, helpful: false, comment: 'c'.repeat(1001) }],
    ['an array', [{ question: 'who signs off a move?', entryId: null, helpful: true }]],
    ['a string', 'helpful'],
    ['null', null],
  ];

  test.each(badPayloads)('refuses %s and stores nothing', async (_what, payload) => {
    await expect(record(payload)).rejects.toBeInstanceOf(InvalidInputError);
    expect(await feedback.count({})).toBe(0);
  });

  test('names the field at fault', async () => {
    await expect(record({ question: 'who signs off a move?', entryId: 'no-such-entry', helpful: true })).rejects.toMatchObject({ fields: { entryId: expect.any(String) } });
    await expect(record({ question: { $gt: '' }, entryId: null, helpful: true })).rejects.toMatchObject({ fields: { question: expect.any(String) } });
  });

  test('lists feedback newest first, up to a limit', async () => {
    for (let i = 0; i < 5; i++) {
      now = new Date(NOW.getTime() + i * 60_000);
      await record({ question: `question ${i}`, entryId: null, helpful: i % 2 === 0 });
    }
    const listed = await listGuidanceFeedback(feedback, { limit: 3 });
    expect(listed.map((f) => f.question)).toEqual(['question 4', 'question 3', 'question 2']);
    expect(await listGuidanceFeedback(feedback)).toHaveLength(5);
  });
});
