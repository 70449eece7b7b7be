// `psb ask` and `psb guidance feedback`, run through runCli with captured output and their own
// environment (GUIDANCE_DIR for council documents, DATA_DIR for the embedded store).
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { runCli } from '../../src/cli/main';
import { GuidanceIndex } from '../../src/guidance/search';
import { GUIDANCE_FEEDBACK_COLLECTION, recordGuidanceFeedback, type GuidanceFeedbackDoc } from '../../src/services/guidance';
import { openEmbeddedStore } from '../../src/store/embeddedStore';

async function psb(argv: string[], env: NodeJS.ProcessEnv = {}) {
  const out: string[] = [];
  const err: string[] = [];
  const code = await runCli(argv, { out: (l) => out.push(l), err: (l) => err.push(l) }, env);
  return { code, out: out.join('\n'), err: err.join('\n') };
}

const index = new GuidanceIndex();

describe('psb ask', () => {
  it('prints exactly the answer fields as JSON, steps as {who, what, when} objects', async () => {
    const { code, out, err } = await psb(['ask', 'who has to sign off a placement move?', '--json']);
    expect(err).toBe('');
    expect(code).toBe(0);
    const json = JSON.parse(out);
    const entry = index.getEntry('move-approval')!;
    expect(Object.keys(json)).toEqual(['question', 'found', 'answer', 'steps', 'sources', 'entryId', 'score', 'urgentSafeguarding', 'also', 'nearest']);
    expect(json).toEqual({
      question: 'who has to sign off a placement move?',
      found: true,
      answer: entry.answer,
      steps: entry.steps.map((s) => ({ who: s.who, what: s.what, when: s.when ?? null })),
      sources: entry.sources.map((s) => ({ title: s.title, section: s.section })),
      entryId: 'move-approval',
      score: expect.any(Number),
      urgentSafeguarding: false,
      also: null,
      nearest: null,
    });
    expect(json.score).toBeGreaterThan(0);
  });

  it('takes an unquoted question of several words', async () => {
    const { code, out } = await psb(['ask', 'who', 'chairs', 'a', 'disruption', 'meeting', '--json']);
    expect(code).toBe(0);
    expect(JSON.parse(out)).toMatchObject({ question: 'who chairs a disruption meeting', found: true, entryId: 'disruption-meeting-chair' });
  });

  it('says found: false with no answer, steps or sources when the guidance does not cover it (exit 1)', async () => {
    const { code, out } = await psb(['ask', 'how do I claim mileage for a placement visit', '--json']);
    expect(code).toBe(1);
    expect(JSON.parse(out)).toEqual({
      question: 'how do I claim mileage for a placement visit',
      found: false,
      answer: null,
      steps: [],
      sources: [],
      entryId: null,
      score: expect.any(Number),
      urgentSafeguarding: false,
      also: null,
      nearest: null,
    });
  });

  it('answers as the card does: the safeguarding lead first, both parts of a two-part answer, the nearest guidance', async () => {
    const urgent = await psb(['ask', '12yo missing from the home since 6pm, do we call a stability meeting?']);
    expect(urgent.out.startsWith('If a child is hurt or at risk now')).toBe(true);
    expect(JSON.parse((await psb(['ask', '12yo missing from the home since 6pm, do we call a stability meeting?', '--json'])).out)).toMatchObject({ urgentSafeguarding: true });
    const noFigure = JSON.parse((await psb(['ask', 'how many days does the head of service have to decide on a move?', '--json'])).out);
    expect(noFigure).toMatchObject({ found: false, nearest: expect.stringMatching(/^The guidance does not say\. The nearest guidance is on "/) });
  });

  it('prints readable text without --json', async () => {
    const { code, out } = await psb(['ask', 'who has to sign off a placement move?']);
    const entry = index.getEntry('move-approval')!;
    expect(code).toBe(0);
    expect(out).toContain(entry.answer);
    expect(out).toContain(`  1. ${entry.steps[0]!.who}: ${entry.steps[0]!.what}`);
    expect(out).toContain(`  - ${entry.sources[0]!.title}, ${entry.sources[0]!.section}`);
    expect(out).toContain('entry move-approval');
    expect(() => JSON.parse(out)).toThrow();
  });

  it('lists the nearest topics in text when nothing fits', async () => {
    const { code, out } = await psb(['ask', 'how do I claim mileage for a placement visit']);
    expect(code).toBe(1);
    expect(out).toMatch(/^The guidance does not cover this question\.\nNearest topics:\n {2}- /);
  });

  it('needs a question', async () => {
    const { code, err } = await psb(['ask']);
    expect(code).toBe(2);
    expect(err).toContain('usage: npm run -s psb -- ask');
  });

  describe('with GUIDANCE_DIR', () => {
    let dir: string;
    beforeAll(() => {
      dir = mkdtempSync(path.join(os.tmpdir(), 'psb-council-'));
      writeFileSync(
        path.join(dir, 'kinship.md'),
        '# Kinship Care Procedures (Anytown Council)\n\n## Respite for connected carers\n\nConnected carers may ask for up to fourteen nights of respite a year. The Kinship Support Team arranges a registered respite carer.\n',
      );
    });
    afterAll(() => rmSync(dir, { recursive: true, force: true }));

    it('answers from the council documents named in the environment it was given', async () => {
      const question = 'how many respite nights a year for connected carers';
      const { code, out } = await psb(['ask', question, '--json'], { GUIDANCE_DIR: dir });
      expect(code).toBe(0);
      expect(JSON.parse(out)).toEqual({
        question,
        found: true,
        answer: 'Connected carers may ask for up to fourteen nights of respite a year. The Kinship Support Team arranges a registered respite carer.',
        steps: [],
        sources: [{ title: 'Kinship Care Procedures (Anytown Council)', section: 'Respite for connected carers' }],
        entryId: null,
        score: expect.any(Number),
        urgentSafeguarding: false,
        also: null,
        nearest: null,
      });
      // without it, the same question is not covered
      expect((await psb(['ask', question, '--json'])).code).toBe(1);
    });

    it('reports a folder it cannot read but still answers from the pack', async () => {
      const { code, err } = await psb(['ask', 'who chairs a disruption meeting', '--json'], { GUIDANCE_DIR: path.join(dir, 'missing') });
      expect(code).toBe(0);
      expect(err).toContain('GUIDANCE_DIR:');
    });
  });
});

describe('psb guidance feedback', () => {
  let dataDir: string;
  beforeEach(() => {
    dataDir = mkdtempSync(path.join(os.tmpdir(), 'psb-feedback-'));
  });
  afterEach(() => rmSync(dataDir, { recursive: true, force: true }));

  async function giveFeedback(payloads: Array<{ person: string; at: string; payload: unknown }>) {
    const store = await openEmbeddedStore(dataDir);
    try {
      const collection = store.collection<GuidanceFeedbackDoc>(GUIDANCE_FEEDBACK_COLLECTION);
      for (const { person, at, payload } of payloads) await recordGuidanceFeedback({ now: () => new Date(at) }, collection, index, { id: person }, payload);
    } finally {
      await store.close();
    }
  }

  it('says when there is none', async () => {
    const { code, out } = await psb(['guidance', 'feedback'], { DATA_DIR: dataDir });
    expect(code).toBe(0);
    expect(out).toBe('No feedback on guidance answers yet.');
  });

  it('lists feedback newest first, as text or JSON', async () => {
    await giveFeedback([
      { person: 'sam.social@example.org', at: '2026-11-20T09:00:00.000Z', payload: { question: 'who signs off a move?', entryId: 'move-approval', helpful: true } },
      {
        person: 'priya.patel@example.org',
        at: '2026-11-21T09:00:00.000Z',
        payload: { question: 'how do I claim mileage', entryId: null, helpful: false, comment: 'Please add expenses.' },
      },
    ]);
    const text = await psb(['guidance', 'feedback'], { DATA_DIR: dataDir });
    expect(text.code).toBe(0);
    expect(text.out.split('\n')).toEqual([
      '2026-11-21T09:00:00.000Z  not helpful  (no answer)  priya.patel@example.org  "how do I claim mileage"  comment: Please add expenses.',
      '2026-11-20T09:00:00.000Z  helpful      move-approval  sam.social@example.org  "who signs off a move?"',
      '2 shown: 1 helpful, 1 not helpful.',
    ]);

    const json = await psb(['guidance', 'feedback', '--json', '--limit', '1'], { DATA_DIR: dataDir });
    expect(JSON.parse(json.out)).toEqual([
      { at: '2026-11-21T09:00:00.000Z', personId: 'priya.patel@example.org', question: 'how do I claim mileage', entryId: null, helpful: false, comment: 'Please add expenses.' },
    ]);
  });

  it('refuses a limit that is not a positive whole number', async () => {
    for (const bad of [['--limit', 'lots'], ['--limit', '0'], ['--limit']]) {
      const { code, err } = await psb(['guidance', 'feedback', ...bad], { DATA_DIR: dataDir });
      expect(code).toBe(2);
      expect(err).toContain('usage: npm run -s psb -- guidance feedback');
    }
  });
});
