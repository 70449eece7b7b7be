// The roster and the children: the children's CSV import (the roster's is in rosterImport.ts, with
// its leavers), and matching a Teams user to a roster entry.
import { z } from 'zod';
import { readCsvTable } from '../domain/csvLines';
import { isIsoDate } from '../domain/dates';
import { ALL_TEAMS, normaliseEmail, type Child, type Person, type Role } from '../domain/people';
import { hasCurrentRole, may } from '../domain/permissions';
import { LEGAL_STATUSES, PLACEMENT_PROVIDERS, PLACEMENT_TYPES } from '../domain/ssda903/codes';
import type { ChildDoc, PersonDoc } from '../store/records';
import { DuplicateKeyError } from '../store/collection';
import { followUpImportedChild } from './placementPlan';
import { writeAudit } from './audit';
import type { ServiceContext } from './context';
import { NotFoundError, NotOnRosterError } from './errors';

export interface ImportReport {
  created: number;
  updated: number;
  unchanged: number;
  /** Lines with something wrong. `imported`: the rest of the line was imported (a worker link was left out). */
  problems: Array<{ line: number; reason: string; imported?: true }>;
}

export const email = z.string().trim().email('not an email address').transform(normaliseEmail);
const optionalEmail = z
  .string()
  .trim()
  .transform((v) => (v === '' ? null : v))
  .pipe(email.nullable());
export const listOf = <T extends string>(label: string, allowed?: readonly T[]) =>
  z
    .string()
    .transform((v) =>
      v
        .split(';')
        .map((s) => s.trim())
        .filter(Boolean),
    )
    .refine((items) => items.length > 0, `${label}: at least one is needed`)
    .refine((items) => !allowed || items.every((i) => (allowed as readonly string[]).includes(i)), {
      message: `${label}: each must be one of ${allowed?.join(', ')}`,
    });

/** Accepts 'YYYY-MM-DD' or 'dd/mm/yyyy'. */
export const date = (label: string) =>
  z
    .string()
    .trim()
    .transform((v) => {
      const uk = /^(\d{2})\/(\d{2})\/(\d{4})$/.exec(v);
      return uk ? `${uk[3]}-${uk[2]}-${uk[1]}` : v;
    })
    .refine(isIsoDate, `${label} is not a date (use YYYY-MM-DD or dd/mm/yyyy)`);

const code = (label: string, known: Record<string, string>) =>
  z
    .string()
    .trim()
    .toUpperCase()
    .refine((v) => v in known, `${label} is not a known code`);

const childRow = z.object({
  caseRef: z
    .string()
    .trim()
    .regex(/^[A-Za-z0-9][A-Za-z0-9/_-]{0,40}$/, 'caseRef must be letters, digits, -, _ or /'),
  name: z.string().trim().min(1, 'name is missing').max(200),
  dateOfBirth: date('dateOfBirth'),
  team: z.string().trim().min(1, 'team is missing').max(100),
  legalStatus: code('legalStatus', LEGAL_STATUSES),
  placementType: code('placementType', PLACEMENT_TYPES),
  placementProvider: code('placementProvider', PLACEMENT_PROVIDERS),
  placementStart: date('placementStart'),
  carerName: z.string().trim().max(200).default(''),
  carerEmail: optionalEmail,
  socialWorker: optionalEmail,
  supervisingSocialWorker: optionalEmail,
  iro: optionalEmail,
  // PLAN-2: optional; a blank cell keeps a date set in chat.
  nextReviewDate: z
    .string()
    .trim()
    .optional()
    .transform((v) => (v ? v : undefined))
    .pipe(date('nextReviewDate').optional()),
});

export function describe(error: z.ZodError): string {
  return error.issues.map((i) => (i.message.startsWith(String(i.path[0])) ? i.message : `${i.path.join('.')}: ${i.message}`)).join('; ');
}

export async function upsert<T extends PersonDoc | ChildDoc>(
  collection: { get(id: string): Promise<T | null>; insert(d: T): Promise<void>; updateIfVersion(id: string, v: number, c: Partial<T>): Promise<T | null> },
  id: string,
  fields: Omit<T, '_id' | 'version' | 'updatedAt'>,
  now: string,
): Promise<{ outcome: 'created' | 'updated' | 'unchanged'; before: T | null }> {
  for (let attempt = 0; attempt < 5; attempt++) {
    const existing = await collection.get(id);
    if (!existing) {
      try {
        await collection.insert({ _id: id, version: 1, ...fields, updatedAt: now } as T);
        return { outcome: 'created', before: null };
      } catch (err) {
        // Someone else created it a moment ago: compare with theirs on the next pass.
        if (err instanceof DuplicateKeyError) continue;
        throw err;
      }
    }
    const changed = Object.entries(fields).some(([k, v]) => JSON.stringify((existing as unknown as Record<string, unknown>)[k]) !== JSON.stringify(v));
    if (!changed) return { outcome: 'unchanged', before: existing };
    if (await collection.updateIfVersion(id, existing.version, { ...fields, updatedAt: now } as Partial<T>)) return { outcome: 'updated', before: existing };
  }
  throw new Error(`${id} kept changing while it was imported; try again`);
}

