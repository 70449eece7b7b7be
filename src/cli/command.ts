// The shape of a psb command. Each command lives in src/cli/commands/ and is listed in
// src/cli/commands/index.ts. A command declares its arguments and options (with a zod schema for
// each value); src/cli/parse.ts reads the command line strictly against that declaration, and its
// usage and help are generated from it, so what a command accepts and what its help says cannot
// drift apart.
import { z } from 'zod';
import type { ServiceContext } from '../services/context';
import type { Store } from '../store/collection';

export interface CliIo {
  out(line: string): void;
  err(line: string): void;
}

/** A zod schema from the raw value node:util parseArgs reads (a string, a boolean, a list, or undefined) to the command's value. */
type ValueSchema<T> = z.ZodType<T, z.ZodTypeDef, unknown>;

/** A `--name` option. */
export interface OptionSpec<T = unknown> {
  type: 'string' | 'boolean';
  /** A list: `--episodes a b` and `--episodes a --episodes b` both give ['a', 'b']. */
  multiple?: boolean;
  short?: string;
  /** How the value is written in the usage line, e.g. 'YYYY-MM-DD' (string options). */
  valueName?: string;
  description: string;
  required: boolean;
  schema: ValueSchema<T>;
}

/** A positional argument; `multiple` (the last one only) takes every remaining word. */
export interface ArgSpec<T = unknown> {
  name: string;
  description: string;
  multiple: boolean;
  optional: boolean;
  schema: ValueSchema<T>;
}

type Specs = Record<string, { schema: z.ZodTypeAny }>;
/** The values a command receives: each declared name with its schema's output type. */
export type ValuesOf<S extends Specs> = { [K in keyof S]: z.output<S[K]['schema']> };

export interface CliCommand<O extends Record<string, OptionSpec> = Record<string, OptionSpec>, A extends Record<string, ArgSpec> = Record<string, ArgSpec>> {
  /** The words that select it, e.g. ['roster', 'import']. */
  words: string[];
  summary: string;
  /** Positional arguments, in order (the key is how `run` receives the value). */
  args: A;
  options: O;
  /** Opens the store only when true (commands such as `ask` work without it). */
  needsStore: boolean;
  /** When given, decides from the options whether to open the store (and `needsStore` is not used). */
  needsStoreFor?(options: ValuesOf<O>): boolean;
  /** Runs the command; resolves with the process exit code. */
  run(input: {
    args: ValuesOf<A>;
    options: ValuesOf<O>;
    ctx: ServiceContext | null;
    /** The open store behind `ctx` (null when the store is not needed). */
    store: Store | null;
    io: CliIo;
    /** The environment runCli was given (tests pass their own). */
    env: NodeJS.ProcessEnv;
  }): Promise<number>;
}

/** Declares a command with its argument and option types inferred from the declaration. */
export function defineCommand<O extends Record<string, OptionSpec>, A extends Record<string, ArgSpec>>(command: CliCommand<O, A>): CliCommand<O, A> {
  return command;
}

/**
 * The command line does not fit the command: the message says what is wrong, and the runner
 * prints the command's usage after it and exits with 2. Nothing has been changed.
 */
export class UsageError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'UsageError';
  }
}

// ---- declaring options and arguments --------------------------------------------------------------

/** An option without a value: false unless given. */
export function flag(description: string, short?: string): OptionSpec<boolean> {
  return {
    type: 'boolean',
    description,
    short,
    required: false,
    schema: z
      .boolean()
      .optional()
      .transform((v) => v === true),
  };
}

/** An option with a value, checked by `schema` (any string when none); undefined when not given. */
export function option(valueName: string, description: string): OptionSpec<string | undefined>;
export function option<T>(valueName: string, description: string, schema: ValueSchema<T>): OptionSpec<T | undefined>;
export function option<T>(valueName: string, description: string, schema?: ValueSchema<T>): OptionSpec<T | undefined> {
  const value = (schema ?? z.string()) as ValueSchema<T>;
  return { type: 'string', valueName, description, required: false, schema: value.optional() };
}

/** An option that must be given (the parser says so when it is missing), checked by `schema`. */
export function requiredOption(valueName: string, description: string): OptionSpec<string>;
export function requiredOption<T>(valueName: string, description: string, schema: ValueSchema<T>): OptionSpec<T>;
export function requiredOption<T>(valueName: string, description: string, schema?: ValueSchema<T>): OptionSpec<T> {
  return { type: 'string', valueName, description, required: true, schema: (schema ?? z.string()) as ValueSchema<T> };
}

/** A list option (`--episodes a b`, or repeated); undefined when not given, never empty when given. */
export function listOption(valueName: string, description: string): OptionSpec<string[] | undefined> {
  return { type: 'string', multiple: true, valueName, description, required: false, schema: z.array(z.string()).optional() };
}

/** A positional argument that must be given. */
export function arg(name: string, description: string): ArgSpec<string>;
export function arg<T>(name: string, description: string, schema: ValueSchema<T>): ArgSpec<T>;
export function arg<T>(name: string, description: string, schema?: ValueSchema<T>): ArgSpec<T> {
  return { name, description, multiple: false, optional: false, schema: (schema ?? z.string()) as ValueSchema<T> };
}

/** The last positional argument: one or more words. */
export function restArgs(name: string, description: string, schema?: ValueSchema<string>): ArgSpec<string[]> {
  return { name, description, multiple: true, optional: false, schema: z.array(schema ?? z.string()).min(1) as unknown as ValueSchema<string[]> };
}

// ---- usage and help, generated from the declaration -------------------------------------------------

export const USAGE_PREFIX = 'npm run -s psb --';

/** One line: `retention apply --days N` or `kpi --at YYYY-MM-DD [--episodes FILE...] [--json]`. */
export function usageLine(command: CliCommand<any, any>): string {
  const args = Object.values(command.args as Record<string, ArgSpec>).map((a) => {
    const word = `<${a.name}${a.multiple ? '...' : ''}>`;
    return a.optional ? `[${word}]` : word;
  });
  const options = Object.entries(command.options as Record<string, OptionSpec>).map(([name, o]) => {
    const written = o.type === 'boolean' ? `--${name}` : `--${name} ${o.valueName ?? 'VALUE'}${o.multiple ? '...' : ''}`;
    return o.required ? written : `[${written}]`;
  });
  return [...command.words, ...args, ...options].join(' ');
}

/** `psb <command> --help`: the usage line, the summary, and each argument and option described. */
export function helpText(command: CliCommand<any, any>): string {
  const rows: Array<[string, string]> = [
    ...Object.values(command.args as Record<string, ArgSpec>).map((a): [string, string] => [`<${a.name}${a.multiple ? '...' : ''}>`, a.description]),
    ...Object.entries(command.options as Record<string, OptionSpec>).map(([name, o]): [string, string] => [
      `${o.short ? `-${o.short}, ` : ''}--${name}${o.type === 'string' ? ` ${o.valueName ?? 'VALUE'}${o.multiple ? '...' : ''}` : ''}`,
      `${o.description}${o.required ? ' (required)' : ''}`,
    ]),
    ['-h, --help', 'show this help'],
  ];
  const width = Math.max(...rows.map(([left]) => left.length));
  return [`usage: ${USAGE_PREFIX} ${usageLine(command)}`, '', command.summary, '', ...rows.map(([left, right]) => `  ${left.padEnd(width)}  ${right}`)].join('\n');
}
