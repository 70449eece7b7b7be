// Roster and children imports.
import { readFileSync } from 'node:fs';
import { importChildren, importRoster, type ImportReport } from '../../services/people';
import { arg, defineCommand, type CliIo } from '../command';

function printImport(io: CliIo, what: string, file: string, report: ImportReport): number {
  io.out(`${what}: ${report.created} added, ${report.updated} updated, ${report.unchanged} unchanged, ${report.problems.length} rejected`);
  for (const p of report.problems) io.out(`  ${file}:${p.line}: ${p.reason}`);
  return report.problems.length > 0 ? 1 : 0;
}

export const rosterImport = defineCommand({
  words: ['roster', 'import'],
  summary: 'add or update people (email,name,aadObjectId,roles,teams)',
  args: { file: arg('roster.csv', 'the roster as CSV, with a header row') },
  options: {},
  needsStore: true,
  async run({ args: { file }, ctx, io }) {
    return printImport(io, 'Roster', file, await importRoster(ctx!, readFileSync(file, 'utf8'), 'cli'));
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
