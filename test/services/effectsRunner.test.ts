// The effects runner's crash recovery, once for every record kind that has effects (move requests,
// fragility alerts, meetings) and on every storage backend. A story of changes is run cleanly;
// then again with the process killed before its first insert into the audit log, the tasks or the
// outbox at each step, restarted (resumeAllEffects) and carried on. Both runs must end with the same
// audit entries, tasks and messages, each once, and nothing left to resume. Two instances resuming
// the same records at once must do the same.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { closeAlert, raiseAlert, recordPanelDecision, referToPanel } from '../../src/services/alerts';
import type { ServiceContext } from '../../src/services/context';
import { chatAddress, validStabilityConveneForm } from '../support/fixtures';
import { rememberConversation } from '../../src/services/conversations';
import { RECORD_KINDS, resumeAllEffects } from '../../src/services/effects/kinds';
import { conveneMeeting, recordOutcome } from '../../src/services/meetings';
import { answerInfoRequest, confirmMove, decideMove, requestMove } from '../../src/services/moves';
import { identify, importChildren } from '../../src/services/people';
import { importRoster } from '../../src/services/rosterImport';
import type { Store } from '../../src/store/collection';
import type { Person } from '../../src/domain/people';
import type { Records } from '../../src/store/records';
import { describeOnEveryBackend, serviceContextOn } from '../support/backends';
import { killedBeforeInsertInto, ProcessKilled } from '../support/killedProcess';

const EXAMPLES = path.resolve(__dirname, '../../examples');

type Step = { at: string; run: (ctx: ServiceContext, person: (email: string) => Promise<Person>) => Promise<unknown> };

interface Story {
  kind: string;
  /** People who have a chat with the bot. */
  chats: string[];
  steps: Step[];
}

const moveForm = {
  caseRef: 'CR-1001',
  urgency: 'urgent',
  proposedDate: '2026-11-24',
  reasonCode: 'CREQB',
  rationale: 'Carer has given notice after repeated incidents at home.',
  virtualSchoolConsulted: 'yes',
  safeguardingIssue: 'The carer hit the child last night; police informed.',
  alternativesConsidered: 'Kinship carers asked; none can take the child.',
  virtualSchoolAdvice: 'Keep the same school.',
  educationDisrupted: 'yes',
  childToldPlan: 'Together with the carer on Friday.',
  childToldAgreed: 'true',
  followsAllegation: 'no',
  childSaid: 'I want to stay near my school.',
  advocateOffered: 'yes',
};
const alertForm = {
  caseRef: 'CR-1001',
  triggers: 'carer-struggling',
  immediateSafeguardingRisk: 'no',
  supportInPlace: '',
  description: 'The carer rang: evenings have become very hard since the school exclusion.',
  // An essential service that cannot be got: the answers call for the Placement Stability Panel (FRAG-6).
  essentialServiceUnavailable: 'yes',
};

/** One story per record kind: every effect of the kind happens in it. */
const STORIES: Story[] = [
  {
    kind: 'move request',
    chats: ['sam.social@example.org', 'hana.head@example.org', 'pat.placements@example.org'],
    steps: [
      { at: '2026-11-23T10:00:00Z', run: async (ctx, p) => requestMove(ctx, await p('sam.social@example.org'), moveForm) },
      {
        at: '2026-11-23T11:00:00Z',
        run: async (ctx, p) => decideMove(ctx, await p('hana.head@example.org'), 'PM-2026-0001', { outcome: 'info', comment: 'Which school will the child attend?' }),
      },
      { at: '2026-11-23T12:00:00Z', run: async (ctx, p) => answerInfoRequest(ctx, await p('sam.social@example.org'), 'PM-2026-0001', { answer: 'The same school, by taxi.' }) },
      { at: '2026-11-23T13:00:00Z', run: async (ctx, p) => decideMove(ctx, await p('hana.head@example.org'), 'PM-2026-0001', { outcome: 'approved', comment: '' }) },
      { at: '2026-11-24T16:00:00Z', run: async (ctx, p) => confirmMove(ctx, await p('sam.social@example.org'), 'PM-2026-0001', { moveDate: '2026-11-24', placementType: 'U3' }) },
    ],
  },
  {
    kind: 'fragility alert',
    chats: ['sam.social@example.org', 'tom.manager@example.org'],
    steps: [
      { at: '2026-11-23T10:00:00Z', run: async (ctx, p) => raiseAlert(ctx, await p('sam.social@example.org'), alertForm) },
      { at: '2026-11-23T10:20:00Z', run: async (ctx, p) => referToPanel(ctx, await p('sam.social@example.org'), 'FA-2026-0001', { panel: 'stability-panel' }) },
      {
        at: '2026-11-23T10:40:00Z',
        run: async (ctx, p) =>
          recordPanelDecision(ctx, await p('tom.manager@example.org'), 'FA-2026-0001', { panel: 'stability-panel', outcome: 'agreed', decidedOn: '2026-11-23' }),
      },
      {
        at: '2026-11-23T11:00:00Z',
        run: async (ctx, p) => closeAlert(ctx, await p('tom.manager@example.org'), 'FA-2026-0001', { reason: 'Carer and child settled after the respite weekend.' }),
      },
    ],
  },
  {
    kind: 'meeting',
    chats: ['sam.social@example.org', 'fiona.foster@example.org', 'steve.ssw@example.org'],
    steps: [
      {
        at: '2026-11-23T10:00:00Z',
        run: async (ctx, p) => conveneMeeting(ctx, await p('sam.social@example.org'), validStabilityConveneForm()),
      },
      {
        at: '2026-11-26T15:00:00Z',
        run: async (ctx, p) =>
          recordOutcome(ctx, await p('fiona.foster@example.org'), 'MT-2026-0001', {
            decision: 'continue-with-support',
            attended: 'sam.social@example.org,fiona.foster@example.org',
            summary: 'Agreed a package of weekly therapeutic support and a review in a month.',
            reviewDate: '2026-12-17',
            actions: [{ what: 'Arrange therapeutic parenting sessions', ownerEmail: 'steve.ssw@example.org', dueDate: '2026-12-03' }],
          }),
      },
    ],
  },
];

