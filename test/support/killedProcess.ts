// A process killed at a chosen write, for the service tests: the context's inserts into one
// collection fail, as if the process had died just before the first of them, so the store holds
// exactly what the use case wrote up to there. A restart is then the same store with a plain context.
import type { ServiceContext } from '../../src/services/context';
import type { Records } from '../../src/store/records';

export class ProcessKilled extends Error {}

export function killedBeforeInsertInto(ctx: ServiceContext, collection: keyof Records): ServiceContext {
  const real = ctx.records[collection];
  const dying = new Proxy(real, {
    get(target, prop) {
      if (prop === 'insert' || prop === 'insertMany')
        return async () => {
          throw new ProcessKilled(`killed before an insert into ${collection}`);
        };
      const value = Reflect.get(target, prop);
      return typeof value === 'function' ? value.bind(target) : value;
    },
  });
  return { ...ctx, records: { ...ctx.records, [collection]: dying } };
}
