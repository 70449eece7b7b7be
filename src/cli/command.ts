// The shape of a psb command. Each command lives in src/cli/commands/ and is listed in
// src/cli/commands/index.ts; main.ts only parses the words and runs the match.
import type { ServiceContext } from '../services/context';

export interface CliIo {
  out(line: string): void;
  err(line: string): void;
}

export interface CliCommand {
  /** The words that select it, e.g. ['roster', 'import']. */
  words: string[];
  /** One usage line, e.g. 'roster import <roster.csv>'. */
  usage: string;
  summary: string;
  /** Opens the store only when true (commands such as `ask --episodes` may work without it). */
  needsStore?: boolean;
  /** Runs the command; resolves with the process exit code. */
  run(args: { positionals: string[]; flags: Record<string, string | boolean | string[]>; ctx: ServiceContext | null; io: CliIo }): Promise<number>;
}

export class UsageError extends Error {
  constructor(usage: string) {
    super(`usage: npm run -s psb -- ${usage}`);
    this.name = 'UsageError';
  }
}
