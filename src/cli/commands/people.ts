// Roster and children imports.
import { readFileSync } from 'node:fs';
import { z } from 'zod';
import { importChildren, unlinkTeamsUser, type ImportReport } from '../../services/people';
import { importRoster, MAX_LEAVER_SHARE } from '../../services/rosterImport';
import { arg, defineCommand, flag, type CliIo } from '../command';
import { handOverLeaversWork, type Handover } from '../../services/leavers';
import { NotFoundError } from '../../services/errors';
import { reference } from '../values';

function printImport(io: CliIo, what: string, file: string, report: ImportReport): number {
  const partly = report.problems.filter((p) => p.imported).length;
  const rejected = report.problems.length - partly;
  io.out(
    `${what}: ${report.created} added, ${report.updated} updated, ${report.unchanged} unchanged, ${rejected} rejected${partly > 0 ? `, ${partly} worker link${partly === 1 ? '' : 's'} not imported` : ''}`,
  );
  for (const p of report.problems) io.out(`  ${file}:${p.line}: ${p.reason}`);
  return report.problems.length > 0 ? 1 : 0;
}

export const rosterImport = defineCommand({
  words: ['roster', 'import'],
  summary: 'add or update people (email,name,aadObjectId,roles,teams[,leftOn]); leavers (leftOn come, or no longer in the file) are handed over',
  args: { file: arg('roster.csv', 'the roster as CSV, with a header row') },
  options: { 'allow-mass-leavers': flag(`take a file that makes more than ${Math.round(MAX_LEAVER_SHARE * 100)}% of the roster leavers at once`) },
  needsStore: true,
  async run({ args: { file }, options: { 'allow-mass-leavers': allowMassLeavers }, ctx, io }) {
    const report = await importRoster(ctx!, readFileSync(file, 'utf8'), 'cli', { allowMassLeavers });
    if (report.refused) {
      io.err(report.refused);
      return 1;
    }
    const failed = printImport(io, 'Roster', file, report);
    for (const { id, how, handover } of report.leavers) {
      io.out(`  Leaver ${id} (${how === 'marked' ? 'leftOn in the file' : 'no longer in the file'}): ${describeHandover(handover)}`);
      if (handover.unassigned.length > 0) io.out(`    No team manager or Head of Service on the roster for: ${handover.unassigned.join(', ')}`);
    }
    for (const { id, leftOn } of report.leavingLater) io.out(`  ${id} leaves on ${leftOn}: their work is handed over by the first import on or after that day.`);
    if (report.omissionsIgnored) io.out(`  ${report.omissionsIgnored}`);
    return failed || report.leavers.some((l) => l.handover.unassigned.length > 0) ? 1 : 0;
  },
});

/** One line on what a leaver's hand-over passed on, and to whom. */
function describeHandover(done: Handover): string {
  const parts = [`${done.tasks} task(s)`, `${done.requests.length} move request(s)`, `${done.meetings.length} meeting(s)`, `${done.children.length} child(ren) allocated`];
  const approvals = done.approvals.length > 0 ? `; ${done.approvals.length} request(s) awaiting their decision sent to the other approvers` : '';
  return `${parts.join(', ')} passed to ${done.to.join(', ') || 'nobody'}${approvals}.`;
}

export const rosterUnlink = defineCommand({
  words: ['roster', 'unlink'],
  summary: 'forget the Teams user a roster entry is linked to (the next to use the bot with that email is linked); audited',
  args: { email: arg('email', "the person's roster email", z.string().trim().email('must be an email address')) },
  options: {},
  needsStore: true,
  async run({ args: { email }, ctx, io }) {
    // An email not on the roster is a NotFoundError: psb says so and exits 1.
    const { unlinked } = await unlinkTeamsUser(ctx!, email, 'cli');
    io.out(
      unlinked ? `${email}: unlinked from Teams user ${unlinked}. The next person to use the bot with this email is linked to it.` : `${email} was not linked to a Teams user.`,
    );
    return 0;
  },
});

export const childrenImport = defineCommand({
  words: ['children', 'import'],
  summary: 'add or update children (caseRef,name,dateOfBirth,team,legalStatus,...)',
  args: { file: arg('children.csv', 'the children as CSV, with a header row') },
  options: {},
  needsStore: true,
  async run({ args: { file }, ctx, io }) {
    return printImport(io, 'Children', file, await importChildren(ctx!, readFileSync(file, 'utf8'), 'cli'));
  },
});

export const rosterLeaver = defineCommand({
  words: ['roster', 'leaver'],
  summary: 'someone has left: their open tasks, move requests, meetings and allocated children pass to their team manager, who is told; they lose every role',
  args: { email: arg('email', 'the leaver, as on the roster', reference) },
  options: {},
  needsStore: true,
  async run({ args: { email }, ctx, io }) {
    try {
      const done = await handOverLeaversWork(ctx!, email, 'cli');
      io.out(`${email}: ${describeHandover(done)}`);
      if (done.unassigned.length > 0) io.out(`  No team manager or Head of Service on the roster for: ${done.unassigned.join(', ')}`);
      return done.unassigned.length > 0 ? 1 : 0;
    } catch (err) {
      if (!(err instanceof NotFoundError)) throw err;
      io.err(err.message);
      return 1;
    }
  },
});
