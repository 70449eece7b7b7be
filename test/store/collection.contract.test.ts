// One contract suite for every storage backend, so that the embedded store and MongoDB behave the
// same for everything the repositories rely on.
//
// Backends:
// - embedded: nedb files in a temporary folder;
// - MongoDB through the official driver against the MongoDB-wire test server (test/support/mongoWire.ts);
// - MongoDB through the official driver against a real server, when MONGODB_TEST_URI is set.
//
// What the wire test server (CongoServer from @push.rocks/smartmongo 2.2.0) does not do like MongoDB,
// found while writing this suite:
// - string `_id`s: unpatched it casts every `_id` to an ObjectId ("input must be a 24 character hex
//   string"), so string ids cannot be stored, upserted or indexed; mongoWire.ts patches that;
// - unique indexes: createIndex accepts `unique: true` but writes are never checked against it
//   (only the `_id` clash is detected), so the unique-index test is skipped there;
// - every failed insert is reported with code 11000, whatever the cause;
// - commands run one at a time in memory, so its atomicity says nothing about a real server's.
import { spawnSync } from 'child_process';
import { promises as fs } from 'fs';
import path from 'path';
import { DuplicateKeyError, StoreUnavailableError, type IndexSpec, type Store, type StoredDoc } from '../../src/store/collection';
import { openEmbeddedStore, StoreLockedError } from '../../src/store/embeddedStore';
import { openMongoStore } from '../../src/store/mongoStore';
import { startWireServer } from '../support/mongoWire';
import { backends, makeTempDir, uniqueSuffix, type BackendRun } from '../support/backends';

interface Item extends StoredDoc {
  name: string;
  rank: number;
  due?: string;
  closedAt?: string | null;
  owner?: { team: string };
  email?: string;
}

const item = (id: string, fields: Partial<Item> = {}): Item => ({ _id: id, version: 1, name: `item ${id}`, rank: 0, ...fields });

