// Reads a command's part of the command line against its declaration (src/cli/command.ts) with
// node:util parseArgs in strict mode: an unknown option, an option without its value, a value
// its schema refuses, a missing argument or a word too many is a UsageError naming the problem.
// Nothing runs until the whole line has been read and checked.
import { parseArgs, type ParseArgsConfig } from 'node:util';
import type { z } from 'zod';
import { UsageError, type ArgSpec, type CliCommand, type OptionSpec } from './command';

export type ParsedCommandLine = { help: true } | { help: false; args: Record<string, unknown>; options: Record<string, unknown> };

export function parseCommandLine(command: CliCommand<any, any>, argv: string[]): ParsedCommandLine {
  const declared = command.options as Record<string, OptionSpec>;
  const config: NonNullable<ParseArgsConfig['options']> = { help: { type: 'boolean', short: 'h' } };
  for (const [name, o] of Object.entries(declared)) config[name] = { type: o.type, ...(o.multiple ? { multiple: true } : {}), ...(o.short ? { short: o.short } : {}) };

  let tokens;
  try {
    ({ tokens } = parseArgs({ args: argv, options: config, strict: true, allowPositionals: true, tokens: true }));
  } catch (err) {
    throw new UsageError(describeParseError(err));
  }

  // A list option also takes the words after it, up to the next option: `--episodes a.csv b.csv`.
  const raw: Record<string, string | boolean | string[]> = {};
  const positionals: string[] = [];
  let list: string[] | null = null;
  for (const token of tokens) {
    if (token.kind === 'option') {
      const spec = declared[token.name];
      if (spec?.multiple) {
        list = (raw[token.name] as string[] | undefined) ?? [];
        raw[token.name] = list;
        list.push(token.value!);
      } else {
        list = null;
        raw[token.name] = spec?.type === 'string' ? token.value! : true;
      }
    } else if (token.kind === 'option-terminator') {
      list = null;
    } else if (list) {
      list.push(token.value);
    } else {
      positionals.push(token.value);
    }
  }
  if (raw.help === true) return { help: true };

  const problems: string[] = [];
  const options: Record<string, unknown> = {};
  for (const [name, spec] of Object.entries(declared)) {
    if (spec.required && raw[name] === undefined) {
      problems.push(`--${name} is required`);
      continue;
    }
    const checked = spec.schema.safeParse(raw[name]);
    if (checked.success) options[name] = checked.data;
    else problems.push(`--${name}${raw[name] === undefined || typeof raw[name] === 'boolean' ? '' : ` ${quoted(raw[name])}`}: ${messages(checked.error)}`);
  }

  const args: Record<string, unknown> = {};
  const specs = Object.entries(command.args as Record<string, ArgSpec>);
  let next = 0;
  for (const [key, spec] of specs) {
    const given = spec.multiple ? positionals.slice(next) : positionals[next];
    next = spec.multiple ? positionals.length : next + 1;
    if (given === undefined || (Array.isArray(given) && given.length === 0)) {
      if (!spec.optional) problems.push(`<${spec.name}${spec.multiple ? '...' : ''}> is missing`);
      continue;
    }
    const checked = spec.schema.safeParse(given);
    if (checked.success) args[key] = checked.data;
    else problems.push(`<${spec.name}> ${quoted(given)}: ${messages(checked.error)}`);
  }
  const extra = positionals.slice(next);
  if (extra.length > 0) problems.push(`unexpected ${extra.length === 1 ? 'argument' : 'arguments'} ${extra.map(shown).join(' ')}`);

  if (problems.length > 0) throw new UsageError(problems.join('; '));
  return { help: false, args, options };
}

function quoted(value: unknown): string {
  return Array.isArray(value) ? value.map(shown).join(' ') : shown(value);
}

/**
 * A word from the command line as it can be printed back: in quotes, cut short, with control and
 * text-direction characters written as escapes, so a hostile argument cannot break the one-line
 * message, move the terminal's cursor or reorder what is shown.
 */
export function shown(value: unknown): string {
  const text = String(value);
  const cut = text.length > 60 ? `${text.slice(0, 60)}...` : text;
  return JSON.stringify(cut).replace(/[\u007f-\u009f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

function messages(error: z.ZodError): string {
  return [...new Set(error.issues.map((i) => i.message))].join('; ');
}

/** parseArgs' errors in a psb user's words (its own mention JavaScript-style quoting and long hints). */
function describeParseError(err: unknown): string {
  const message = err instanceof Error ? err.message : String(err);
  const code = (err as { code?: string }).code;
  const found = /'(-{1,2}[^' ]+)/.exec(message)?.[1];
  const name = found === undefined ? 'an option' : /^-{1,2}[A-Za-z0-9_-]+$/.test(found) ? found : shown(found);
  if (code === 'ERR_PARSE_ARGS_UNKNOWN_OPTION') return `unknown option ${name} (a word that starts with "-" goes after --, as in: -- ${name})`;
  if (code === 'ERR_PARSE_ARGS_INVALID_OPTION_VALUE') {
    if (/argument missing/.test(message)) return `${name} needs a value`;
    if (/ambiguous/.test(message)) return `${name} needs a value (to give one that starts with "-", write ${name}=VALUE)`;
    if (/does not take an argument/.test(message)) return `${name} takes no value`;
  }
  return shown(message.split('\n')[0]).slice(1, -1);
}