export async function importChildren(ctx: ServiceContext, csvText: string, actor: string): Promise<ImportReport> {
  const report: ImportReport = { created: 0, updated: 0, unchanged: 0, problems: [] };
  const now = ctx.now().toISOString();
  const table = readCsvTable(csvText);
  report.problems.push(...table.problems);
  const isCurrent = currentWorkers(ctx);
  for (const { line, row } of table.rows) {
    const parsed = childRow.safeParse(row);
    if (!parsed.success) {
      report.problems.push({ line, reason: describe(parsed.error) });
      continue;
    }
    // A blank nextReviewDate is left out, so it keeps a date set in chat.
    const { nextReviewDate, ...fields } = parsed.data;
    const child: Child = nextReviewDate ? { ...fields, nextReviewDate } : fields;
    const leftOut = await withoutLeaverLinks(ctx, child, isCurrent);
    const { outcome, before } = await upsert<ChildDoc>(ctx.records.children, child.caseRef, child, now);
    report[outcome]++;
    for (const { field, id, kept } of leftOut) {
      report.problems.push({
        line,
        imported: true,
        reason: `${field}: ${id} is not a current worker (not on the roster, or has left), so the child is not linked to them; ${kept ? `the link stays ${kept}` : 'the link is empty until someone is allocated'}`,
      });
      await writeAudit(ctx, { actor, action: 'child.leaver-link-refused', subject: child.caseRef, details: { field, named: id, kept } });
    }
    if (outcome === 'unchanged') continue;
    forgetCaseloads(ctx); // counts from now in this process
    // The audit names the case reference only: the child's name stays in the child record.
    await writeAudit(ctx, { actor, action: `child.${outcome}`, subject: child.caseRef, details: { team: child.team } });
    // PLAN-1 and AFTER-1 for a placement that has just started, AFTER-2 for a changed placement or
    // legal status, PLAN-2 at once for a review date that brings the plan's revision near.
    await followUpImportedChild(ctx, before, child, actor);
  }
  report.problems.sort((a, b) => a.line - b.line);
  return report;
}

/** The links a children row makes to workers: each must name someone on the roster with a current role. */
const WORKER_LINKS = ['socialWorker', 'supervisingSocialWorker', 'iro'] as const;

/**
 * A worker link naming someone who is not a current worker (a leaver has no role; or they are not on
 * the roster) is not imported: alerts, meetings and notices would go to them, and the leaver
 * handover has already passed their children on. The link keeps what the record holds when that is
 * a current worker (a stale file must not undo a handover), else it is empty. Changes `child`.
 */
async function withoutLeaverLinks(
  ctx: ServiceContext,
  child: Child,
  isCurrent: (id: string) => Promise<boolean>,
): Promise<Array<{ field: (typeof WORKER_LINKS)[number]; id: string; kept: string | null }>> {
  const leftOut: Array<{ field: (typeof WORKER_LINKS)[number]; id: string; kept: string | null }> = [];
  let stored: ChildDoc | null | undefined;
  for (const field of WORKER_LINKS) {
    const id = child[field];
    if (!id || (await isCurrent(id))) continue;
    if (stored === undefined) stored = await ctx.records.children.get(child.caseRef);
    const before = stored?.[field] ?? null;
    const kept = before && before !== id && (await isCurrent(before)) ? before : null;
    child[field] = kept;
    leftOut.push({ field, id, kept });
  }
  return leftOut;
}

/** Whether a roster id is a current worker (on the roster, with a role), each looked up once per import. */
function currentWorkers(ctx: ServiceContext): (id: string) => Promise<boolean> {
  const known = new Map<string, Promise<boolean>>();
  return (id) => {
    let current = known.get(id);
    if (!current) known.set(id, (current = ctx.records.people.get(id).then((doc) => !!doc && hasCurrentRole(toPerson(doc)))));
    return current;
  };
}

export function toPerson(doc: PersonDoc): Person {
  return { id: doc.id, email: doc.email, name: doc.name, aadObjectId: doc.aadObjectId, roles: doc.roles, teams: doc.teams };
}

export function toChild(doc: ChildDoc): Child {
  const { _id, version, updatedAt, ...child } = doc;
  return child;
}

