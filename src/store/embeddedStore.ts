// Embedded adapter of the storage contract, on nedb: one append-only file per collection
// (`<dataDir>/<name>.db`), all data held in memory, for a single process. nedb runs every operation
// of a datastore through one queue, so each single-document update below is atomic.
import { promises as fs } from 'fs';
import path from 'path';
import Datastore from '@seald-io/nedb';
import {
  DuplicateKeyError,
  StoreUnavailableError,
  type Collection,
  type Filter,
  type FilterValue,
  type FindOptions,
  type IndexSpec,
  type Store,
  type StoredDoc,
} from './collection';
import { assertCounterField, assertTopLevelField, setAndUnset } from './updates';

export interface EmbeddedStoreOptions {
  /** Hold `<dataDir>/.lock` so that a second process cannot open the same files (default true). */
  lock?: boolean;
}

/** Another live process holds the data directory. */
export class StoreLockedError extends Error {
  constructor(
    readonly dataDir: string,
    readonly pid: number,
  ) {
    super(`The embedded store in ${dataDir} is in use by another process (pid ${pid}), probably the running bot. ` + 'Stop it first, or set MONGODB_URI to use MongoDB.');
    this.name = 'StoreLockedError';
  }
}

/** The files are append-only; rewriting them now and then keeps them the size of the data. */
const COMPACT_EVERY_MS = 10 * 60 * 1000;
const COLLECTION_NAME = /^[A-Za-z0-9_-]+$/;

export async function openEmbeddedStore(dataDir: string, opts: EmbeddedStoreOptions = {}): Promise<Store> {
  await fs.mkdir(dataDir, { recursive: true });
  const lock = opts.lock === false ? undefined : await DirectoryLock.acquire(dataDir);
  return new EmbeddedStore(dataDir, lock);
}

class EmbeddedStore implements Store {
  readonly kind = 'embedded' as const;
  private readonly collections = new Map<string, EmbeddedCollection<StoredDoc>>();
  private readonly compactionTimer: NodeJS.Timeout;
  private closed = false;

  constructor(
    private readonly dataDir: string,
    private readonly lock: DirectoryLock | undefined,
  ) {
    this.compactionTimer = setInterval(() => this.compactAll(), COMPACT_EVERY_MS);
    this.compactionTimer.unref();
  }

  collection<T extends StoredDoc>(name: string): Collection<T> {
    let collection = this.collections.get(name);
    if (!collection) {
      if (!COLLECTION_NAME.test(name)) throw new Error(`invalid collection name for a file: '${name}'`);
      collection = new EmbeddedCollection(name, path.join(this.dataDir, `${name}.db`), () => this.closed);
      this.collections.set(name, collection);
    }
    return collection as unknown as Collection<T>;
  }

  async ping(): Promise<void> {
    if (this.closed) throw new StoreUnavailableError('the embedded store is closed');
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    clearInterval(this.compactionTimer);
    try {
      // Compaction is queued behind every pending operation, so this also waits for them.
      await Promise.all([...this.collections.values()].map((collection) => collection.compact()));
    } finally {
      await this.lock?.release();
    }
  }

  private compactAll(): void {
    for (const collection of this.collections.values()) {
      collection.compact().catch((err: unknown) => process.emitWarning(`embedded store: compaction failed: ${String(err)}`));
    }
  }
}

class EmbeddedCollection<T extends StoredDoc> implements Collection<T> {
  private readonly db: Datastore<StoredDoc>;
  /** Rejects (and so fails every operation) when the file cannot be read. */
  private readonly loaded: Promise<void>;

  constructor(
    readonly name: string,
    filename: string,
    private readonly isClosed: () => boolean,
  ) {
    // Loaded explicitly rather than with `autoload`: nedb throws an autoload failure as an
    // uncaught error, while this way it reaches the caller of the first operation.
    this.db = new Datastore<StoredDoc>({ filename });
    this.loaded = this.db.loadDatabaseAsync();
    this.loaded.catch(() => undefined); // reported by `run`, not as an unhandled rejection
  }

  async ensureIndexes(specs: IndexSpec[]): Promise<void> {
    await this.run(async () => {
      for (const spec of specs) {
        // nedb keys a compound index by its field names (sort direction does not matter to it).
        const fields = Object.keys(spec.fields);
        await this.db.ensureIndexAsync({ fieldName: fields.length === 1 ? fields[0] : fields, unique: spec.unique ?? false });
      }
    });
  }

