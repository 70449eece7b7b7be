// MongoDB adapter of the storage contract, on the official driver. Every operation is a single
// command (no transactions), so it works on a standalone mongod as well as a replica set.
import {
  MongoClient,
  MongoClientClosedError,
  MongoNetworkError,
  MongoNotConnectedError,
  MongoOperationTimeoutError,
  MongoServerClosedError,
  MongoServerError,
  MongoServerSelectionError,
  MongoTopologyClosedError,
  type Collection as MongoCollection,
  type Db,
  type Document,
  type Filter as MongoFilter,
} from 'mongodb';
import { DuplicateKeyError, StoreUnavailableError, type Collection, type Filter, type FindOptions, type IndexSpec, type Store, type StoredDoc } from './collection';
import { assertCounterField, assertTopLevelField, setAndUnset } from './updates';

export interface MongoStoreOptions {
  /** How long an operation waits for a reachable server before failing (driver default 30 s). */
  serverSelectionTimeoutMS?: number;
}

export async function openMongoStore(uri: string, dbName: string, opts: MongoStoreOptions = {}): Promise<Store> {
  const client = new MongoClient(uri, {
    // undefined fields are left out, as they are by the embedded store's JSON file
    ignoreUndefined: true,
    ...(opts.serverSelectionTimeoutMS !== undefined && { serverSelectionTimeoutMS: opts.serverSelectionTimeoutMS }),
  });
  try {
    await guard('connect', () => client.connect());
  } catch (err) {
    await client.close(); // stops the driver's monitoring of the unreachable server
    throw err;
  }
  return new MongoStore(client, client.db(dbName));
}

class MongoStore implements Store {
  readonly kind = 'mongodb' as const;
  private closed = false;

  constructor(
    private readonly client: MongoClient,
    private readonly db: Db,
  ) {}

  collection<T extends StoredDoc>(name: string): Collection<T> {
    return new MongoStoreCollection<T>(name, this.db.collection<StringIdDoc>(name), () => this.closed);
  }

  async ping(): Promise<void> {
    this.assertOpen();
    await guard('ping', () => this.db.command({ ping: 1 }));
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    await this.client.close();
  }

  private assertOpen(): void {
    if (this.closed) throw new StoreUnavailableError('the MongoDB store is closed');
  }
}

/** Our documents as the driver sees them: ids are strings, never ObjectIds. */
type StringIdDoc = StoredDoc & Document;

class MongoStoreCollection<T extends StoredDoc> implements Collection<T> {
  constructor(
    readonly name: string,
    private readonly docs: MongoCollection<StringIdDoc>,
    private readonly isClosed: () => boolean,
  ) {}

  async ensureIndexes(specs: IndexSpec[]): Promise<void> {
    for (const spec of specs) {
      await this.run(() => this.docs.createIndex(spec.fields, { unique: spec.unique ?? false }));
    }
  }

  async insert(doc: T): Promise<void> {
    await this.run(() => this.docs.insertOne(doc as StringIdDoc));
  }

  async insertMany(docs: T[]): Promise<void> {
    // Unordered: the server inserts every document it can and reports the clashes (code 11000).
    if (docs.length > 0) await this.run(() => this.docs.insertMany(docs as StringIdDoc[], { ordered: false }));
  }

  get(id: string): Promise<T | null> {
    return this.run(() => this.docs.findOne<T>({ _id: id }));
  }

  find(filter: Filter, options: FindOptions = {}): Promise<T[]> {
    return this.run(() => {
      let cursor = this.docs.find<T>(filter as MongoFilter<StringIdDoc>);
      if (options.sort) cursor = cursor.sort(options.sort);
      if (options.skip !== undefined) cursor = cursor.skip(options.skip);
      if (options.limit !== undefined) cursor = cursor.limit(options.limit);
      return cursor.toArray();
    });
  }

  findOne(filter: Filter, options: Pick<FindOptions, 'sort'> = {}): Promise<T | null> {
    return this.run(() => this.docs.findOne<T>(filter as MongoFilter<StringIdDoc>, { sort: options.sort }));
  }

