// Batch inserts that are safe to repeat: documents with fixed ids (audit entries, tasks, outbox
// messages) are written in one insertMany; after a replay, the ones already stored are left as they
// are and only the missing ones are inserted.
import { DuplicateKeyError, type Collection, type StoredDoc } from './collection';

/** Inserts each document whose `_id` is not stored yet. One store call when none is. */
export async function insertAllOnce<T extends StoredDoc>(collection: Collection<T>, docs: T[]): Promise<void> {
  // The same id twice in one batch is one document.
  let todo = [...new Map(docs.map((d) => [d._id, d])).values()];
  for (let attempt = 0; todo.length > 0; attempt++) {
    try {
      await collection.insertMany(todo);
      return;
    } catch (err) {
      if (!(err instanceof DuplicateKeyError) || attempt >= 3) throw err;
      // Which of the batch went in is not said (see Collection.insertMany): look, and insert the rest.
      const stored = new Set((await collection.find({ _id: { $in: todo.map((d) => d._id) } })).map((d) => d._id));
      todo = todo.filter((d) => !stored.has(d._id));
    }
  }
}