  async insert(doc: T): Promise<void> {
    await this.run(() => this.db.insertAsync(doc));
  }

  async insertMany(docs: T[]): Promise<void> {
    // nedb inserts an array all or nothing: a clash takes every document of it back out.
    if (docs.length > 0) await this.run(() => this.db.insertAsync(docs));
  }

  get(id: string): Promise<T | null> {
    return this.run(async () => ((await this.db.findOneAsync({ _id: id })) as T | null) ?? null);
  }

  find(filter: Filter, options: FindOptions = {}): Promise<T[]> {
    return this.run(async () => {
      let cursor = this.db.findAsync(toNedbQuery(filter));
      if (options.sort) cursor = cursor.sort(options.sort);
      if (options.skip !== undefined) cursor = cursor.skip(options.skip);
      if (options.limit !== undefined) cursor = cursor.limit(options.limit);
      return (await cursor) as unknown as T[];
    });
  }

  findOne(filter: Filter, options: Pick<FindOptions, 'sort'> = {}): Promise<T | null> {
    return this.run(async () => {
      // nedb's findOne takes no sort; a sorted find limited to one is the same query.
      const [first] = (await this.db
        .findAsync(toNedbQuery(filter))
        .sort(options.sort ?? {})
        .limit(1)) as unknown as T[];
      return first ?? null;
    });
  }

  count(filter: Filter): Promise<number> {
    return this.run(async () => (await this.db.countAsync(toNedbQuery(filter))) as unknown as number);
  }

  updateIfVersion(id: string, expectedVersion: number, changes: Partial<Omit<T, '_id' | 'version'>>): Promise<T | null> {
    return this.run(async () => {
      const { affectedDocuments } = await this.db.updateAsync(
        { _id: id, version: expectedVersion },
        { ...setAndUnset(changes), $inc: { version: 1 } },
        { returnUpdatedDocs: true },
      );
      return (affectedDocuments as T | null | undefined) ?? null;
    });
  }

  async put(doc: T): Promise<void> {
    await this.run(() => this.db.updateAsync({ _id: doc._id }, doc, { upsert: true }));
  }

  async increment(id: string, field: string, by = 1): Promise<number> {
    assertCounterField(field);
    return this.run(async () => {
      // The upsert runs as one queued operation, so concurrent increments cannot interleave.
      const { affectedDocuments } = await this.db.updateAsync({ _id: id }, { $inc: { [field]: by, version: 1 } }, { upsert: true, returnUpdatedDocs: true });
      return (affectedDocuments as unknown as Record<string, number>)[field];
    });
  }

  delete(id: string): Promise<boolean> {
    return this.run(async () => (await this.db.removeAsync({ _id: id }, { multi: false })) === 1);
  }

  deleteMany(filter: Filter): Promise<number> {
    return this.run(() => this.db.removeAsync(toNedbQuery(filter), { multi: true }));
  }

  async renameField(from: string, to: string): Promise<number> {
    assertTopLevelField(from);
    assertTopLevelField(to);
    return this.run(async () => {
      // nedb has no $rename: each document is rewritten with the value under its new name.
      const docs = (await this.db.findAsync({ [from]: { $exists: true }, [to]: { $exists: false } })) as unknown as Record<string, unknown>[];
      for (const doc of docs) {
        await this.db.updateAsync({ _id: doc._id }, { $set: { [to]: doc[from] }, $unset: { [from]: true } }, {});
      }
      return docs.length;
    });
  }

  /** Rewrites the file to hold only the current documents. */
  async compact(): Promise<void> {
    await this.loaded;
    await this.db.compactDatafileAsync();
  }

  private async run<R>(op: () => Promise<R>): Promise<R> {
    if (this.isClosed()) throw new StoreUnavailableError('the embedded store is closed');
    try {
      await this.loaded;
      return await op();
    } catch (err) {
      throw this.translateError(err);
    }
  }

