// Documents stored by an earlier release keep their old field names until the next start renames
// them (FIELD_RENAMES in src/store/records.ts); this checks that on every backend.
import type { StoredDoc } from '../../src/store/collection';
import { openRecords } from '../../src/store/records';
import { describeOnEveryBackend } from '../support/backends';

/** A follow-up task as a release before the rename stored it. */
const taskStoredBeforeTheRename = {
  _id: 'MT-2026-0001:review-meeting',
  version: 2,
  caseRef: 'CR-1001',
  team: 'North',
  requestRef: 'MT-2026-0001',
  kind: 'review-meeting',
  title: 'Hold the review',
  ruleIds: ['FRAG-5'],
  owner: 'sw-1',
  dueDate: '2026-12-01',
  state: 'open',
  createdAt: '2026-11-01T09:00:00.000Z',
  doneAt: null,
  doneBy: null,
};

describeOnEveryBackend('a task stored with requestRef', (freshStore) => {
  test('is found by sourceRef after the next start, and starting again changes nothing', async () => {
    const store = await freshStore();
    try {
      await store.collection<StoredDoc>('tasks').insert(taskStoredBeforeTheRename);

      const records = await openRecords(store);
      const [task] = await records.tasks.find({ sourceRef: 'MT-2026-0001', state: 'open' });
      const { requestRef, ...rest } = taskStoredBeforeTheRename;
      expect(task).toEqual({ ...rest, sourceRef: requestRef });

      const again = await openRecords(store);
      expect(await again.tasks.get(task._id)).toEqual(task);
      expect(await again.tasks.count({ requestRef: { $exists: true } })).toBe(0);
    } finally {
      await store.close();
    }
  });
});