const KILL_POINTS: Array<keyof Records> = ['audit', 'tasks', 'outbox'];

describeOnEveryBackend('the effects runner after a crash', (freshStore) => {
  let stores: Store[] = [];
  afterEach(async () => {
    await Promise.all(stores.map((s) => s.close()));
    stores = [];
  });

  /** A fresh store with the example roster and children, the story's chats, and a clock the steps move. */
  async function world(story: Story) {
    const store = await freshStore();
    stores.push(store);
    let now = new Date(story.steps[0].at);
    const ctx = await serviceContextOn(store, () => now);
    await importRoster(ctx, readFileSync(path.join(EXAMPLES, 'roster.csv'), 'utf8'), 'test');
    await importChildren(ctx, readFileSync(path.join(EXAMPLES, 'children.csv'), 'utf8'), 'test');
    const person = (email: string) => identify(ctx, undefined, async () => email);
    for (const email of story.chats) {
      const p = await person(email);
      await rememberConversation(ctx, p, { kind: 'personal', address: chatAddress(`a:${p.id}`) });
    }
    return { ctx, person, setClock: (iso: string) => (now = new Date(iso)) };
  }

  /** What the story left behind that effects write: audit entries (without the import's), tasks and messages. */
  async function outcome(ctx: ServiceContext) {
    const audit = (await ctx.records.audit.find({}, { sort: { at: 1 } }))
      .filter((e) => e.actor !== 'test')
      .map((e) => `${e.at} ${e.subject} ${e.action} ${e.actor} ${e.fromState ?? '-'}>${e.toState ?? '-'} ${JSON.stringify(e.details)}`)
      .sort();
    const tasks = (await ctx.records.tasks.find({})).map((t) => `${t._id} ${t.owner} ${t.dueDate} ${t.state}`).sort();
    const outbox = (await ctx.records.outbox.find({})).map((m) => m._id).sort();
    let unfinished = 0;
    for (const kind of RECORD_KINDS) unfinished += await kind.collection(ctx.records).count({ 'pendingEffects.0': { $exists: true } });
    return { audit, tasks, outbox, unfinished };
  }

  async function cleanRun(story: Story) {
    const w = await world(story);
    for (const step of story.steps) {
      w.setClock(step.at);
      await step.run(w.ctx, w.person);
    }
    return outcome(w.ctx);
  }

  test('every record kind declares its effects to the runner', () => {
    expect(RECORD_KINDS.map((k) => k.kind).sort()).toEqual(STORIES.map((s) => s.kind).sort());
  });

  describe.each(STORIES)('$kind', (story) => {
    let clean: Awaited<ReturnType<typeof cleanRun>>;
    beforeAll(async () => {
      clean = await cleanRun(story);
      expect(clean.unfinished).toBe(0);
      expect(clean.outbox.length).toBeGreaterThan(0);
    });

    const cases = story.steps.flatMap((_, i) => KILL_POINTS.map((collection) => ({ step: i + 1, collection })));
    test.each(cases)('killed before its first insert into $collection at step $step: the restart finishes it, each thing once', async ({ step, collection }) => {
      const w = await world(story);
      for (const [i, s] of story.steps.entries()) {
        w.setClock(s.at);
        if (i + 1 !== step) {
          await s.run(w.ctx, w.person);
          continue;
        }
        // A step that writes nothing to that collection is not killed: it simply completes.
        await s.run(killedBeforeInsertInto(w.ctx, collection), w.person).catch((err) => {
          if (!(err instanceof ProcessKilled)) throw err;
        });
        // The restart, later the same minute; a second restart finds nothing to do.
        await resumeAllEffects(w.ctx);
        expect(await resumeAllEffects(w.ctx)).toBe(0);
      }
      expect(await outcome(w.ctx)).toEqual(clean);
    });

    test('two instances resuming the same unfinished effects at once do each thing once', async () => {
      const w = await world(story);
      for (const s of story.steps) {
        w.setClock(s.at);
        await expect(s.run(killedBeforeInsertInto(w.ctx, 'audit'), w.person)).rejects.toBeInstanceOf(ProcessKilled);
        await Promise.all([resumeAllEffects(w.ctx), resumeAllEffects(w.ctx)]);
      }
      expect(await outcome(w.ctx)).toEqual(clean);
    });
  });
});
