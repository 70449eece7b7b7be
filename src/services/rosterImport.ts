// The roster's CSV import: adds and updates people, and hands over the work of leavers (people
// marked as left in the file, or no longer in it; see leavers.ts), refusing a file that would make
// too many people leavers at once.
import { z } from 'zod';
import { readCsvTable } from '../domain/csvLines';
import { ukDate } from '../domain/dates';
import { ROLES, type Role } from '../domain/people';
import type { PersonDoc } from '../store/records';
import { writeAudit } from './audit';
import type { ServiceContext } from './context';
import { handOverLeaversWork, type Handover } from './leavers';
import { date, describe, email, forgetRoster, listOf, upsert, type ImportReport } from './people';

const rosterRow = z.object({
  email,
  name: z.string().trim().min(1, 'name is missing').max(200),
  aadObjectId: z
    .string()
    .trim()
    .optional()
    .transform((v) => (v ? v.toLowerCase() : null))
    .refine((v) => v === null || /^[0-9a-f-]{36}$/.test(v), 'aadObjectId is not a GUID'),
  roles: listOf('roles', ROLES),
  teams: listOf('teams'),
  /** The day they left (or will leave): blank or missing for someone still working. */
  leftOn: z
    .string()
    .optional()
    .transform((v) => (v?.trim() ? v : null))
    .pipe(date('leftOn').nullable()),
});

/** What a roster import did with leavers, besides the rows. */
export interface RosterImportReport extends ImportReport {
  /** Why nothing was imported (a file that would make too many people leavers), else null. */
  refused: string | null;
  /** People handed over as leavers by this import: marked in the file, or no longer in it. */
  leavers: Array<{ id: string; how: 'marked' | 'omitted'; handover: Handover }>;
  /** People marked as leaving on a later date: active until then. */
  leavingLater: Array<{ id: string; leftOn: string }>;
  /** Why people missing from the file were not treated as leavers (rejected lines), else null. */
  omissionsIgnored: string | null;
}

export interface RosterImportOptions {
  /** Take a file that makes more than maxLeaverShare of the active roster leavers (psb roster import --allow-mass-leavers). */
  allowMassLeavers?: boolean;
  /** The share of the active roster one file may make leavers; default MAX_LEAVER_SHARE. */
  maxLeaverShare?: number;
}

/** A roster file that would make more than this share of the people on the roster leavers is refused (a truncated file must not hand everyone over). */
export const MAX_LEAVER_SHARE = 0.5;

/**
 * Adds and updates the people in the file, and hands over the work of leavers (services/leavers.ts):
 * people whose `leftOn` date has come, and active people no longer in the file. Nothing is written
 * when the file would make more than `maxLeaverShare` of the active roster leavers, unless
 * `allowMassLeavers`; and when any line is rejected, nobody is made a leaver by omission (their
 * line may be the rejected one). A leaver keeps their entry with no roles, so importing the same
 * file again finds nobody new to hand over.
 */
export async function importRoster(ctx: ServiceContext, csvText: string, actor: string, options: RosterImportOptions = {}): Promise<RosterImportReport> {
  const report: RosterImportReport = { created: 0, updated: 0, unchanged: 0, problems: [], refused: null, leavers: [], leavingLater: [], omissionsIgnored: null };
  const now = ctx.now().toISOString();
  const today = ukDate(ctx.now());
  // A line that is not valid CSV (a stray quote) is reported with its number; the rest are read.
  const table = readCsvTable(csvText);
  report.problems.push(...table.problems);
  const rows: Array<z.infer<typeof rosterRow>> = [];
  const inFile = new Set<string>();
  for (const { line, row } of table.rows) {
    const parsed = rosterRow.safeParse(row);
    const address = email.safeParse(row.email ?? '');
    if (address.success) inFile.add(address.data);
    if (!parsed.success) {
      report.problems.push({ line, reason: describe(parsed.error) });
      continue;
    }
    rows.push(parsed.data);
  }
  report.problems.sort((a, b) => a.line - b.line);

  // Who would leave: those whose leaving date has come, and (only from a file read without a rejected line) the active people not in it.
  const active = (await ctx.records.people.find({}, { sort: { _id: 1 } })).filter((p) => p.roles.length > 0);
  const marked = rows.filter((r) => r.leftOn && r.leftOn <= today).map((r) => r.email);
  report.leavingLater = rows.filter((r) => r.leftOn && r.leftOn > today).map((r) => ({ id: r.email, leftOn: r.leftOn! }));
  const missing = active.filter((p) => !inFile.has(p._id)).map((p) => p._id);
  if (missing.length > 0 && report.problems.length > 0) {
    report.omissionsIgnored = `${missing.length} ${missing.length === 1 ? 'person is' : 'people are'} on the roster but not in the file; with lines rejected, nobody is made a leaver for being left out. Fix the lines and import again.`;
  }
  const omitted = report.omissionsIgnored ? [] : missing;
  const activeIds = new Set(active.map((p) => p._id));
  const leaving = [...marked.filter((id) => activeIds.has(id)).map((id) => ({ id, how: 'marked' as const })), ...omitted.map((id) => ({ id, how: 'omitted' as const }))];
  const share = options.maxLeaverShare ?? MAX_LEAVER_SHARE;
  if (!options.allowMassLeavers && leaving.length > 0 && leaving.length > share * active.length) {
    report.refused =
      `Nothing was imported: this file would make ${leaving.length} of the ${active.length} people on the roster leavers ` +
      `(${omitted.length} not in the file, ${leaving.length - omitted.length} marked as left), more than ${Math.round(share * 100)}%. ` +
      "A cut-short file must not hand everyone's work over. If they really have all left, import it again with --allow-mass-leavers.";
    return report;
  }

  for (const p of rows) {
    const existing = await ctx.records.people.get(p.email);
    const left = !!p.leftOn && p.leftOn <= today;
    // A blank aadObjectId in the file keeps the one learnt from Teams. A leaver's roles are taken
    // away by the hand-over (which records them), not here; someone back (no leftOn) gets theirs.
    const person: Omit<PersonDoc, '_id' | 'version' | 'updatedAt'> = {
      id: p.email,
      email: p.email,
      name: p.name,
      aadObjectId: p.aadObjectId ?? existing?.aadObjectId ?? null,
      roles: left ? (existing?.roles ?? []) : (p.roles as Role[]),
      teams: p.teams,
      ...(p.leftOn || existing?.leftOn ? { leftOn: p.leftOn } : {}),
    };
    const { outcome } = await upsert(ctx.records.people, p.email, person, now);
    report[outcome]++;
    if (outcome !== 'unchanged') {
      forgetRoster(ctx); // the change counts from now in this process
      await writeAudit(ctx, {
        actor,
        action: `roster.${outcome}`,
        subject: p.email,
        details: { roles: p.roles.join(';'), teams: p.teams.join(';'), ...(p.leftOn ? { leftOn: p.leftOn } : {}) },
      });
    }
  }
  for (const { id, how } of leaving) {
    await writeAudit(ctx, { actor, action: 'roster.leaver-by-import', subject: id, details: { how } }, now, `${id}:leaver-by-import:${now}`);
    report.leavers.push({ id, how, handover: await handOverLeaversWork(ctx, id, actor) });
  }
  return report;
}
