// MOVE-7 over the stored history, on every storage backend: each problem on a child with an
// allocated social worker becomes one task for them, however often the checks run.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { checkStoredCoding } from '../../src/services/codingChecks';
import type { ServiceContext } from '../../src/services/context';
import { importEpisodeFiles } from '../../src/services/episodes';
import { importChildren } from '../../src/services/people';
import { importRoster } from '../../src/services/rosterImport';
import type { Store } from '../../src/store/collection';
import { describeOnEveryBackend, serviceContextOn } from '../support/backends';

const EXAMPLES = path.resolve(__dirname, '../../examples');
const RETURN = {
  name: '2021-episodes.csv',
  text: [
    'CHILD,DECOM,RNE,LS,CIN,PLACE,PLACE_PROVIDER,DEC,REC,REASON_PLACE_CHANGE',
    'CR-1001,01/01/2020,S,C2,N1,U4,PR1,01/03/2020,X1,', //   reason missing (next is P)
    'CR-1001,01/03/2020,P,C2,N1,U6,PR1,,,OTHER', //          reason must be blank (still open)
    'X-77,01/01/2020,S,C2,N1,U4,PR1,01/03/2020,X1,', //      reason missing; no child record
    'X-77,01/03/2020,P,C2,N1,U6,PR1,,,',
    'CR-1002,01/01/2020,S,C2,N1,U4,PR1,,,', //               nothing wrong
  ].join('\n'),
};

describeOnEveryBackend('coding checks', (freshStore) => {
  let store: Store;
  let ctx: ServiceContext;

  beforeEach(async () => {
    store = await freshStore();
    ctx = await serviceContextOn(store, () => new Date('2021-06-01T09:00:00Z'));
    // The children's workers are on the roster (a link to someone who is not is not imported).
    await importRoster(ctx, readFileSync(path.join(EXAMPLES, 'roster.csv'), 'utf8'), 'test');
    await importChildren(ctx, readFileSync(path.join(EXAMPLES, 'children.csv'), 'utf8'), 'test');
    await importEpisodeFiles(ctx, [RETURN]);
  });
  afterEach(async () => {
    await store.close();
  });

  test("lists every problem and gives the child's social worker one task for each", async () => {
    const result = await checkStoredCoding(ctx);
    expect(result.problems.map((p) => [p.child, p.decom, p.check])).toEqual([
      ['CR-1001', '2020-01-01', 'reason-missing'],
      ['CR-1001', '2020-03-01', 'reason-not-blank'],
      ['X-77', '2020-01-01', 'reason-missing'],
    ]);
    expect(result.tasks).toEqual({ created: 2, existing: 0, noSocialWorker: 1 });

    const tasks = await ctx.records.tasks.find({ kind: 'fix-coding' }, { sort: { _id: 1 } });
    expect(tasks.map((t) => t._id)).toEqual(['CODING:CR-1001:2020-01-01:reason-missing:fix-coding', 'CODING:CR-1001:2020-03-01:reason-not-blank:fix-coding']);
    expect(tasks[0]).toMatchObject({
      caseRef: 'CR-1001',
      team: 'North',
      sourceRef: 'CODING:CR-1001:2020-01-01:reason-missing',
      owner: 'sam.social@example.org',
      ruleIds: ['MOVE-7'],
      dueDate: '2021-06-03',
      state: 'open',
    });
    expect(tasks[0].title).toMatch(/^Correct the coding in the case system: The episode from 01\/01\/2020 /);
    expect(tasks.map((t) => t.title).join(' ')).not.toMatch(/Jamie/); // case references only, never the name
  });

  test('running the checks again creates nothing new', async () => {
    await checkStoredCoding(ctx);
    expect((await checkStoredCoding(ctx)).tasks).toEqual({ created: 0, existing: 2, noSocialWorker: 1 });
    expect(await ctx.records.tasks.count({ kind: 'fix-coding' })).toBe(2);
  });

  test('--since keeps problems on episodes still open or ended on or after the date', async () => {
    const result = await checkStoredCoding(ctx, { since: '2020-03-02' });
    expect(result.problems.map((p) => [p.child, p.decom])).toEqual([['CR-1001', '2020-03-01']]);
  });

  test('each run is audited once, with counts only', async () => {
    await checkStoredCoding(ctx, { actor: 'cli' });
    const entries = await ctx.records.audit.find({ action: 'coding.checked' });
    expect(entries).toHaveLength(1);
    expect(entries[0]).toMatchObject({ actor: 'cli', details: { problems: 3, tasksCreated: 2, tasksExisting: 0, noSocialWorker: 1 } });
  });
});
