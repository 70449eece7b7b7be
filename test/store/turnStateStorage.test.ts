import { promises as fs } from 'fs';
import os from 'os';
import path from 'path';
import type { Storage } from 'botbuilder';
import type { Store } from '../../src/store/collection';
import { openEmbeddedStore } from '../../src/store/embeddedStore';
import { openMongoStore } from '../../src/store/mongoStore';
import { ETagConflictError, TurnStateStorage } from '../../src/store/turnStateStorage';
import { startWireServer, type WireServer } from '../support/mongoWire';

interface Backend {
  name: string;
  open(): Promise<{ store: Store; tearDown(): Promise<void> }>;
}

const backends: Backend[] = [
  {
    name: 'embedded store',
    open: async () => {
      const dir = await fs.mkdtemp(path.join(os.tmpdir(), 'psb-turnstate-'));
      const store = await openEmbeddedStore(dir);
      return { store, tearDown: () => fs.rm(dir, { recursive: true, force: true }) };
    },
  },
  {
    name: 'mongodb store on the wire test server',
    open: async () => {
      const server: WireServer = await startWireServer();
      const store = await openMongoStore(server.uri, 'turnstate');
      return { store, tearDown: server.stop };
    },
  },
];

describe.each(backends)('TurnStateStorage on the $name', (backend) => {
  let store: Store;
  let tearDown: () => Promise<void>;
  let storage: TurnStateStorage;
  let keyCount = 0;
  // Keys like teams-ai's, with '/' and '.'.
  const freshKey = () => `msteams/conversations/19:abc.def@thread.v2;messageid=${++keyCount}/`;

  beforeAll(async () => {
    ({ store, tearDown } = await backend.open());
    storage = new TurnStateStorage(store);
  });
  afterAll(async () => {
    await store?.close();
    await tearDown?.();
  });

  test('fits botbuilder Storage', () => {
    const asBotStorage: Storage = storage;
    expect(asBotStorage).toBe(storage);
  });

  test('reads back what was written, with an eTag, and nothing for unknown keys', async () => {
    const key = freshKey();
    await storage.write({ [key]: { count: 1, nested: { list: [1, 2] } } });

    expect(await storage.read([key, 'unknown'])).toEqual({ [key]: { count: 1, nested: { list: [1, 2] }, eTag: '1' } });
    expect(await storage.read([])).toEqual({});
  });

  test('items may hold field names that the databases refuse', async () => {
    const key = freshKey();
    const awkward = { $schema: 'x', 'a.b': { $ref: 1, 'c.d': true } };
    await storage.write({ [key]: awkward });
    expect((await storage.read([key]))[key]).toEqual({ ...awkward, eTag: '1' });
  });

  test('a write with the current eTag succeeds and gives a new eTag; a stale eTag is refused', async () => {
    const key = freshKey();
    await storage.write({ [key]: { step: 1 } });
    const read = (await storage.read([key]))[key];

    await storage.write({ [key]: { ...read, step: 2 } });
    expect((await storage.read([key]))[key]).toEqual({ step: 2, eTag: '2' });

    await expect(storage.write({ [key]: { ...read, step: 3 } })).rejects.toBeInstanceOf(ETagConflictError);
    expect((await storage.read([key]))[key]).toEqual({ step: 2, eTag: '2' });
  });

  test("eTag '*' or none overwrites whatever is stored", async () => {
    const key = freshKey();
    await storage.write({ [key]: { step: 1 } });
    await storage.write({ [key]: { step: 2, eTag: '*' } });
    await storage.write({ [key]: { step: 3 } });
    expect((await storage.read([key]))[key]).toEqual({ step: 3, eTag: '3' });
  });

  test('of concurrent writes from the same read exactly one succeeds', async () => {
    const key = freshKey();
    await storage.write({ [key]: { turn: 0 } });
    const read = (await storage.read([key]))[key];

    const outcomes = await Promise.allSettled(
      Array.from({ length: 5 }, (_, turn) => storage.write({ [key]: { ...read, turn: turn + 1 } })),
    );
    expect(outcomes.filter((outcome) => outcome.status === 'fulfilled')).toHaveLength(1);
    for (const outcome of outcomes) {
      if (outcome.status === 'rejected') expect(outcome.reason).toBeInstanceOf(ETagConflictError);
    }
    expect((await storage.read([key]))[key].eTag).toBe('2');
  });

  test('an item deleted since it was read is written again', async () => {
    const key = freshKey();
    await storage.write({ [key]: { step: 1 } });
    const read = (await storage.read([key]))[key];
    await storage.delete([key]);
    expect(await storage.read([key])).toEqual({});

    await storage.write({ [key]: { ...read, step: 2 } });
    expect((await storage.read([key]))[key]).toEqual({ step: 2, eTag: '1' });
  });

  test('delete removes several keys and ignores unknown ones', async () => {
    const [first, second] = [freshKey(), freshKey()];
    await storage.write({ [first]: { a: 1 }, [second]: { b: 2 } });
    await storage.delete([first, second, 'unknown']);
    expect(await storage.read([first, second])).toEqual({});
  });
});
