// The one way a use case changes an existing record: read it, decide the change from what is
// stored now, and write it only if nobody changed it meanwhile (a version check); on a clash,
// read again and decide again. `change` may refuse by throwing (e.g. "already decided").
import type { Collection, StoredDoc } from '../store/collection';
import type { ServiceContext } from './context';
import { ConflictError } from './errors';

/** Tries this many times when someone else keeps changing the record first. */
const MAX_ATTEMPTS = 5;

export async function changeVersioned<T extends StoredDoc & { updatedAt: string }>(
  ctx: ServiceContext,
  collection: Collection<T>,
  load: () => Promise<T>,
  change: (current: T) => Partial<Omit<T, '_id' | 'version'>>,
): Promise<{ before: T; after: T }> {
  let ref = '';
  for (let attempt = 0; attempt < MAX_ATTEMPTS; attempt++) {
    const before = await load();
    ref = before._id;
    const after = await collection.updateIfVersion(before._id, before.version, { ...change(before), updatedAt: ctx.now().toISOString() } as Partial<Omit<T, '_id' | 'version'>>);
    if (after) return { before, after };
  }
  throw new ConflictError(`${ref} is being changed by someone else; please try again.`);
}
