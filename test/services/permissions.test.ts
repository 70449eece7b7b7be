// Who may do what, role by role. The README's table is generated from the permission table
// (src/domain/permissions.ts, `npm run docs:permissions`); this test checks the README says what the
// table says, then walks every role through every action against the real services and store, so
// the documentation, the table and the code cannot drift apart. Each person has one role, in North.
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { addDays, ukDate } from '../../src/domain/dates';
import type { Person } from '../../src/domain/people';
import { ACTIONS, columnPersonId, COLUMNS, permissionTable, permissionTableMarkdown, type Action } from '../../src/domain/permissions';
import type { ServiceContext } from '../../src/services/context';
import { setApprovalsChannel } from '../../src/services/conversations';
import { closeAlert, openAlert, raiseAlert, referToPanel } from '../../src/services/alerts';
import { reportCodeUnavailable } from '../../src/services/codeUnavailable';
import { subscribeDigest } from '../../src/services/digest';
import { InvalidInputError, NotFoundError, NotPermittedError } from '../../src/services/errors';
import { cancelMeeting, disruptionLearning, openMeeting, proposeMeeting, recordOutcome } from '../../src/services/meetings';
import { answerInfoRequest, confirmMove, decideMove, moveTracker, openMoveRequest, requestMove, withdrawMove } from '../../src/services/moves';
import { setCover } from '../../src/services/cover';
import { importChildren, toPerson } from '../../src/services/people';
import { importRoster } from '../../src/services/rosterImport';
import { setNextReviewDate } from '../../src/services/placementPlan';
import { completeTask } from '../../src/services/tasks';
import type { Store } from '../../src/store/collection';
import { openEmbeddedStore } from '../../src/store/embeddedStore';
import type { MeetingDoc } from '../../src/store/records';
import { renderMoveCard } from '../../src/teams/moveCardRenderer';
import { cardText } from '../support/fakeTeams';
import { serviceContextOn } from '../support/backends';

const README = path.resolve(__dirname, '../../README.md');

test('the README\'s "Who may do what" table is the one the permission table generates (npm run docs:permissions)', () => {
  const block = /<!-- permissions:start -->\n([\s\S]*?)\n<!-- permissions:end -->/.exec(readFileSync(README, 'utf8'));
  expect(block).not.toBeNull();
  expect(tableCells(block![1])).toEqual(tableCells(permissionTableMarkdown()));
});

/** The table's rows as trimmed cells, so the README may be padded by Prettier and still say the same thing. */
function tableCells(markdown: string): string[][] {
  return markdown
    .split('\n')
    .filter((line) => line.trim() !== '')
    .map((line) => line.split('|').map((cell) => cell.trim().replace(/^-+$/, '---')));
}

