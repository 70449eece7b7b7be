// The one effects runner. A change of a record (a move request, an alert, a meeting) writes, in one
// version-checked update, the record, its audit entry (`pendingAudit`) and the names of the effects
// still to do (`pendingEffects`). Each record kind declares here what an effect means (its
// EffectPlan: audit entries, tasks, other idempotent steps, messages); the runner carries them out
// in batches (one insertMany for the audit entries, one for the tasks, one for the outbox) and
// then clears the effect. Every task, entry and message has a fixed key, so running an effect again
// after a crash, or on a second instance at once, does each thing once. `resumeEffects` finds the
// records a stopped process left with effects to do.
import type { Collection, StoredDoc } from '../../store/collection';
import type { AuditDoc, Records, TaskDoc } from '../../store/records';
import type { ServiceContext } from '../context';
import { enqueueAll, insertAllOnce, type OutgoingMessage } from '../outbox';

/** What one effect of a change does; everything in it must be safe to do twice. */
export interface EffectPlan {
  /** Audit entries beyond the change's own, each with a fixed id. */
  audit?: AuditDoc[];
  /** Tasks to create, each with a fixed id; each gets a "task.created" entry. */
  tasks?: TaskDoc[];
  /** Changes to other records (the child's history, an alert), each idempotent; run after the tasks, before the messages. */
  steps?: Array<() => Promise<unknown>>;
  /** Messages to queue, each with a fixed key. */
  messages?: OutgoingMessage[];
}

/** A record that carries effects still to do. */
export type RecordWithEffects<E extends string> = StoredDoc & { pendingEffects: E[]; pendingAudit?: AuditDoc[] };

/** What a record kind declares to the runner: where its records are and what each of its effects means. */
export interface RecordEffects<T extends RecordWithEffects<E>, E extends string> {
  /** For logs and tests, e.g. "move request". */
  kind: string;
  collection(records: Records): Collection<T>;
  plan(ctx: ServiceContext, effect: E, record: T): Promise<EffectPlan>;
}

/** The "task.created" entry of a task (fixed id, so a replay writes it once). */
function taskCreatedEntry(task: TaskDoc): AuditDoc {
  return {
    _id: `${task._id}:created`,
    version: 1,
    at: task.createdAt,
    actor: 'bot',
    action: 'task.created',
    subject: task.sourceRef,
    fromState: null,
    toState: 'open',
    details: { task: task._id, owner: task.owner, dueDate: task.dueDate },
  };
}

/** Carries out the record's pending effects, oldest first, and clears each; returns the record as stored after. */
export async function runEffects<T extends RecordWithEffects<E>, E extends string>(ctx: ServiceContext, kind: RecordEffects<T, E>, record: T): Promise<T> {
  let current = record;
  while (current.pendingEffects.length > 0) {
    const plan = await kind.plan(ctx, current.pendingEffects[0], current);
    const tasks = plan.tasks ?? [];
    // The change's own entry first, so the trail has it before anything that follows from it.
    await insertAllOnce(ctx.records.audit, [...(current.pendingAudit ?? []), ...(plan.audit ?? []), ...tasks.map(taskCreatedEntry)]);
    await insertAllOnce(ctx.records.tasks, tasks);
    for (const step of plan.steps ?? []) await step();
    await enqueueAll(ctx, plan.messages ?? []);
    current = await clearFirstEffect(ctx, kind, current);
  }
  return current;
}

/**
 * Removes the effect just carried out. When the record changed meanwhile (a later change, or a step
 * that changed the record itself), the latest version is cleared instead, as long as the effect is
 * still first (nobody else finished it); entries added meanwhile are written before they are cleared.
 */
async function clearFirstEffect<T extends RecordWithEffects<E>, E extends string>(ctx: ServiceContext, kind: RecordEffects<T, E>, done: T): Promise<T> {
  const collection = kind.collection(ctx.records);
  let latest: T | null = done;
  for (;;) {
    if (latest !== done) await insertAllOnce(ctx.records.audit, latest.pendingAudit ?? []);
    const cleared = await collection.updateIfVersion(latest._id, latest.version, { pendingEffects: latest.pendingEffects.slice(1), pendingAudit: [] } as unknown as Partial<
      Omit<T, '_id' | 'version'>
    >);
    if (cleared) return cleared;
    latest = await collection.get(done._id);
    if (!latest) return { ...done, pendingEffects: [] };
    // Another runner finished it (the list no longer starts as it did): carry on from what is stored.
    if (!done.pendingEffects.every((effect, i) => latest!.pendingEffects[i] === effect)) return latest;
  }
}

/** After a restart: finish the effects of every record of this kind whose process stopped half-way. */
export async function resumeEffects<T extends RecordWithEffects<E>, E extends string>(ctx: ServiceContext, kind: RecordEffects<T, E>): Promise<number> {
  const unfinished = await kind.collection(ctx.records).find({ 'pendingEffects.0': { $exists: true } });
  for (const record of unfinished) await runEffects(ctx, kind, record);
  return unfinished.length;
}
