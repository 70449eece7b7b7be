// Update documents shared by both adapters, so that they change documents the same way.

/**
 * Splits top-level changes into `$set` and `$unset`: a field given as `undefined` is removed (the
 * driver would otherwise drop it silently and nedb would keep it in memory only). Empty operators
 * are left out, since older MongoDB servers reject them.
 */
export function setAndUnset(changes: object): { $set?: Record<string, unknown>; $unset?: Record<string, ''> } {
  const set: Record<string, unknown> = {};
  const unset: Record<string, ''> = {};
  for (const [field, value] of Object.entries(changes)) {
    if (value === undefined) unset[field] = '';
    else set[field] = value;
  }
  return {
    ...(Object.keys(set).length > 0 && { $set: set }),
    ...(Object.keys(unset).length > 0 && { $unset: unset }),
  };
}

/** `version` and `_id` are the contract's own fields; a counter must be some other field. */
export function assertCounterField(field: string): void {
  if (field === 'version' || field === '_id') throw new Error(`increment: '${field}' cannot be used as a counter`);
}

/** A renamed field is a plain top-level name, never `_id`, `version` or a path. */
export function assertTopLevelField(field: string): void {
  if (field === 'version' || field === '_id' || !/^[A-Za-z][A-Za-z0-9_]*$/.test(field)) throw new Error(`renameField: '${field}' is not a top-level field name`);
}