/** How long a process trusts the roster entry it last read for a Teams user (see identify). */
export const ROSTER_TRUSTED_FOR_MS = 30_000;
/** Past this many users, the memory is cleared rather than grown. */
const MOST_KNOWN_USERS = 20_000;
const knownUsersByRecords = new WeakMap<object, Map<string, { person: Person; until: number }>>();

/**
 * Finds the roster entry of a Teams user: by AAD object id, or else by the email Teams gives for
 * them (looked up only on first contact, then remembered). An entry already linked to one Teams
 * user is never re-linked to another by an email match (a guest, or another tenant, can carry the
 * same address): that is refused and audited; `psb roster unlink <email>` undoes a link on purpose.
 *
 * Every turn starts here, so the entry found by object id is kept for ROSTER_TRUSTED_FOR_MS: a
 * store read fewer per turn. A roster import in this process forgets them at once; one run
 * elsewhere (psb, another instance) takes effect here within those 30 seconds.
 */
export async function identify(ctx: ServiceContext, aadObjectId: string | undefined, lookupEmail: () => Promise<string | null>): Promise<Person> {
  const person = await rosterEntryOf(ctx, aadObjectId, lookupEmail);
  // A leaver keeps their roster entry (for the audit trail) but no role: to the bot they are no one.
  if (!hasCurrentRole(person)) throw new NotOnRosterError();
  return person;
}

async function rosterEntryOf(ctx: ServiceContext, aadObjectId: string | undefined, lookupEmail: () => Promise<string | null>): Promise<Person> {
  const objectId = aadObjectId?.toLowerCase();
  if (objectId) {
    let knownUsers = knownUsersByRecords.get(ctx.records);
    if (!knownUsers) knownUsersByRecords.set(ctx.records, (knownUsers = new Map()));
    const now = ctx.now().getTime();
    const remembered = knownUsers.get(objectId);
    if (remembered && remembered.until > now) return copyOf(remembered.person);
    const known = await ctx.records.people.findOne({ aadObjectId: objectId });
    if (known) {
      const person = toPerson(known);
      if (knownUsers.size >= MOST_KNOWN_USERS) knownUsers.clear();
      knownUsers.set(objectId, { person, until: now + ROSTER_TRUSTED_FOR_MS });
      return copyOf(person);
    }
  }
  const found = await lookupEmail().catch(() => null);
  if (!found) throw new NotOnRosterError();
  const doc = await ctx.records.people.get(normaliseEmail(found));
  if (!doc) throw new NotOnRosterError();
  if (doc.aadObjectId && doc.aadObjectId !== objectId) {
    await writeAudit(ctx, {
      actor: objectId ? `teams:${objectId}` : 'teams:unknown',
      action: 'roster.relink-refused',
      subject: doc.id,
      details: { aadObjectId: objectId ?? null, linkedTo: doc.aadObjectId },
    });
    ctx.log.warn({ personId: doc.id }, 'a different Teams user matched a linked roster entry by email: refused');
    throw new NotOnRosterError();
  }
  if (objectId && doc.aadObjectId !== objectId) {
    // Remember the object id; a clash with a concurrent first contact is harmless (same value).
    const updated = await ctx.records.people.updateIfVersion(doc._id, doc.version, { aadObjectId: objectId, updatedAt: ctx.now().toISOString() });
    if (updated) await writeAudit(ctx, { actor: doc.id, action: 'roster.linked-teams-user', subject: doc.id, details: { aadObjectId: objectId } });
    return toPerson(updated ?? { ...doc, aadObjectId: objectId });
  }
  return toPerson(doc);
}

/**
 * Forgets the Teams user a roster entry is linked to, so that the next person to speak with its
 * email is linked (psb roster unlink): for a person whose Teams account was replaced. Audited.
 */
export async function unlinkTeamsUser(ctx: ServiceContext, emailAddress: string, actor: string): Promise<{ unlinked: string | null }> {
  const id = normaliseEmail(emailAddress);
  for (let attempt = 0; attempt < 5; attempt++) {
    const doc = await ctx.records.people.get(id);
    if (!doc) throw new NotFoundError(`${id} is not on the roster.`);
    if (!doc.aadObjectId) return { unlinked: null };
    const updated = await ctx.records.people.updateIfVersion(doc._id, doc.version, { aadObjectId: null, updatedAt: ctx.now().toISOString() });
    if (!updated) continue;
    knownUsersByRecords.delete(ctx.records); // counts at once in this process; elsewhere within ROSTER_TRUSTED_FOR_MS
    await writeAudit(ctx, { actor, action: 'roster.unlinked-teams-user', subject: doc.id, details: { aadObjectId: doc.aadObjectId } });
    return { unlinked: doc.aadObjectId };
  }
  throw new Error(`${id} kept changing while it was unlinked; try again`);
}

