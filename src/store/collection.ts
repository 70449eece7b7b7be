// The small storage contract every repository is written against. Two adapters implement it:
// MongoDB (official driver) and an embedded file-backed store (nedb). Nothing above this folder
// knows which one is in use.
//
// Conventions that keep both backends identical:
// - every document has a string `_id` and an integer `version` (starts at 1);
// - timestamps are ISO-8601 UTC strings and dates are 'YYYY-MM-DD' strings, so comparisons are
//   plain string comparisons on every backend;
// - a change to an existing record is one atomic single-document update guarded by its version.

export interface StoredDoc {
  _id: string;
  version: number;
}

/** A value that may appear in a filter: plain equality or one of a few comparison operators. */
export type FilterValue =
  | string
  | number
  | boolean
  | null
  | {
      $in?: Array<string | number | boolean | null>;
      $nin?: Array<string | number | boolean | null>;
      $ne?: string | number | boolean | null;
      $lt?: string | number;
      $lte?: string | number;
      $gt?: string | number;
      $gte?: string | number;
      $exists?: boolean;
    };

/** Field path (dots allowed for nested fields) to a value. Fields are ANDed. */
export type Filter = Record<string, FilterValue>;

export interface FindOptions {
  sort?: Record<string, 1 | -1>;
  limit?: number;
  skip?: number;
}

export interface IndexSpec {
  fields: Record<string, 1 | -1>;
  unique?: boolean;
}

export class DuplicateKeyError extends Error {
  constructor(
    readonly collection: string,
    readonly key: string,
  ) {
    super(`duplicate key in ${collection}: ${key}`);
    this.name = 'DuplicateKeyError';
  }
}

/** The store could not be reached or did not answer: the caller should say "nothing was saved". */
export class StoreUnavailableError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'StoreUnavailableError';
  }
}

export interface Collection<T extends StoredDoc> {
  readonly name: string;
  ensureIndexes(specs: IndexSpec[]): Promise<void>;
  /** Inserts a new document; throws DuplicateKeyError when `_id` (or a unique index) clashes. */
  insert(doc: T): Promise<void>;
  /**
   * Inserts new documents as one batch (one write to the file or one command to the server), for
   * imports of thousands of rows. Throws DuplicateKeyError when any `_id` clashes, with the stored
   * document or another in the batch; which of the others were inserted is then not said (the
   * embedded store inserts none, MongoDB all that do not clash), so the caller looks them up.
   */
  insertMany(docs: T[]): Promise<void>;
  get(id: string): Promise<T | null>;
  find(filter: Filter, options?: FindOptions): Promise<T[]>;
  findOne(filter: Filter, options?: Pick<FindOptions, 'sort'>): Promise<T | null>;
  count(filter: Filter): Promise<number>;
  /**
   * Applies `changes` (top-level fields) and increments `version`, only if the stored version is
   * `expectedVersion`. Returns the updated document, or null when the version did not match (someone
   * else changed it first) or the document does not exist.
   */
  updateIfVersion(id: string, expectedVersion: number, changes: Partial<Omit<T, '_id' | 'version'>>): Promise<T | null>;
  /** Creates or wholly replaces a document by `_id`, no version check (for caches and conversation references). */
  put(doc: T): Promise<void>;
  /** Atomically adds `by` to numeric `field` of document `id`, creating it (at 0) if missing; returns the new value. */
  increment(id: string, field: string, by?: number): Promise<number>;
  delete(id: string): Promise<boolean>;
  deleteMany(filter: Filter): Promise<number>;
  /**
   * Renames top-level field `from` to `to` in every document that has `from` and not `to` (a
   * start-up migration: running it again changes nothing). Returns how many documents changed.
   */
  renameField(from: string, to: string): Promise<number>;
}

export interface Store {
  readonly kind: 'mongodb' | 'embedded';
  collection<T extends StoredDoc>(name: string): Collection<T>;
  /** Resolves when the store answers; rejects with StoreUnavailableError otherwise. */
  ping(): Promise<void>;
  close(): Promise<void>;
}
