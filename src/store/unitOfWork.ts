// One turn, one read of each record: within a unit of work (a turn of the bot, from the activity
// arriving to the answer), a record read by id is remembered, so that the service and the card
// that shows its result do not read the same child or request twice. Every write through the
// collection keeps the memory right: a successful version-checked update remembers the stored
// result; a failed one, and any other write, forgets the record (a retry then reads the store).
// Outside a unit of work (the outbox sender, the scheduler, the command line) reads go straight
// to the store.
import { AsyncLocalStorage } from 'node:async_hooks';
import type { Collection, StoredDoc } from './collection';

type Memory = Map<string, Map<string, StoredDoc | null>>;
const unit = new AsyncLocalStorage<{ memory: Memory; open: boolean } | null>();

/** Runs `work` as one unit of work; what it reads by id is read once. */
export async function withinUnitOfWork<T>(work: () => Promise<T>): Promise<T> {
  const state = { memory: new Map(), open: true };
  try {
    return await unit.run(state, work);
  } finally {
    // Anything the turn started that outlives it (a timer, a late callback) reads the store again.
    state.open = false;
    state.memory.clear();
  }
}

/** Runs `work` outside any unit of work (for background passes that a turn may have woken). */
export function outsideUnitOfWork<T>(work: () => T): T {
  return unit.run(null, work);
}

function memoryOf(name: string): Map<string, StoredDoc | null> | null {
  const state = unit.getStore();
  if (!state?.open) return null;
  let m = state.memory.get(name);
  if (!m) state.memory.set(name, (m = new Map()));
  return m;
}

const copy = <T>(doc: T): T => (doc === null ? doc : structuredClone(doc));

/** The collection, with reads by id remembered within a unit of work. */
export function rememberingReads<T extends StoredDoc>(collection: Collection<T>): Collection<T> {
  const forget = (id: string) => memoryOf(collection.name)?.delete(id);
  const forgetAll = () => memoryOf(collection.name)?.clear();
  return {
    get name() {
      return collection.name;
    },
    ensureIndexes: (specs) => collection.ensureIndexes(specs),
    async get(id) {
      const m = memoryOf(collection.name);
      if (m?.has(id)) return copy(m.get(id) as T | null);
      const doc = await collection.get(id);
      m?.set(id, copy(doc));
      return doc;
    },
    find: (filter, options) => collection.find(filter, options),
    findOne: (filter, options) => collection.findOne(filter, options),
    count: (filter) => collection.count(filter),
    async insert(doc) {
      forget(doc._id);
      await collection.insert(doc);
    },
    async insertMany(docs) {
      forgetAll();
      await collection.insertMany(docs);
    },
    async updateIfVersion(id, expectedVersion, changes) {
      forget(id);
      const updated = await collection.updateIfVersion(id, expectedVersion, changes);
      if (updated) memoryOf(collection.name)?.set(id, copy(updated));
      return updated;
    },
    async put(doc) {
      forget(doc._id);
      await collection.put(doc);
    },
    async increment(id, field, by) {
      forget(id);
      return collection.increment(id, field, by);
    },
    async delete(id) {
      forget(id);
      return collection.delete(id);
    },
    async deleteMany(filter) {
      forgetAll();
      return collection.deleteMany(filter);
    },
    async renameField(from, to) {
      forgetAll();
      return collection.renameField(from, to);
    },
  };
}
