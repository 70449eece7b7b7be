// Within one unit of work (a turn), a record read by id is read once; writes keep that memory right.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Collection, StoredDoc } from '../../src/store/collection';
import { openEmbeddedStore } from '../../src/store/embeddedStore';
import { outsideUnitOfWork, rememberingReads, withinUnitOfWork } from '../../src/store/unitOfWork';

type Doc = StoredDoc & { n: number };

test('a record read twice in a unit of work is read once; an update, a failed update and a put keep the memory right; outside it every read reaches the store', async () => {
  const store = await openEmbeddedStore(mkdtempSync(path.join(tmpdir(), 'psb-uow-')));
  const raw = store.collection<Doc>('docs');
  let reads = 0;
  const counted: Collection<Doc> = new Proxy(raw, { get: (t, p) => (p === 'get' ? (id: string) => (reads++, t.get(id)) : (Reflect.get(t, p).bind?.(t) ?? Reflect.get(t, p))) });
  const docs = rememberingReads(counted);
  await docs.insert({ _id: 'a', version: 1, n: 1 });

  await withinUnitOfWork(async () => {
    const first = (await docs.get('a'))!;
    first.n = 99; // a caller changing what it was given does not change what the next one gets
    expect(await docs.get('a')).toEqual({ _id: 'a', version: 1, n: 1 });
    expect(reads).toBe(1);
    expect(await docs.updateIfVersion('a', 1, { n: 2 })).toMatchObject({ version: 2, n: 2 });
    expect(await docs.get('a')).toMatchObject({ version: 2, n: 2 }); // the stored result, no read
    expect(reads).toBe(1);
    // Someone else changes it: our version-checked update fails, and the next read goes to the store.
    await raw.updateIfVersion('a', 2, { n: 3 });
    expect(await docs.updateIfVersion('a', 2, { n: 4 })).toBeNull();
    expect(await docs.get('a')).toMatchObject({ version: 3, n: 3 });
    expect(reads).toBe(2);
    await docs.put({ _id: 'a', version: 4, n: 5 });
    expect(await docs.get('a')).toMatchObject({ n: 5 });
    expect(reads).toBe(3);
    // A pass the turn wakes (the outbox sender) reads the store afresh.
    await outsideUnitOfWork(() => docs.get('a'));
    expect(reads).toBe(4);
  });
  await docs.get('a');
  await docs.get('a');
  expect(reads).toBe(6);
  await store.close();
});