describe.each(backends)('$name', (backend) => {
  if (backend.skipReason) {
    test.skip(backend.skipReason, () => undefined);
    return;
  }

  let run: BackendRun;
  let store: Store;
  let collectionCount = 0;
  const freshCollection = <T extends StoredDoc = Item>() => store.collection<T>(`contract_${++collectionCount}`);

  beforeAll(async () => {
    run = await backend.setUp();
    store = await run.open();
  });

  afterAll(async () => {
    await store?.close();
    await run?.tearDown();
  });

  /** A collection holding five items with distinct ranks and due dates. */
  async function seeded() {
    const items = freshCollection();
    await items.insert(item('a', { rank: 3, due: '2025-01-10', owner: { team: 'north' }, closedAt: null }));
    await items.insert(item('b', { rank: 1, due: '2025-02-01T09:00:00.000Z', owner: { team: 'south' } }));
    await items.insert(item('c', { rank: 5, due: '2024-12-31', owner: { team: 'north' }, closedAt: '2025-01-02' }));
    await items.insert(item('d', { rank: 2, due: '2025-01-15T23:59:59.000Z', owner: { team: 'east' } }));
    await items.insert(item('e', { rank: 4 }));
    return items;
  }
  const ids = (docs: StoredDoc[]): string[] => docs.map((doc) => doc._id);
  const sortedIds = (docs: StoredDoc[]): string[] => ids(docs).sort();

  describe('insert and get', () => {
    test('a stored document comes back equal, with a string _id', async () => {
      const items = freshCollection();
      const original = item('case-1/plan.v2', { owner: { team: 'north' }, due: '2025-03-01' });
      await items.insert(original);

      const stored = await items.get('case-1/plan.v2');
      expect(stored).toEqual(original);
      expect(typeof stored!._id).toBe('string');
      expect(await items.get('missing')).toBeNull();
    });

    test('returned documents are copies', async () => {
      const items = freshCollection();
      const original = item('x', { owner: { team: 'north' } });
      await items.insert(original);
      original.owner!.team = 'changed after insert';

      const first = await items.get('x');
      first!.owner!.team = 'changed after get';
      expect((await items.get('x'))!.owner).toEqual({ team: 'north' });
    });

    test('a second insert with the same _id throws DuplicateKeyError and keeps the first', async () => {
      const items = freshCollection();
      await items.insert(item('x', { name: 'first' }));

      const error = await items.insert(item('x', { name: 'second' })).catch((err: unknown) => err);
      expect(error).toBeInstanceOf(DuplicateKeyError);
      expect((error as DuplicateKeyError).collection).toBe(items.name);
      expect((await items.get('x'))!.name).toBe('first');
    });
  });

  describe('insertMany', () => {
    test('stores every document of the batch, as copies', async () => {
      const items = freshCollection();
      const batch = Array.from({ length: 250 }, (_, i) => item(`doc-${i}`, { rank: i, owner: { team: i % 2 ? 'north' : 'south' } }));
      await items.insertMany(batch);
      batch[0].owner!.team = 'changed after insert';

      expect(await items.count({})).toBe(250);
      expect(await items.get('doc-0')).toEqual(item('doc-0', { rank: 0, owner: { team: 'south' } }));
      expect(await items.count({ 'owner.team': 'north' })).toBe(125);
    });

    test('an empty batch does nothing', async () => {
      const items = freshCollection();
      await items.insertMany([]);
      expect(await items.count({})).toBe(0);
    });

    test('a clash with a stored document throws DuplicateKeyError and keeps the stored one', async () => {
      const items = freshCollection();
      await items.insert(item('b', { name: 'first' }));

      const error = await items.insertMany([item('a'), item('b', { name: 'second' }), item('c')]).catch((err: unknown) => err);
      expect(error).toBeInstanceOf(DuplicateKeyError);
      expect((error as DuplicateKeyError).collection).toBe(items.name);
      expect((await items.get('b'))!.name).toBe('first');
      // Which of the others went in is the adapter's business; whatever went in is whole.
      for (const id of ['a', 'c']) {
        const stored = await items.get(id);
        if (stored) expect(stored).toEqual(item(id));
      }
    });

    test('two documents with the same _id in one batch clash', async () => {
      const items = freshCollection();
      const error = await items.insertMany([item('x', { name: 'one' }), item('x', { name: 'two' })]).catch((err: unknown) => err);
      expect(error).toBeInstanceOf(DuplicateKeyError);
      expect(await items.count({ _id: 'x' })).toBeLessThanOrEqual(1);
    });
  });

  describe('find, findOne and count', () => {
    test('equality, $in, $nin and $ne', async () => {
      const items = await seeded();
      expect(ids(await items.find({ rank: 3 }))).toEqual(['a']);
      expect(sortedIds(await items.find({ _id: { $in: ['b', 'd', 'zz'] } }))).toEqual(['b', 'd']);
      expect(sortedIds(await items.find({ rank: { $nin: [1, 2, 3] } }))).toEqual(['c', 'e']);
      expect(sortedIds(await items.find({ 'owner.team': { $ne: 'north' } }))).toEqual(['b', 'd', 'e']);
      expect(await items.find({ name: 'nobody' })).toEqual([]);
    });

    test('range operators compare ISO date strings as strings', async () => {
      const items = await seeded();
      expect(sortedIds(await items.find({ due: { $gte: '2025-01-01', $lt: '2025-02-01' } }))).toEqual(['a', 'd']);
      expect(sortedIds(await items.find({ due: { $gt: '2025-01-15' } }))).toEqual(['b', 'd']);
      expect(sortedIds(await items.find({ due: { $lte: '2024-12-31' } }))).toEqual(['c']);
      expect(sortedIds(await items.find({ rank: { $gt: 1, $lte: 3 } }))).toEqual(['a', 'd']);
    });

    test('dot paths reach nested fields, and fields are ANDed', async () => {
      const items = await seeded();
      expect(sortedIds(await items.find({ 'owner.team': 'north' }))).toEqual(['a', 'c']);
      expect(ids(await items.find({ 'owner.team': 'north', rank: { $lt: 4 } }))).toEqual(['a']);
    });

    test('null matches a null or missing field, as in MongoDB; $exists tells them apart', async () => {
      const items = await seeded();
      expect(sortedIds(await items.find({ closedAt: null }))).toEqual(['a', 'b', 'd', 'e']);
      expect(sortedIds(await items.find({ closedAt: { $ne: null } }))).toEqual(['c']);
      expect(sortedIds(await items.find({ closedAt: { $in: [null, '2025-01-02'] } }))).toEqual(['a', 'b', 'c', 'd', 'e']);
      expect(sortedIds(await items.find({ closedAt: { $nin: [null] } }))).toEqual(['c']);
      expect(sortedIds(await items.find({ closedAt: { $exists: true } }))).toEqual(['a', 'c']);
      expect(sortedIds(await items.find({ owner: { $exists: false } }))).toEqual(['e']);
      expect(await items.count({ closedAt: null, 'owner.team': 'north' })).toBe(1);
    });

    test('sort, skip and limit', async () => {
      const items = await seeded();
      expect(ids(await items.find({}, { sort: { rank: 1 } }))).toEqual(['b', 'd', 'a', 'e', 'c']);
      expect(ids(await items.find({}, { sort: { rank: -1 }, skip: 1, limit: 2 }))).toEqual(['e', 'a']);
      expect(ids(await items.find({ 'owner.team': 'north' }, { sort: { due: -1 } }))).toEqual(['a', 'c']);
      expect(ids(await items.find({}, { sort: { 'owner.team': 1, rank: -1 }, skip: 1 }))).toEqual(['d', 'c', 'a', 'b']);
      expect(await items.find({}, { skip: 10 })).toEqual([]);
    });

    test('findOne honours sort and returns null when nothing matches', async () => {
      const items = await seeded();
      expect((await items.findOne({ 'owner.team': 'north' }, { sort: { rank: -1 } }))!._id).toBe('c');
      expect((await items.findOne({ rank: { $gte: 2 } }, { sort: { rank: 1 } }))!._id).toBe('d');
      expect(await items.findOne({ rank: 99 })).toBeNull();
    });

    test('count', async () => {
      const items = await seeded();
      expect(await items.count({})).toBe(5);
      expect(await items.count({ rank: { $gte: 3 } })).toBe(3);
      expect(await items.count({ name: 'nobody' })).toBe(0);
      expect(await freshCollection().count({})).toBe(0);
    });
  });

  describe('updateIfVersion', () => {
    test('applies the changes, bumps the version and leaves other fields alone', async () => {
      const items = freshCollection();
      await items.insert(item('x', { rank: 1, owner: { team: 'north' } }));

      const updated = await items.updateIfVersion('x', 1, { rank: 7, due: '2025-05-01' });
      expect(updated).toEqual({ ...item('x', { rank: 7, owner: { team: 'north' }, due: '2025-05-01' }), version: 2 });
      expect(await items.get('x')).toEqual(updated);
      expect((await items.updateIfVersion('x', 2, { name: 'renamed' }))!.version).toBe(3);
    });

    test('a field given as undefined is removed', async () => {
      const items = freshCollection();
      await items.insert(item('x', { due: '2025-05-01' }));

      const updated = await items.updateIfVersion('x', 1, { due: undefined });
      expect(updated).not.toHaveProperty('due');
      expect(await items.get('x')).not.toHaveProperty('due');
      expect(updated!.version).toBe(2);
    });

    test('a stale version or a missing document gives null and changes nothing', async () => {
      const items = freshCollection();
      await items.insert(item('x', { rank: 1 }));
      await items.updateIfVersion('x', 1, { rank: 2 });

      expect(await items.updateIfVersion('x', 1, { rank: 99 })).toBeNull();
      expect(await items.get('x')).toEqual({ ...item('x', { rank: 2 }), version: 2 });
      expect(await items.updateIfVersion('missing', 1, { rank: 99 })).toBeNull();
      expect(await items.get('missing')).toBeNull();
    });

    test('of 10 concurrent updates from the same version exactly one wins', async () => {
      const items = freshCollection();
      await items.insert(item('x'));

      const results = await Promise.all(Array.from({ length: 10 }, (_, writer) => items.updateIfVersion('x', 1, { name: `writer ${writer}` })));
      const winners = results.filter((result) => result !== null);
      expect(winners).toHaveLength(1);
      expect(await items.get('x')).toEqual(winners[0]);
      expect(winners[0]!.version).toBe(2);
    });
  });

  describe('increment', () => {
    interface Counter extends StoredDoc {
      next?: number;
      other?: number;
    }

    test('starts a missing document at 0 (version 1) and adds to it', async () => {
      const counters = freshCollection<Counter>();
      expect(await counters.increment('case-ref', 'next')).toBe(1);
      expect(await counters.get('case-ref')).toEqual({ _id: 'case-ref', version: 1, next: 1 });
      expect(await counters.increment('case-ref', 'next', 5)).toBe(6);
      expect(await counters.increment('case-ref', 'other', -2)).toBe(-2);
      expect(await counters.get('case-ref')).toEqual({ _id: 'case-ref', version: 3, next: 6, other: -2 });
    });

    test('keeps the other fields of an existing document', async () => {
      const items = freshCollection<Item & { hits?: number }>();
      await items.insert(item('x', { rank: 4 }));
      expect(await items.increment('x', 'hits')).toBe(1);
      expect(await items.get('x')).toEqual({ ...item('x', { rank: 4 }), hits: 1, version: 2 });
    });

    test('20 concurrent increments of a missing document give 1..20, each once', async () => {
      const counters = freshCollection<Counter>();
      const values = await Promise.all(Array.from({ length: 20 }, () => counters.increment('seq', 'next')));
      expect([...values].sort((a, b) => a - b)).toEqual(Array.from({ length: 20 }, (_, i) => i + 1));
      expect((await counters.get('seq'))!.next).toBe(20);
    });

    test('refuses the contract fields as counters', async () => {
      const counters = freshCollection<Counter>();
      await expect(counters.increment('x', 'version')).rejects.toThrow(/cannot be used as a counter/);
      await expect(counters.increment('x', '_id')).rejects.toThrow(/cannot be used as a counter/);
    });
  });

  describe('put, delete and deleteMany', () => {
    test('put creates a document, then replaces it wholly', async () => {
      const items = freshCollection();
      await items.put(item('x', { due: '2025-01-01', owner: { team: 'north' } }));
      expect(await items.get('x')).toEqual(item('x', { due: '2025-01-01', owner: { team: 'north' } }));

      await items.put({ _id: 'x', version: 5, name: 'replaced', rank: 9 });
      expect(await items.get('x')).toEqual({ _id: 'x', version: 5, name: 'replaced', rank: 9 });
      expect(await items.count({})).toBe(1);
    });

    test('delete reports whether something was deleted', async () => {
      const items = await seeded();
      expect(await items.delete('a')).toBe(true);
      expect(await items.delete('a')).toBe(false);
      expect(await items.get('a')).toBeNull();
      expect(await items.count({})).toBe(4);
    });

    test('deleteMany deletes what matches and returns how many', async () => {
      const items = await seeded();
      expect(await items.deleteMany({ 'owner.team': 'north' })).toBe(2);
      expect(await items.deleteMany({ 'owner.team': 'north' })).toBe(0);
      expect(sortedIds(await items.find({}))).toEqual(['b', 'd', 'e']);
    });
  });

  describe('renameField (start-up migrations)', () => {
    interface Renamed extends StoredDoc {
      oldName?: string;
      newName?: string;
    }
    test('renames the field where it exists and the new one does not, and a second run changes nothing', async () => {
      const docs = freshCollection<Renamed>();
      await docs.insertMany([
        { _id: 'old', version: 3, oldName: 'PM-1' },
        { _id: 'both', version: 1, oldName: 'stale', newName: 'MT-2' },
        { _id: 'new', version: 1, newName: 'FA-3' },
      ]);
      expect(await docs.renameField('oldName', 'newName')).toBe(1);
      expect(await docs.renameField('oldName', 'newName')).toBe(0);
      expect(await docs.get('old')).toEqual({ _id: 'old', version: 3, newName: 'PM-1' });
      expect(await docs.get('both')).toEqual({ _id: 'both', version: 1, oldName: 'stale', newName: 'MT-2' });
      expect(await docs.find({ newName: 'PM-1' })).toHaveLength(1);
    });

    test('refuses the contract fields and paths', async () => {
      const docs = freshCollection<Renamed>();
      await expect(docs.renameField('version', 'v')).rejects.toThrow(/not a top-level field/);
      await expect(docs.renameField('a.b', 'c')).rejects.toThrow(/not a top-level field/);
      await expect(docs.renameField('a', '_id')).rejects.toThrow(/not a top-level field/);
    });
  });

  describe('indexes', () => {
    test('ensureIndexes can be called again, also on a collection that has documents', async () => {
      const items = await seeded();
      const specs: IndexSpec[] = [{ fields: { due: 1 } }, { fields: { 'owner.team': 1, rank: -1 } }];
      await items.ensureIndexes(specs);
      await items.ensureIndexes(specs);
      expect(sortedIds(await items.find({ 'owner.team': 'north' }))).toEqual(['a', 'c']);
    });

    // The wire test server records unique indexes but never checks writes against them.
    (backend.enforcesUniqueIndexes ? test : test.skip)('unique indexes (single and compound) reject clashing writes', async () => {
      const items = freshCollection();
      await items.ensureIndexes([
        { fields: { email: 1 }, unique: true },
        { fields: { name: 1, rank: 1 }, unique: true },
      ]);
      await items.insert(item('a', { email: 'a@example.org', name: 'same', rank: 1 }));
      await items.insert(item('b', { email: 'b@example.org', name: 'same', rank: 2 }));

      await expect(items.insert(item('c', { email: 'a@example.org', rank: 3 }))).rejects.toBeInstanceOf(DuplicateKeyError);
      await expect(items.insert(item('d', { email: 'd@example.org', name: 'same', rank: 2 }))).rejects.toBeInstanceOf(DuplicateKeyError);
      await expect(items.updateIfVersion('b', 1, { email: 'a@example.org' })).rejects.toBeInstanceOf(DuplicateKeyError);
      expect(sortedIds(await items.find({}))).toEqual(['a', 'b']);
      expect((await items.get('b'))!.version).toBe(1);
    });
  });

  describe('store', () => {
    test('ping answers', async () => {
      await expect(store.ping()).resolves.toBeUndefined();
    });

    test('after close, operations reject with StoreUnavailableError', async () => {
      const closing = await run.open();
      const items = closing.collection<Item>('closing');
      await items.insert(item('x'));
      await closing.close();
      await closing.close(); // a second close is harmless

      await expect(items.get('x')).rejects.toBeInstanceOf(StoreUnavailableError);
      await expect(closing.collection<Item>('other').count({})).rejects.toBeInstanceOf(StoreUnavailableError);
      await expect(closing.ping()).rejects.toBeInstanceOf(StoreUnavailableError);
    });
  });
});

