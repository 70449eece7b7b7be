// A store that can be switched off: every call fails as an unreachable database would, until it
// is switched back on. For fault tests of the layers above the store.
import { StoreUnavailableError, type Collection, type Store, type StoredDoc } from '../../src/store/collection';

export interface FlakyStore extends Store {
  down: boolean;
}

export function flaky(real: Store): FlakyStore {
  const store: FlakyStore = {
    down: false,
    kind: real.kind,
    collection<T extends StoredDoc>(name: string): Collection<T> {
      const inner = real.collection<T>(name);
      return new Proxy(inner, {
        get(target, prop, receiver) {
          const value = Reflect.get(target, prop, receiver);
          if (typeof value !== 'function') return value;
          return (...args: unknown[]) => {
            if (store.down) return Promise.reject(new StoreUnavailableError(`${name}: the database is unreachable`));
            return (value as (...a: unknown[]) => unknown).apply(target, args);
          };
        },
      });
    },
    ping: () => (store.down ? Promise.reject(new StoreUnavailableError('the database is unreachable')) : real.ping()),
    close: () => real.close(),
  };
  return store;
}
