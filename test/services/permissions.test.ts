// Who may do what, role by role, checked against the table in the README (so the documentation
// cannot drift from the code). Each person below has one role, in team North.
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { ukDate } from '../../src/domain/dates';
import { ROLES, type Person, type Role } from '../../src/domain/people';
import type { ServiceContext } from '../../src/services/context';
import { setApprovalsChannel } from '../../src/services/conversations';
import { closeAlert, raiseAlert } from '../../src/services/alerts';
import { subscribeDigest } from '../../src/services/digest';
import { InvalidInputError, NotPermittedError } from '../../src/services/errors';
import { answerInfoRequest, confirmMove, decideMove, moveTracker, requestMove } from '../../src/services/moves';
import { importChildren, importRoster, toPerson } from '../../src/services/people';
import { completeTask } from '../../src/services/tasks';
import type { Store } from '../../src/store/collection';
import { openEmbeddedStore } from '../../src/store/embeddedStore';
import { serviceContextOn } from '../support/backends';
import { validMoveForm } from '../support/fixtures';

/** The README's permission table: action -> role column -> allowed. */
function readmeTable(): Map<string, Map<string, boolean>> {
  const readme = readFileSync(path.resolve(__dirname, '../../README.md'), 'utf8');
  const block = /<!-- permissions:start -->([\s\S]*?)<!-- permissions:end -->/.exec(readme)![1];
  const rows = block.trim().split('\n').filter((l) => l.startsWith('|')).map((l) => l.split('|').slice(1, -1).map((c) => c.trim()));
  const [header, , ...body] = rows;
  return new Map(body.map((cells) => [cells[0], new Map(header.slice(1).map((role, i) => [role, cells[i + 1] === 'yes']))]));
}

const COLUMNS: Array<{ column: string; role: Role; allocated?: boolean }> = [
  { column: 'social worker (allocated)', role: 'social_worker', allocated: true },
  { column: 'social worker (other)', role: 'social_worker' },
  ...ROLES.filter((r) => r !== 'social_worker').map((role) => ({ column: role.replace(/_/g, ' '), role })),
];

describe('permissions by role', () => {
  let store: Store;
  let ctx: ServiceContext;
  let n = 0;
  const people = new Map<string, Person>();
  const hos = () => people.get('head of service')!;
  const allocatedSw = () => people.get('social worker (allocated)')!;

  beforeAll(async () => {
    store = await openEmbeddedStore(mkdtempSync(path.join(tmpdir(), 'psb-perm-')));
    ctx = await serviceContextOn(store, () => new Date());
    const roster = ['email,name,aadObjectId,roles,teams', ...COLUMNS.map((c, i) => `p${i}@example.org,Person ${i},,${c.role},North`)].join('\n');
    await importRoster(ctx, roster, 'test');
    for (const [i, c] of COLUMNS.entries()) people.set(c.column, toPerson((await ctx.records.people.get(`p${i}@example.org`))!));
  });
  afterAll(() => store.close());

  /** A new child of team North (social worker p0, supervising social worker p2, IRO p7), and a request at the given stage. */
  async function childAt(stage: 'none' | 'pending' | 'info' | 'approved'): Promise<{ caseRef: string; ref: string }> {
    const caseRef = `CR-P${++n}`;
    await importChildren(ctx, `caseRef,name,dateOfBirth,team,legalStatus,placementType,placementProvider,placementStart,carerName,carerEmail,socialWorker,supervisingSocialWorker,iro\n${caseRef},Child ${n},2012-01-01,North,C2,U4,PR1,2025-01-01,Carer,,p0@example.org,p2@example.org,p7@example.org`, 'test');
    if (stage === 'none') return { caseRef, ref: '' };
    const request = await requestMove(ctx, allocatedSw(), moveForm(caseRef));
    if (stage === 'info') await decideMove(ctx, hos(), request.ref, { outcome: 'info', comment: 'Which school will the child attend?' });
    if (stage === 'approved') await decideMove(ctx, hos(), request.ref, { outcome: 'approved' });
    return { caseRef, ref: request.ref };
  }
  const alertForm = { triggers: 'carer-struggling', description: 'The carer says evenings have become very hard lately.', immediateSafeguardingRisk: 'no', supportInPlace: '' };
  const moveForm = (caseRef: string) => validMoveForm({ caseRef });

  const ACTIONS: Record<string, (p: Person) => Promise<unknown>> = {
    'request a move': async (p) => requestMove(ctx, p, moveForm((await childAt('none')).caseRef)),
    'decide a move': async (p) => decideMove(ctx, p, (await childAt('pending')).ref, { outcome: 'approved' }),
    'answer the approver\'s question': async (p) => answerInfoRequest(ctx, p, (await childAt('info')).ref, { answer: 'The same school, with transport.' }),
    'confirm the move happened': async (p) => confirmMove(ctx, p, (await childAt('approved')).ref, { moveDate: ukDate(new Date()), placementType: 'U4' }),
    'mark a follow-up task done': async (p) => {
      const { ref } = await childAt('approved');
      return completeTask(ctx, p, `${ref}:sw-visit`);
    },
    'see the move tracker': async (p) => moveTracker(ctx, p),
    'raise a fragility alert': async (p) => raiseAlert(ctx, p, { ...alertForm, caseRef: (await childAt('none')).caseRef }),
    'close an alert by hand': async (p) => {
      const alert = await raiseAlert(ctx, allocatedSw(), { ...alertForm, caseRef: (await childAt('none')).caseRef });
      return closeAlert(ctx, p, alert.ref, { reason: 'Support package agreed at the review.' });
    },
    'choose the approvals channel': async (p) => setApprovalsChannel(ctx, p, 'North', `19:${++n}@thread`),
    'send the digest to a channel': async (p) => subscribeDigest(ctx, p, `19:${++n}@thread`, ['North']),
  };

  const table = readmeTable();
  const cases = Object.keys(ACTIONS).flatMap((action) => COLUMNS.map((c) => [action, c.column] as const));

  test('the README table lists every action and role', () => {
    expect([...table.keys()].sort()).toEqual(Object.keys(ACTIONS).sort());
    for (const row of table.values()) expect([...row.keys()]).toEqual(COLUMNS.map((c) => c.column));
  });

  test.each(cases)('%s, as %s', async (action, column) => {
    const expected = table.get(action)?.get(column);
    let allowed: boolean;
    try {
      await ACTIONS[action](people.get(column)!);
      allowed = true;
    } catch (err) {
      // A child the person may not act for is refused like an unknown one (InvalidInput on caseRef).
      if (!(err instanceof NotPermittedError || (err instanceof InvalidInputError && 'caseRef' in err.fields))) throw err;
      allowed = false;
    }
    expect(allowed).toBe(expected);
  });
});
