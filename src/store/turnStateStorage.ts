// Bot Framework `Storage` (what teams-ai keeps its turn state in) on top of our store, so turn
// state lives wherever the rest of the data does. The types below match botbuilder's `Storage`
// structurally, so that this folder needs no botbuilder import (it stays swappable).
import { DuplicateKeyError, type Collection, type Store, type StoredDoc } from './collection';

/** botbuilder's `StoreItem`: any JSON object; `eTag` is the version it was read at. */
export type StoreItem = Record<string, unknown> & { eTag?: string };
/** botbuilder's `StoreItems`: storage key to item. */
export type StoreItems = Record<string, StoreItem>;

export interface TurnStateDoc extends StoredDoc {
  /**
   * The item as JSON text: items may hold field names that MongoDB or nedb refuse (a leading '$',
   * dots), and the store never needs to look inside them.
   */
  json: string;
}

/** The item was changed by someone else since it was read (its `eTag` is stale). */
export class ETagConflictError extends Error {
  constructor(readonly key: string) {
    super(`Storage: error writing "${key}" due to eTag conflict.`);
    this.name = 'ETagConflictError';
  }
}

export const TURN_STATE_COLLECTION = 'turn_state';
/** A last-writer-wins write retries when another write lands between its read and its update. */
const UNCONDITIONAL_WRITE_ATTEMPTS = 10;

/** The item's eTag is its document's version, so every write gives it a new one. */
export class TurnStateStorage {
  private readonly docs: Collection<TurnStateDoc>;

  constructor(store: Store) {
    this.docs = store.collection<TurnStateDoc>(TURN_STATE_COLLECTION);
  }

  async read(keys: string[]): Promise<StoreItems> {
    const docs = await this.docs.find({ _id: { $in: keys } });
    const items: StoreItems = {};
    for (const doc of docs) items[doc._id] = { ...JSON.parse(doc.json), eTag: String(doc.version) };
    return items;
  }

  async write(changes: StoreItems): Promise<void> {
    await Promise.all(Object.entries(changes).map(([key, item]) => this.writeItem(key, item)));
  }

  async delete(keys: string[]): Promise<void> {
    await Promise.all(keys.map((key) => this.docs.delete(key)));
  }

  private async writeItem(key: string, item: StoreItem): Promise<void> {
    const { eTag, ...content } = item;
    const json = JSON.stringify(content);
    if (eTag === undefined || eTag === '*') return this.writeUnconditionally(key, json);

    const updated = await this.docs.updateIfVersion(key, Number(eTag), { json });
    if (updated) return;
    // As botbuilder's MemoryStorage does: an item that no longer exists is simply written.
    if ((await this.docs.get(key)) !== null) throw new ETagConflictError(key);
    await this.insertOrConflict(key, json);
  }

  private async writeUnconditionally(key: string, json: string): Promise<void> {
    for (let attempt = 0; attempt < UNCONDITIONAL_WRITE_ATTEMPTS; attempt++) {
      const current = await this.docs.get(key);
      if (current === null) {
        try {
          await this.docs.insert({ _id: key, version: 1, json });
          return;
        } catch (err) {
          if (!(err instanceof DuplicateKeyError)) throw err;
        }
      } else if (await this.docs.updateIfVersion(key, current.version, { json })) {
        return;
      }
    }
    throw new ETagConflictError(key);
  }

  private async insertOrConflict(key: string, json: string): Promise<void> {
    try {
      await this.docs.insert({ _id: key, version: 1, json });
    } catch (err) {
      throw err instanceof DuplicateKeyError ? new ETagConflictError(key) : err;
    }
  }
}