const copyOf = (person: Person): Person => ({ ...person, roles: [...person.roles], teams: [...person.teams] });

/**
 * The people with `role` for `team` (the Heads of Service a request goes to, the placements team
 * told of an approval). Everyone with the role is read at once and kept for ROSTER_TRUSTED_FOR_MS,
 * like a user's own roster entry: a roster import in this process counts at once, one elsewhere
 * within 30 seconds.
 */
export async function peopleWithRole(ctx: ServiceContext, role: Role, team: string): Promise<Person[]> {
  let known = roleHoldersByRecords.get(ctx.records);
  if (!known) roleHoldersByRecords.set(ctx.records, (known = new Map()));
  const now = ctx.now().getTime();
  let remembered = known.get(role);
  if (!remembered || remembered.until <= now) {
    const people = (await ctx.records.people.find({ roles: role }, { sort: { _id: 1 } })).map(toPerson);
    known.set(role, (remembered = { people, until: now + ROSTER_TRUSTED_FOR_MS }));
  }
  return remembered.people.filter((p) => p.teams.includes(team) || p.teams.includes(ALL_TEAMS)).map(copyOf);
}
const roleHoldersByRecords = new WeakMap<object, Map<string, { people: Person[]; until: number }>>();

/**
 * A roster entry by its id (email), from what this process remembers of the roster (users who
 * spoke to the bot, role holders; kept ROSTER_TRUSTED_FOR_MS) or else read from the store. The
 * notices of a move name the child for their reader: their reader is usually one of those.
 */
export async function rosterPerson(ctx: ServiceContext, id: string): Promise<Person | null> {
  const now = ctx.now().getTime();
  for (const { person, until } of knownUsersByRecords.get(ctx.records)?.values() ?? []) if (until > now && person.id === id) return copyOf(person);
  for (const { people, until } of roleHoldersByRecords.get(ctx.records)?.values() ?? []) {
    const person = until > now ? people.find((p) => p.id === id) : undefined;
    if (person) return copyOf(person);
  }
  const doc = await ctx.records.people.get(id);
  return doc ? toPerson(doc) : null;
}

/**
 * The children a person works with: their own caseload, and for managers their teams' children.
 * Kept per person for ROSTER_TRUSTED_FOR_MS like their roster entry (every move form and alert
 * list asks for it): a children import in this process counts at once, one elsewhere within 30
 * seconds. Whether a person may act for a child is still checked against the stored child record
 * when they act (the permission table, src/domain/permissions.ts).
 */
export async function childrenFor(ctx: ServiceContext, person: Person): Promise<Child[]> {
  let known = knownCaseloadsByRecords.get(ctx.records);
  if (!known) knownCaseloadsByRecords.set(ctx.records, (known = new Map()));
  const key = JSON.stringify([person.id, person.roles, person.teams]);
  const now = ctx.now().getTime();
  const remembered = known.get(key);
  if (remembered && remembered.until > now) return remembered.children.map((child) => ({ ...child }));
  const children = await readChildrenFor(ctx, person);
  if (known.size >= MOST_KNOWN_USERS) known.clear();
  known.set(key, { children, until: now + ROSTER_TRUSTED_FOR_MS });
  return children.map((child) => ({ ...child }));
}
const knownCaseloadsByRecords = new WeakMap<object, Map<string, { children: Child[]; until: number }>>();

/** After a change to the roster in this process: the next look-up of a user or a role holder reads the store. */
export function forgetRoster(ctx: ServiceContext): void {
  knownUsersByRecords.delete(ctx.records);
  roleHoldersByRecords.delete(ctx.records);
}

/** After a change to a child record in this process: the next childrenFor reads the store. */
export function forgetCaseloads(ctx: ServiceContext): void {
  knownCaseloadsByRecords.delete(ctx.records);
}

const MANAGER_ROLES: Role[] = ['team_manager', 'service_manager', 'head_of_service'];

async function readChildrenFor(ctx: ServiceContext, person: Person): Promise<Child[]> {
  const mine = await ctx.records.children.find({ socialWorker: person.id }, { sort: { _id: 1 } });
  // Candidates from the store; the permission table decides (a manager of the team, not an administrator).
  const managed = MANAGER_ROLES.some((r) => person.roles.includes(r))
    ? await ctx.records.children.find(person.teams.includes(ALL_TEAMS) ? {} : { team: { $in: person.teams } }, { sort: { _id: 1 } })
    : [];
  const byRef = new Map([...mine, ...managed].map((c) => [c._id, toChild(c)]));
  return [...byRef.values()].filter((child) => may(person, 'request a move', { child }));
}
