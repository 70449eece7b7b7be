// Append-only audit trail: who did what, when, and from which state to which.
//
// A change to a record with pending effects (move requests, alerts, meetings) stores its audit entry
// on the record, in the same version-checked update as the change (`pendingAudit`); the effects
// runner (services/effects/runner.ts) writes it first and clears it with the effect. So a process that stops right after the
// change still leaves the entry to be written after restart, and the entry's fixed id (the record's
// version after the change) makes writing it twice insert it once.
import { randomUUID } from 'node:crypto';
import { DuplicateKeyError } from '../store/collection';
import type { AuditDoc } from '../store/records';
import type { ServiceContext } from './context';

export interface AuditEntry {
  actor: string;
  action: string;
  subject: string;
  fromState?: string | null;
  toState?: string | null;
  details?: AuditDoc['details'];
}

function auditDoc(id: string, entry: AuditEntry, at: string): AuditDoc {
  return {
    _id: id,
    version: 1,
    at,
    actor: entry.actor,
    action: entry.action,
    subject: entry.subject,
    fromState: entry.fromState ?? null,
    toState: entry.toState ?? null,
    details: entry.details ?? {},
  };
}

/** Inserts the entry; one with the same id written before (a replay after a restart) is left as it is. */
async function insertOnce(ctx: ServiceContext, doc: AuditDoc): Promise<void> {
  try {
    await ctx.records.audit.insert(doc);
  } catch (err) {
    if (!(err instanceof DuplicateKeyError)) throw err;
  }
}

/** Writes an entry; with a fixed `id`, writing the same entry again inserts it once. */
export async function writeAudit(ctx: ServiceContext, entry: AuditEntry, at: string = ctx.now().toISOString(), id: string = randomUUID()): Promise<void> {
  await insertOnce(ctx, auditDoc(id, entry, at));
}

/** Who made a change, what it was and when, for the audit entry the change's service completes (subject, states). */
export type ChangeAudit = Pick<AuditEntry, 'actor' | 'action' | 'details'> & { at: string };

/** The audit entry of a change that makes record `ref` version `version`, to store with the change; `at` is when the change was made. */
export function auditOfChange(ref: string, version: number, entry: AuditEntry, at: string): AuditDoc {
  return auditDoc(`${ref}@v${version}`, entry, at);
}

/** The pending audit entries of `current` with this change's added (for the update that makes the change). */
export function withAuditOfChange(current: { _id: string; version: number; pendingAudit?: AuditDoc[] }, entry: AuditEntry, at: string): AuditDoc[] {
  return [...(current.pendingAudit ?? []), auditOfChange(current._id, current.version + 1, entry, at)];
}

export async function auditTrail(ctx: ServiceContext, subject: string): Promise<AuditDoc[]> {
  return ctx.records.audit.find({ subject }, { sort: { at: 1 } });
}
