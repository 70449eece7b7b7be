// END-2 on every storage backend: a Disruption Meeting's learning, recorded in structured fields,
// is summarised for managers across disruptions; others are refused.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { ServiceContext } from '../../src/services/context';
import { InvalidInputError, NotPermittedError } from '../../src/services/errors';
import { conveneMeeting, disruptionLearning, recordOutcome } from '../../src/services/meetings';
import { identify, importChildren, importRoster } from '../../src/services/people';
import type { Store } from '../../src/store/collection';
import { describeOnEveryBackend, serviceContextOn } from '../support/backends';

const EXAMPLES = path.resolve(__dirname, '../../examples');

describeOnEveryBackend('learning from disruptions', (freshStore) => {
  let store: Store;
  let ctx: ServiceContext;
  let now = new Date('2026-11-23T10:00:00Z');
  const person = (email: string) => identify(ctx, undefined, async () => email);

  beforeEach(async () => {
    now = new Date('2026-11-23T10:00:00Z');
    store = await freshStore();
    ctx = await serviceContextOn(store, () => now);
    await importRoster(ctx, readFileSync(path.join(EXAMPLES, 'roster.csv'), 'utf8'), 'test');
    await importChildren(ctx, readFileSync(path.join(EXAMPLES, 'children.csv'), 'utf8'), 'test');
  });
  afterEach(async () => {
    await store.close();
  });

  test('END-2: the learning is recorded in structured fields and summarised for managers across disruptions', async () => {
    const sam = await person('sam.social@example.org');
    const harry = await person('harry.hos@example.org');
    const meeting = await conveneMeeting(ctx, sam, {
      type: 'disruption', caseRef: 'CR-1001', placementEnded: '2026-10-01', date: '2026-11-24', time: '10:00', durationMinutes: '90', chair: 'harry.hos@example.org', childAttendance: 'whole',
    });
    now = new Date('2026-11-24T15:00:00Z');
    const base = { decision: 'learning-recorded', summary: 'Everyone involved met to look back at how the placement ended.', attended: 'sam.social@example.org,harry.hos@example.org' };
    await expect(recordOutcome(ctx, harry, meeting.ref, base)).rejects.toBeInstanceOf(InvalidInputError);
    await recordOutcome(ctx, harry, meeting.ref, { ...base, whatHelped: 'Weekly respite and the school link worker.', whatDidNotHelp: 'Three changes of social worker in a year.', whatToChange: 'Hold the support meeting at the first signs.' });

    const tom = await person('tom.manager@example.org');
    expect(await disruptionLearning(ctx, tom, '2025-11-24')).toEqual([
      { ref: meeting.ref, caseRef: 'CR-1001', team: 'North', date: '2026-11-24', helped: 'Weekly respite and the school link worker.', didNotHelp: 'Three changes of social worker in a year.', change: 'Hold the support meeting at the first signs.' },
    ]);
    expect(await disruptionLearning(ctx, tom, '2026-11-25')).toEqual([]);
    await expect(disruptionLearning(ctx, sam, '2025-11-24')).rejects.toBeInstanceOf(NotPermittedError);
  });
});
