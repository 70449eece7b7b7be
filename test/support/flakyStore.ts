// A store that can be switched off: every call fails as an unreachable database would, until it
// is switched back on. For fault tests of the layers above the store.
import { StoreUnavailableError, type Collection, type Store, type StoredDoc } from '../../src/store/collection';

export interface FlakyStore extends Store {
  down: boolean;
}

/**
 * Wraps every collection method of a store: `beforeCall` runs first and may return an error to
 * fail the call with instead. The fault and counting test stores are both made with it.
 */
export function interceptCalls(real: Store, beforeCall: (collection: string, method: string) => Error | undefined): Store['collection'] {
  return <T extends StoredDoc>(name: string): Collection<T> =>
    new Proxy(real.collection<T>(name), {
      get(target, prop, receiver) {
        const value = Reflect.get(target, prop, receiver);
        if (typeof value !== 'function') return value;
        return (...args: unknown[]) => {
          const refusal = beforeCall(name, String(prop));
          if (refusal) return Promise.reject(refusal);
          return (value as (...a: unknown[]) => unknown).apply(target, args);
        };
      },
    });
}

export function flaky(real: Store): FlakyStore {
  const store: FlakyStore = {
    down: false,
    kind: real.kind,
    collection: interceptCalls(real, (name) => (store.down ? new StoreUnavailableError(`${name}: the database is unreachable`) : undefined)),
    ping: () => (store.down ? Promise.reject(new StoreUnavailableError('the database is unreachable')) : real.ping()),
    close: () => real.close(),
  };
  return store;
}
