// Roster and children imports.
import { readFileSync } from 'node:fs';
import { importChildren, importRoster, type ImportReport } from '../../services/people';
import { UsageError, type CliCommand, type CliIo } from '../command';

function printImport(io: CliIo, what: string, file: string, report: ImportReport): number {
  io.out(`${what}: ${report.created} added, ${report.updated} updated, ${report.unchanged} unchanged, ${report.problems.length} rejected`);
  for (const p of report.problems) io.out(`  ${file}:${p.line}: ${p.reason}`);
  return report.problems.length > 0 ? 1 : 0;
}

export const rosterImport: CliCommand = {
  words: ['roster', 'import'],
  usage: 'roster import <roster.csv>',
  summary: 'add or update people (email,name,aadObjectId,roles,teams)',
  needsStore: true,
  async run({ positionals: [file], ctx, io }) {
    if (!file) throw new UsageError(this.usage);
    return printImport(io, 'Roster', file, await importRoster(ctx!, readFileSync(file, 'utf8'), 'cli'));
  },
};

export const childrenImport: CliCommand = {
  words: ['children', 'import'],
  usage: 'children import <children.csv>',
  summary: 'add or update children (caseRef,name,dateOfBirth,team,legalStatus,...)',
  needsStore: true,
  async run({ positionals: [file], ctx, io }) {
    if (!file) throw new UsageError(this.usage);
    return printImport(io, 'Children', file, await importChildren(ctx!, readFileSync(file, 'utf8'), 'cli'));
  },
};
