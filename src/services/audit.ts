// Append-only audit trail: who did what, when, and from which state to which.
import { randomUUID } from 'node:crypto';
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

export async function writeAudit(ctx: ServiceContext, entry: AuditEntry, at: string = ctx.now().toISOString()): Promise<void> {
  await ctx.records.audit.insert({
    _id: randomUUID(),
    version: 1,
    at,
    actor: entry.actor,
    action: entry.action,
    subject: entry.subject,
    fromState: entry.fromState ?? null,
    toState: entry.toState ?? null,
    details: entry.details ?? {},
  });
}

export async function auditTrail(ctx: ServiceContext, subject: string): Promise<AuditDoc[]> {
  return ctx.records.audit.find({ subject }, { sort: { at: 1 } });
}
