// Counts the store operations a turn makes: every call of the Collection contract (insert,
// insertMany, get, find, findOne, count, updateIfVersion, put, increment, delete, deleteMany) made
// while the adapter processes an activity (a turn). Background work (the outbox sender, the
// scheduler) is not counted, though its timers may be started from a turn.
import { AsyncLocalStorage } from 'node:async_hooks';
import type { Collection, Store, StoredDoc } from '../src/store/collection';

const OPERATIONS = new Set(['insert', 'insertMany', 'get', 'find', 'findOne', 'count', 'updateIfVersion', 'put', 'increment', 'delete', 'deleteMany']);
const inTurn = new AsyncLocalStorage<boolean>();
const counts = new Map<string, number>();
/** With STORE_OPS_TRACE set: each counted operation with where it came from. */
export const opLog: string[] = [];

/** Marks each activity the adapter runs a turn for (from the request to the turn's end) as a turn, for the counting below. */
export function countTurnsOf(adapter: { prototype: object }, method: string): void {
  const proto = adapter.prototype as Record<string, (...args: unknown[]) => Promise<unknown>>;
  const original = proto[method];
  proto[method] = function (this: unknown, ...args: unknown[]) {
    return inTurn.run(true, () => original.apply(this, args));
  };
}

/** Runs `work` (and everything it starts) as background work, whose store operations are not counted. */
export function asBackground<T>(work: () => T): T {
  return inTurn.run(false, work);
}

/** The store, counting the operations of turns by collection and operation. */
export function countingStore(store: Store): Store {
  return new Proxy(store, {
    get(target, prop, receiver) {
      if (prop !== 'collection') return Reflect.get(target, prop, receiver);
      return <T extends StoredDoc>(name: string): Collection<T> => {
        const collection = target.collection<T>(name);
        return new Proxy(collection, {
          get(c, op, r) {
            const value = Reflect.get(c, op, r);
            if (typeof value !== 'function') return value;
            if (!OPERATIONS.has(String(op))) return value.bind(c);
            return (...args: unknown[]) => {
              if (inTurn.getStore()) {
                const key = `${name}.${String(op)}`;
                counts.set(key, (counts.get(key) ?? 0) + 1);
                if (process.env.STORE_OPS_TRACE)
                  opLog.push(
                    `${key} <- ${(new Error().stack ?? '')
                      .split('\n')
                      .slice(2, 7)
                      .map((l) =>
                        l
                          .trim()
                          .replace(/^at /, '')
                          .replace(/\(.*\/(src|test|bench)\//, '($1/'),
                      )
                      .join(' < ')}`,
                  );
              }
              return value.apply(c, args);
            };
          },
        });
      };
    },
  });
}

export function storeOpCounts(): Record<string, number> {
  return Object.fromEntries(counts);
}
