// Tasks stored before a title was kept apart from the carer's name and a meeting's words had them
// in the title, which is listed in shared places (a channel's digest, "my tasks" in a group chat).
// The start-up migration rewrites those titles with the rules' own wording, on every backend.
import type { ServiceContext } from '../../src/services/context';
import { buildDigest } from '../../src/services/digest';
import { toChild, toPerson } from '../../src/services/people';
import { migrateTaskTitles, titleForSharedPlaces } from '../../src/services/taskTitles';
import type { Store } from '../../src/store/collection';
import type { TaskDoc } from '../../src/store/records';
import { taskTitle } from '../../src/teams/cards';
import { digestCard } from '../../src/teams/digestCards';
import { disclosureFor } from '../../src/teams/disclosure';
import { describeOnEveryBackend, serviceContextOn } from '../support/backends';
import { loadExamplePeople } from '../support/fixtures';

const SERVICE = 'Weekly therapeutic parenting sessions with the Riverside service';
const ACTION = 'Ring Jo Relative about respite at her sister';

function oldTask(kind: string, title: string, sourceRef = 'PM-2026-0001', dueDate = '2026-11-20'): TaskDoc {
  return {
    _id: `${sourceRef}:${kind}`,
    version: 1,
    caseRef: 'CR-1004',
    team: 'North',
    sourceRef,
    kind: kind as TaskDoc['kind'],
    title,
    ruleIds: ['END-1'],
    owner: 'sam.social@example.org',
    dueDate,
    state: 'open',
    createdAt: '2026-11-01T09:00:00.000Z',
    doneAt: null,
    doneBy: null,
  };
}

/** As the release before stored them (the wording of that release, carer and meeting words in the title). */
const STORED_BEFORE = [
  oldTask(
    'end-placement-officer',
    'Tell the Placement Officer that the placement with Jo Relative ended on Fri, 20 Nov 2026, so they serve notice on the provider and tell finance to stop payments',
  ),
  oldTask('end-tell-those-told', 'Tell everyone who was told when the placement with Jo Relative began that it has ended'),
  oldTask(
    'tell-placements-service',
    'Tell the Placements Service today that the placement with Bright Futures Fostering will end on 2027-01-18 (unless they were at the meeting)',
    'MT-2026-0001',
  ),
  oldTask('serve-notice', 'Serve notice on Bright Futures Fostering for the planned end on 2027-01-18', 'MT-2026-0001'),
  oldTask('commissioning-panel', `Present the costed external service to the Commissioning Panel for funding before it is arranged: ${SERVICE}`, 'MT-2026-0002'),
  { ...oldTask('action', ACTION, 'MT-2026-0003'), _id: 'MT-2026-0003:action:1' },
];

describeOnEveryBackend("tasks stored with a carer's name or a meeting's words in the title", (freshStore) => {
  let store: Store;
  let ctx: ServiceContext;
  const now = new Date('2026-11-23T07:00:00Z');

  beforeEach(async () => {
    store = await freshStore();
    ctx = await serviceContextOn(store, () => now);
    await loadExamplePeople(ctx);
    for (const t of STORED_BEFORE) await ctx.records.tasks.insert(t);
  });
  afterEach(() => store.close());

  test('before the migration a shared place lists them by their source only', () => {
    for (const t of STORED_BEFORE) expect(titleForSharedPlaces(t)).toBe(`A follow-up task from ${t.sourceRef}`);
  });

  test('the migration rewrites each title without the carer or the words, keeps those beside it, and a second run changes nothing', async () => {
    expect(await migrateTaskTitles(ctx)).toBe(STORED_BEFORE.length);
    const byKind = new Map((await ctx.records.tasks.find({})).map((t) => [t.kind, t]));
    expect(byKind.get('end-placement-officer')).toMatchObject({
      title: 'Tell the Placement Officer that the old placement ended on Fri, 20 Nov 2026, so they serve notice on the provider and tell finance to stop payments',
      carerName: 'Jo Relative',
      typed: null,
    });
    expect(byKind.get('end-tell-those-told')).toMatchObject({ title: 'Tell everyone who was told when the old placement began that it has ended', carerName: 'Jo Relative' });
    expect(byKind.get('tell-placements-service')).toMatchObject({
      title: 'Tell the Placements Service today that the placement will end on 2027-01-18 (unless they were at the meeting)',
      carerName: 'Bright Futures Fostering',
    });
    expect(byKind.get('serve-notice')).toMatchObject({ title: 'Serve notice on the provider for the planned end on 2027-01-18', carerName: 'Bright Futures Fostering' });
    expect(byKind.get('commissioning-panel')).toMatchObject({
      title: 'Present the costed external service to the Commissioning Panel for funding before it is arranged',
      typed: SERVICE,
    });
    expect(byKind.get('action')).toMatchObject({ title: 'An action agreed at MT-2026-0003', typed: ACTION });

    const after = await ctx.records.tasks.find({});
    expect(await migrateTaskTitles(ctx)).toBe(0);
    expect(await ctx.records.tasks.find({})).toEqual(after);

    // The digest a channel gets lists them without the carer or the words.
    const digest = JSON.stringify(digestCard(await buildDigest(ctx, ['North'], '2026-11-23', null), now));
    expect(digest).toContain('CR-1004 · Tell the Placement Officer that the old placement ended');
    for (const secret of ['Jo Relative', 'Bright Futures', SERVICE, ACTION]) expect(digest).not.toContain(secret);
  });

  test("a task's title shows the carer where the child's name may be shown, and the meeting's words in a personal chat only", async () => {
    await migrateTaskTitles(ctx);
    const person = toPerson((await ctx.records.people.get('sam.social@example.org'))!);
    const child = toChild((await ctx.records.children.get('CR-1004'))!);
    const own = disclosureFor({ person, shared: false }, child);
    const shared = disclosureFor({ person, shared: true }, child);
    const [ending, , , , panel, action] = await Promise.all(STORED_BEFORE.map(async (t) => (await ctx.records.tasks.get(t._id))!));
    expect(taskTitle(ending, own)).toContain('(the placement with Jo Relative)');
    expect(taskTitle(ending, shared)).not.toContain('Jo Relative');
    expect(taskTitle(panel, own)).toContain(SERVICE);
    expect(taskTitle(panel, shared)).not.toContain(SERVICE);
    expect(taskTitle(action, own)).toBe(ACTION);
    expect(taskTitle(action, shared)).toBe('An action agreed at MT-2026-0003');
  });
});