  private translateError(err: unknown): unknown {
    const details = err as { errorType?: string; key?: unknown; code?: unknown; syscall?: string };
    if (details.errorType === 'uniqueViolated') {
      const key = typeof details.key === 'object' ? JSON.stringify(details.key) : String(details.key);
      return new DuplicateKeyError(this.name, key);
    }
    // A failing file system call (disk full, permissions): the file is not usable.
    if (typeof details.code === 'string' && details.syscall) {
      return new StoreUnavailableError(`the embedded store cannot use the file of ${this.name}: ${(err as Error).message}`, { cause: err });
    }
    return err;
  }
}

/**
 * MongoDB treats a missing field as null in a filter (`{closedAt: null}` finds documents without
 * `closedAt`); nedb treats it as undefined, which equals nothing. Where the two would disagree on a
 * document lacking the field, the condition is widened or narrowed so nedb answers as MongoDB does.
 */
function toNedbQuery(filter: Filter): Record<string, unknown> {
  const query: Record<string, unknown> = {};
  const clauses: Record<string, unknown>[] = [];
  for (const [field, condition] of Object.entries(filter)) {
    const mongoMatchesMissing = matchesMissing(condition, 'mongodb');
    if (mongoMatchesMissing === matchesMissing(condition, 'nedb')) query[field] = condition;
    else if (mongoMatchesMissing) clauses.push({ $or: [{ [field]: condition }, { [field]: { $exists: false } }] });
    else clauses.push({ [field]: condition }, { [field]: { $exists: true } });
  }
  if (clauses.length > 0) query.$and = clauses;
  return query;
}

/** Whether a document without the field satisfies `condition`, by each engine's rules. */
function matchesMissing(condition: FilterValue, engine: 'mongodb' | 'nedb'): boolean {
  // MongoDB compares a missing field as null; nedb as undefined, which no list holds or equals.
  const missing = engine === 'mongodb' ? null : undefined;
  if (condition === null || typeof condition !== 'object') return condition === missing;
  return Object.entries(condition).every(([operator, operand]) => {
    switch (operator) {
      case '$in':
        return (operand as unknown[]).includes(missing);
      case '$nin':
        return !(operand as unknown[]).includes(missing);
      case '$ne':
        return operand !== missing;
      case '$exists':
        return operand === false;
      default: // $lt, $lte, $gt, $gte against a string or number
        return false;
    }
  });
}

interface LockContent {
  pid: number;
  startedAt: string;
}

/** Lock files this process holds now: the only ones naming this pid that are not stale. */
const heldByThisProcess = new Set<string>();

/**
 * A lock file that says which process owns the data directory; a dead owner's lock is taken over.
 * A lock naming this process's own pid that this process does not hold is stale too: it was left
 * by an earlier process that had the same pid (in a container the bot is PID 1 after every restart).
 */
class DirectoryLock {
  private constructor(
    private readonly file: string,
    private readonly content: string,
  ) {}

  static async acquire(dataDir: string): Promise<DirectoryLock> {
    const file = path.resolve(dataDir, '.lock');
    const content = JSON.stringify({ pid: process.pid, startedAt: new Date().toISOString() } satisfies LockContent);
    // Two rounds: the second follows the removal of a stale lock (another process may win it).
    for (let attempt = 0; attempt < 2; attempt++) {
      try {
        await fs.writeFile(file, content, { flag: 'wx' });
        heldByThisProcess.add(file);
        return new DirectoryLock(file, content);
      } catch (err) {
        if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
      }
      const holder = await readLockHolder(file);
      const stale = holder === undefined || (holder === process.pid ? !heldByThisProcess.has(file) : !isAlive(holder));
      if (!stale) throw new StoreLockedError(dataDir, holder);
      await fs.rm(file, { force: true });
    }
    throw new Error(`could not take the lock ${file}`);
  }

  async release(): Promise<void> {
    // Only remove the file if it is still ours.
    const current = await fs.readFile(this.file, 'utf8').catch(() => undefined);
    if (current === this.content) await fs.rm(this.file, { force: true });
    heldByThisProcess.delete(this.file);
  }
}

/** The pid in a lock file, or undefined when the file is unreadable (a crash while writing it). */
async function readLockHolder(file: string): Promise<number | undefined> {
  try {
    const { pid } = JSON.parse(await fs.readFile(file, 'utf8')) as Partial<LockContent>;
    return typeof pid === 'number' && Number.isInteger(pid) ? pid : undefined;
  } catch {
    return undefined;
  }
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    // EPERM: the process exists but belongs to another user.
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}
