// The shape of a psb command. Each command lives in src/cli/commands/ and is listed in
// src/cli/commands/index.ts; main.ts only parses the words and runs the match.
import type { ServiceContext } from '../services/context';
import type { Store } from '../store/collection';

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
  /** When given, decides from the flags whether to open the store (and `needsStore` is not used). */
  needsStoreFor?(flags: CliFlags): boolean;
  /**
   * The options the command reads (node:util parseArgs form). Undeclared `--name value` pairs come
   * as `name: true` plus a positional. A list option (`type: 'string', multiple: true`) collects
   * its values in order, both repeated (`--episodes a --episodes b`) and the words after it up to
   * the next option (`--episodes a b`).
   */
  options?: Record<string, { type: 'string' | 'boolean'; multiple?: boolean; short?: string }>;
  /** Runs the command; resolves with the process exit code. */
  run(args: {
    positionals: string[];
    flags: Record<string, string | boolean | string[]>;
    ctx: ServiceContext | null;
    /** The open store behind `ctx` (null when needsStore is false). */
    store: Store | null;
    io: CliIo;
    /** The environment runCli was given (tests pass their own). */
    env: NodeJS.ProcessEnv;
  }): Promise<number>;
}

export type CliFlags = Record<string, string | boolean | string[]>;

export class UsageError extends Error {
  constructor(usage: string) {
    super(`usage: npm run -s psb -- ${usage}`);
    this.name = 'UsageError';
  }
}