  count(filter: Filter): Promise<number> {
    return this.run(() => this.docs.countDocuments(filter as MongoFilter<StringIdDoc>));
  }

  updateIfVersion(id: string, expectedVersion: number, changes: Partial<Omit<T, '_id' | 'version'>>): Promise<T | null> {
    return this.run(async () => {
      const updated = await this.docs.findOneAndUpdate({ _id: id, version: expectedVersion }, { ...setAndUnset(changes), $inc: { version: 1 } }, { returnDocument: 'after' });
      return updated as T | null;
    });
  }

  async put(doc: T): Promise<void> {
    await this.run(() => this.docs.replaceOne({ _id: doc._id }, doc as StringIdDoc, { upsert: true }));
  }

  async increment(id: string, field: string, by = 1): Promise<number> {
    assertCounterField(field);
    return this.run(async () => {
      // One upserting command: atomic on the server, and the document starts at version 1.
      const updated = await this.docs.findOneAndUpdate({ _id: id }, { $inc: { [field]: by, version: 1 } }, { upsert: true, returnDocument: 'after' });
      return (updated as Record<string, number>)[field];
    });
  }

  delete(id: string): Promise<boolean> {
    return this.run(async () => (await this.docs.deleteOne({ _id: id })).deletedCount === 1);
  }

  deleteMany(filter: Filter): Promise<number> {
    return this.run(async () => (await this.docs.deleteMany(filter as MongoFilter<StringIdDoc>)).deletedCount);
  }

  async renameField(from: string, to: string): Promise<number> {
    assertTopLevelField(from);
    assertTopLevelField(to);
    return this.run(async () => (await this.docs.updateMany({ [from]: { $exists: true }, [to]: { $exists: false } }, { $rename: { [from]: to } })).modifiedCount);
  }

  private run<R>(op: () => Promise<R>): Promise<R> {
    if (this.isClosed()) return Promise.reject(new StoreUnavailableError('the MongoDB store is closed'));
    return guard(this.name, op);
  }
}

/** Server error codes that mean "this node cannot serve now": the driver's retryable set. */
const UNAVAILABLE_SERVER_CODES = new Set([
  6, // HostUnreachable
  7, // HostNotFound
  89, // NetworkTimeout
  91, // ShutdownInProgress
  134, // ReadConcernMajorityNotAvailableYet
  189, // PrimarySteppedDown
  262, // ExceededTimeLimit
  9001, // SocketException
  10107, // NotWritablePrimary
  11600, // InterruptedAtShutdown
  11602, // InterruptedDueToReplStateChange
  13435, // NotPrimaryNoSecondaryOk
  13436, // NotPrimaryOrSecondary
]);
const UNAVAILABLE_ERROR_TYPES = [
  MongoNetworkError,
  MongoServerSelectionError,
  MongoNotConnectedError,
  MongoTopologyClosedError,
  MongoServerClosedError,
  MongoClientClosedError,
  MongoOperationTimeoutError,
];

/** Runs one driver call and translates its failures into the contract's errors. */
async function guard<R>(collection: string, op: () => Promise<R>): Promise<R> {
  try {
    return await op();
  } catch (err) {
    throw translateError(collection, err);
  }
}

function translateError(collection: string, err: unknown): unknown {
  if (UNAVAILABLE_ERROR_TYPES.some((type) => err instanceof type)) {
    return new StoreUnavailableError(`MongoDB is unavailable: ${(err as Error).message}`, { cause: err });
  }
  if (err instanceof MongoServerError) {
    if (err.code === 11000) return new DuplicateKeyError(collection, describeKey(err));
    if (UNAVAILABLE_SERVER_CODES.has(Number(err.code))) {
      return new StoreUnavailableError(`MongoDB is unavailable: ${err.message}`, { cause: err });
    }
  }
  return err;
}

function describeKey(err: MongoServerError): string {
  const keyValue = err.keyValue as Record<string, unknown> | undefined;
  if (!keyValue) return err.message;
  const values = Object.values(keyValue);
  return values.length === 1 ? String(values[0]) : JSON.stringify(keyValue);
}
