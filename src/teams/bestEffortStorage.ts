// teams-ai loads and saves its turn state around every turn. The bot keeps nothing there that it
// needs (every record lives in the services' collections), so when the database is unreachable
// the turn goes on with empty state and the handler can tell the user that nothing was saved,
// instead of the turn failing before any handler runs.
import type { Storage, StoreItems } from 'botbuilder';
import type { Logger } from '../services/context';
import { StoreUnavailableError } from '../store/collection';

export function bestEffortStorage(inner: Storage, log: Logger): Storage {
  const tolerate = async <T>(what: string, run: () => Promise<T>, fallback: T): Promise<T> => {
    try {
      return await run();
    } catch (err) {
      if (!(err instanceof StoreUnavailableError)) throw err;
      log.warn({ err: err.message }, `turn state not ${what}: the store is unavailable`);
      return fallback;
    }
  };
  return {
    read: (keys) => tolerate('read', () => inner.read(keys), {} as StoreItems),
    write: (changes) => tolerate('saved', () => inner.write(changes), undefined),
    delete: (keys) => tolerate('deleted', () => inner.delete(keys), undefined),
  };
}