describe('permissions by role, through the services', () => {
  let store: Store;
  let ctx: ServiceContext;
  let n = 0;
  const people = new Map<string, Person>();
  const id = columnPersonId;
  const hos = () => people.get('head of service')!;
  const allocatedSw = () => people.get('social worker (allocated)')!;

  beforeAll(async () => {
    store = await openEmbeddedStore(mkdtempSync(path.join(tmpdir(), 'psb-perm-')));
    ctx = await serviceContextOn(store, () => new Date());
    const roster = ['email,name,aadObjectId,roles,teams', ...COLUMNS.map((c) => `${id(c.column)},Person ${c.column},,${c.role},North`)].join('\n');
    await importRoster(ctx, roster, 'test');
    for (const c of COLUMNS) people.set(c.column, toPerson((await ctx.records.people.get(id(c.column)))!));
  });
  afterAll(() => store.close());

  /** A new child of team North, as in the README's example, and a request at the given stage (asked for by the allocated social worker). */
  async function childAt(stage: 'none' | 'pending' | 'info' | 'approved'): Promise<{ caseRef: string; ref: string }> {
    const caseRef = `CR-P${++n}`;
    await importChildren(
      ctx,
      `caseRef,name,dateOfBirth,team,legalStatus,placementType,placementProvider,placementStart,carerName,carerEmail,socialWorker,supervisingSocialWorker,iro\n${caseRef},Childname${n} Example,2012-01-01,North,C2,U4,PR1,2025-01-01,Carer,,${id('social worker (allocated)')},${id('supervising social worker')},${id('iro')}`,
      'test',
    );
    if (stage === 'none') return { caseRef, ref: '' };
    const request = await requestMove(ctx, allocatedSw(), moveForm(caseRef));
    if (stage === 'info') await decideMove(ctx, hos(), request.ref, { outcome: 'info', comment: 'Which school will the child attend?' });
    if (stage === 'approved') await decideMove(ctx, hos(), request.ref, { outcome: 'approved' });
    return { caseRef, ref: request.ref };
  }

  /** A meeting on a new child, held yesterday: chaired by the fostering manager, with the social worker, supervising social worker and IRO. */
  async function meetingHeldYesterday(): Promise<string> {
    const { caseRef } = await childAt('none');
    const ref = `MT-P${++n}`;
    const at = new Date().toISOString();
    const doc: MeetingDoc = {
      _id: ref,
      version: 1,
      ref,
      caseRef,
      team: 'North',
      type: 'support',
      alertRefs: [],
      moveRef: null,
      date: addDays(ukDate(new Date()), -1),
      time: '10:00',
      durationMinutes: 60,
      childAttendance: 'whole',
      childAttendanceReason: null,
      minuteTaker: null,
      chair: { personId: id('fostering manager'), name: 'Person fostering manager', reason: 'Chairs.', note: null },
      attendees: [
        {
          kind: 'social-worker',
          label: 'Social worker',
          personId: id('social worker (allocated)'),
          name: 'Person social worker (allocated)',
          email: id('social worker (allocated)'),
          participation: 'attends',
          required: true,
          reason: 'The child\u2019s social worker.',
          ruleIds: [],
          addedByOrganiser: false,
        },
      ],
      participantIds: [id('social worker (allocated)'), id('supervising social worker'), id('iro'), id('fostering manager')],
      removed: [],
      placementEnded: null,
      dateWarning: null,
      organiser: id('social worker (allocated)'),
      organiserName: 'Person social worker (allocated)',
      state: 'scheduled',
      invitation: { via: 'teams', state: 'sent', eventId: null, joinUrl: null, error: null, at: null },
      icsToken: 'token',
      outcome: null,
      createdAt: at,
      updatedAt: at,
      pendingEffects: [],
    };
    await ctx.records.meetings.insert(doc);
    return ref;
  }

  const alertForm = { triggers: 'carer-struggling', description: 'The carer says evenings have become very hard lately.', immediateSafeguardingRisk: 'no', supportInPlace: '' };
  const moveForm = (caseRef: string) => ({
    caseRef,
    urgency: 'planned',
    proposedDate: addDays(ukDate(new Date()), 14),
    reasonCode: 'CREQB',
    rationale: 'Carer has given notice after repeated incidents.',
    virtualSchoolConsulted: 'yes',
    virtualSchoolAdvice: 'Same school.',
    educationDisrupted: 'no',
    childToldPlan: 'Together on Friday.',
    childToldAgreed: 'true',
    followsAllegation: 'no',
    childSaid: 'I want to stay near my school.',
    advocateOffered: 'yes',
  });
  const newAlert = async (extra: Record<string, string> = {}) => raiseAlert(ctx, allocatedSw(), { ...alertForm, ...extra, caseRef: (await childAt('none')).caseRef });

  /** Each action as the services do it; a NotPermittedError (or a child refused like an unknown one) means "no". */
  const DO: Record<Action, (p: Person) => Promise<unknown>> = {
    'request a move': async (p) => requestMove(ctx, p, moveForm((await childAt('none')).caseRef)),
    'see a move request': async (p) => openMoveRequest(ctx, p, (await childAt('pending')).ref),
    'decide a move': async (p) => decideMove(ctx, p, (await childAt('pending')).ref, { outcome: 'approved' }),
    "answer the approver's question": async (p) => answerInfoRequest(ctx, p, (await childAt('info')).ref, { answer: 'The same school, with transport.' }),
    'confirm the move happened': async (p) => confirmMove(ctx, p, (await childAt('approved')).ref, { moveDate: ukDate(new Date()), placementType: 'U4' }),
    'mark a follow-up task done': async (p) => completeTask(ctx, p, `${(await childAt('approved')).ref}:sw-visit`),
    'withdraw a move request': async (p) => withdrawMove(ctx, p, (await childAt('approved')).ref, { reason: 'No longer needed.' }),
    // An administrator gives cover to the person of the column (never to themselves).
    'cover for a Head of Service': async (p) =>
      setCover(ctx, people.get('admin')!, { team: 'North', cover: p.id, from: addDays(ukDate(new Date()), 1), to: addDays(ukDate(new Date()), 7) }),
    'flag that the right code is not available': async (p) => reportCodeUnavailable(ctx, p, `${(await childAt('approved')).ref}:code-move`),
    'refer a case to a panel': async (p) => referToPanel(ctx, p, (await newAlert({ essentialServiceUnavailable: 'yes' })).ref, { panel: 'stability-panel' }),
    'set cover': async (p) => setCover(ctx, p, { team: 'North', cover: id('service manager'), from: ukDate(new Date()), to: addDays(ukDate(new Date()), 7) }),
    'set the next review date': async (p) => setNextReviewDate(ctx, p, { caseRef: (await childAt('none')).caseRef, reviewDate: addDays(ukDate(new Date()), 30) }),
    'raise a fragility alert': async (p) => raiseAlert(ctx, p, { ...alertForm, caseRef: (await childAt('none')).caseRef }),
    'see an alert': async (p) => openAlert(ctx, p, (await newAlert()).ref),
    'close an alert by hand': async (p) => closeAlert(ctx, p, (await newAlert()).ref, { reason: 'Support package agreed at the review.' }),
    'convene a meeting': async (p) => proposeMeeting(ctx, p, { type: 'support', caseRef: (await childAt('none')).caseRef }),
    'see a meeting': async (p) => openMeeting(ctx, p, await meetingHeldYesterday()),
    'change a meeting': async (p) => cancelMeeting(ctx, p, await meetingHeldYesterday(), { changeReason: 'The carer is unwell; a new date will follow.' }),
    'record a meeting outcome': async (p) =>
      recordOutcome(ctx, p, await meetingHeldYesterday(), {
        decision: 'continue-with-support',
        attended: id('social worker (allocated)'),
        summary: 'Support continues with weekly visits.',
        supportPlanReviewed: 'yes',
        actions: [],
      }),
    'read the learning from disruptions': async (p) => disruptionLearning(ctx, p, '2000-01-01'),
    'see the move tracker': async (p) => moveTracker(ctx, p),
    'choose the approvals channel': async (p) => setApprovalsChannel(ctx, p, 'North', `19:${++n}@thread`),
    'send the digest to a channel': async (p) => subscribeDigest(ctx, p, `19:${++n}@thread`, ['North']),
    // The name shows on the move request card in the person's own chat, or it does not.
    "see the child's name": async (p) => {
      const { ref } = await childAt('pending');
      const card = await renderMoveCard(ctx, (await ctx.records.moveRequests.get(ref))!, 'observer', { person: p, shared: false });
      if (!/Childname\d+ Example/.test(cardText(card))) throw new NotPermittedError('no name shown');
    },
  };

  const expected = new Map(permissionTable().map((row) => [row.action, row.allowed]));
  const cases = ACTIONS.flatMap((action) => COLUMNS.map((c, i) => [action, c.column, i] as const));

  test('every action of the table is walked', () => {
    expect(Object.keys(DO).sort()).toEqual([...ACTIONS].sort());
  });

  test.each(cases)('%s, as %s', async (action, column, i) => {
    let allowed: boolean;
    try {
      await DO[action](people.get(column)!);
      allowed = true;
    } catch (err) {
      // A child the person may not act for is refused like an unknown one (InvalidInput on caseRef),
      // and a request the person may not see like one that does not exist (NotFound).
      // Cover given to someone who may not cover is refused on the form's cover field.
      if (!(err instanceof NotPermittedError || err instanceof NotFoundError || (err instanceof InvalidInputError && ('caseRef' in err.fields || 'cover' in err.fields))))
        throw err;
      allowed = false;
    }
    expect(allowed).toBe(expected.get(action)![i]);
  });
});