describe('embedded store only', () => {
  let root: string;
  beforeEach(async () => {
    root = await makeTempDir();
  });
  afterEach(async () => {
    await fs.rm(root, { recursive: true, force: true });
  });

  test('data and indexes survive close and reopen', async () => {
    const first = await openEmbeddedStore(root);
    const items = first.collection<Item>('items');
    await items.ensureIndexes([{ fields: { email: 1 }, unique: true }]);
    await items.insert(item('a', { email: 'a@example.org' }));
    await items.updateIfVersion('a', 1, { rank: 2 });
    await items.insert(item('b', { email: 'b@example.org' }));
    await items.delete('b');
    await first.close();

    const second = await openEmbeddedStore(root);
    const reopened = second.collection<Item>('items');
    expect(await reopened.find({})).toEqual([{ ...item('a', { email: 'a@example.org', rank: 2 }), version: 2 }]);
    await expect(reopened.insert(item('c', { email: 'a@example.org' }))).rejects.toBeInstanceOf(DuplicateKeyError);
    await second.close();
  });

  test('close compacts the file to one line per document (plus index definitions)', async () => {
    const embedded = await openEmbeddedStore(root);
    const items = embedded.collection<Item>('items');
    await items.insert(item('a'));
    for (let version = 1; version <= 5; version++) await items.updateIfVersion('a', version, { rank: version });
    await embedded.close();

    const lines = (await fs.readFile(path.join(root, 'items.db'), 'utf8')).trim().split('\n');
    expect(lines).toHaveLength(1);
    expect(JSON.parse(lines[0])).toMatchObject({ _id: 'a', version: 6, rank: 5 });
  });

  test('a second open of the same folder is refused while the first is open', async () => {
    const first = await openEmbeddedStore(root);
    const lock = JSON.parse(await fs.readFile(path.join(root, '.lock'), 'utf8')) as { pid: number; startedAt: string };
    expect(lock.pid).toBe(process.pid);
    expect(Number.isNaN(Date.parse(lock.startedAt))).toBe(false);

    const error = await openEmbeddedStore(root).catch((err: unknown) => err);
    expect(error).toBeInstanceOf(StoreLockedError);
    expect((error as Error).message).toBe(
      `The embedded store in ${root} is in use by another process (pid ${process.pid}), probably the running bot. ` + 'Stop it first, or set MONGODB_URI to use MongoDB.',
    );

    await first.close();
    await expect(fs.access(path.join(root, '.lock'))).rejects.toThrow();
    const again = await openEmbeddedStore(root);
    await again.close();
  });

  test('the lock of a process that has died is taken over', async () => {
    const deadPid = spawnSync(process.execPath, ['-e', '']).pid;
    await fs.writeFile(path.join(root, '.lock'), JSON.stringify({ pid: deadPid, startedAt: '2025-01-01T00:00:00.000Z' }));

    const store = await openEmbeddedStore(root);
    expect(JSON.parse(await fs.readFile(path.join(root, '.lock'), 'utf8')).pid).toBe(process.pid);
    await store.close();
  });

  test('with lock: false no lock file is made', async () => {
    const store = await openEmbeddedStore(root, { lock: false });
    await expect(fs.access(path.join(root, '.lock'))).rejects.toThrow();
    await store.close();
  });
});

describe('mongodb store when the server goes away', () => {
  test('operations reject with StoreUnavailableError, and so does opening', async () => {
    const server = await startWireServer();
    const store = await openMongoStore(server.uri, `psb_outage_${uniqueSuffix()}`, { serverSelectionTimeoutMS: 500 });
    const items = store.collection<Item>('items');
    await items.insert(item('a'));
    await server.stop();

    try {
      const failures = await Promise.all([
        items.get('a').catch((err: unknown) => err),
        items.insert(item('b')).catch((err: unknown) => err),
        items.updateIfVersion('a', 1, { rank: 1 }).catch((err: unknown) => err),
        store.ping().catch((err: unknown) => err),
      ]);
      for (const failure of failures) expect(failure).toBeInstanceOf(StoreUnavailableError);
      await expect(openMongoStore(server.uri, 'psb_outage', { serverSelectionTimeoutMS: 500 })).rejects.toBeInstanceOf(StoreUnavailableError);
    } finally {
      await store.close();
    }
  });
});
