// psb: the command line, run as `npm run -s psb -- <command>`. Each command is a thin call into
// the same services the chat uses.
import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { ConfigError, loadConfig } from '../config';
import { auditTrail } from '../services/audit';
import type { ServiceContext } from '../services/context';
import { setApprovalsChannel } from '../services/conversations';
import { importChildren, importRoster, type ImportReport } from '../services/people';
import { silentLogger } from '../services/context';
import { StoreLockedError } from '../store/embeddedStore';
import { openStore } from '../store/openStore';
import { openRecords } from '../store/records';

const USAGE = `Placement Stability Bot command line

Usage: npm run -s psb -- <command>

  roster import <roster.csv>                       add or update people (email,name,aadObjectId,roles,teams)
  children import <children.csv>                   add or update children (caseRef,name,dateOfBirth,team,...)
  audit <reference>                                the history of a request, task subject or person
  channel set-approvals <team> <conversation-id>   post approval cards for <team> in that channel
                                                   when no Head of Service can be reached in chat

With no MONGODB_URI the embedded store in DATA_DIR is used; it can have one user at a time, so
stop the bot before running a command that writes (or use MongoDB).`;

class UsageError extends Error {}

function printImport(what: string, file: string, report: ImportReport): number {
  console.log(`${what}: ${report.created} added, ${report.updated} updated, ${report.unchanged} unchanged, ${report.problems.length} rejected`);
  for (const p of report.problems) console.log(`  ${file}:${p.line}: ${p.reason}`);
  return report.problems.length > 0 ? 1 : 0;
}

async function run(ctx: ServiceContext, args: string[]): Promise<number> {
  const [command, sub, ...rest] = args;
  const needs = (n: number, usage: string) => {
    if (rest.length < n) throw new UsageError(`usage: npm run -s psb -- ${usage}`);
  };
  switch (`${command} ${sub ?? ''}`.trim()) {
    case 'roster import':
      needs(1, 'roster import <roster.csv>');
      return printImport('Roster', rest[0], await importRoster(ctx, readFileSync(rest[0], 'utf8'), 'cli'));
    case 'children import':
      needs(1, 'children import <children.csv>');
      return printImport('Children', rest[0], await importChildren(ctx, readFileSync(rest[0], 'utf8'), 'cli'));
    case 'channel set-approvals':
      needs(2, 'channel set-approvals <team> <conversation-id>');
      await setApprovalsChannel(ctx, 'cli', rest[0], rest[1]);
      console.log(`Approval cards for ${rest[0]} will go to ${rest[1]} when no Head of Service can be reached in chat.`);
      return 0;
    default:
      if (command === 'audit' && sub) {
        const entries = await auditTrail(ctx, sub);
        if (entries.length === 0) {
          console.log(`Nothing in the audit log for ${sub}.`);
          return 1;
        }
        for (const e of entries) {
          const change = e.fromState || e.toState ? ` ${e.fromState ?? '-'} -> ${e.toState ?? '-'}` : '';
          const details = Object.entries(e.details).filter(([, v]) => v !== null).map(([k, v]) => `${k}=${v}`).join(' ');
          console.log(`${e.at}  ${e.actor}  ${e.action}${change}${details ? `  ${details}` : ''}`);
        }
        return 0;
      }
      throw new UsageError(USAGE);
  }
}

async function main(): Promise<void> {
  const { positionals } = parseArgs({ allowPositionals: true, strict: false });
  if (positionals.length === 0 || ['help', '--help', '-h'].includes(positionals[0])) {
    console.log(USAGE);
    return;
  }
  let code = 0;
  try {
    const config = loadConfig();
    const store = await openStore({ mongodbUri: config.MONGODB_URI, mongodbDb: config.MONGODB_DB, dataDir: config.DATA_DIR });
    try {
      const ctx: ServiceContext = { records: await openRecords(store), now: () => new Date(), log: silentLogger, onOutboxChanged: () => undefined };
      code = await run(ctx, positionals);
    } finally {
      await store.close();
    }
  } catch (err) {
    if (err instanceof UsageError || err instanceof ConfigError || err instanceof StoreLockedError) {
      console.error(err.message);
      code = 2;
    } else if (err instanceof Error && (err as NodeJS.ErrnoException).code === 'ENOENT') {
      console.error(`File not found: ${(err as NodeJS.ErrnoException).path}`);
      code = 2;
    } else {
      throw err;
    }
  }
  process.exitCode = code;
}

void main();
