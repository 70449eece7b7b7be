// Every psb command's command line, read strictly against its declaration: an unknown option, an
// option without its value, a bad value or a missing argument is a clear error with exit code 2,
// and nothing is opened or changed. The table below must name every command (a new command adds
// its line), so no command escapes these checks.
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import fc from 'fast-check';
import { helpText, usageLine, UsageError, type CliCommand, type OptionSpec } from '../../src/cli/command';
import { COMMANDS } from '../../src/cli/commands';
import { runCli } from '../../src/cli/main';
import { parseCommandLine } from '../../src/cli/parse';
import { describeSchedule } from '../../src/domain/schedule';

const EXAMPLES = path.resolve(__dirname, '../../examples');

/** A valid command line for each command (after its words), and what it must be read as. */
const VALID: Record<string, { argv: string[]; args: Record<string, unknown>; options: Record<string, unknown> }> = {
  'roster import': { argv: ['roster.csv'], args: { file: 'roster.csv' }, options: {} },
  'roster unlink': { argv: ['sam.social@example.org'], args: { email: 'sam.social@example.org' }, options: {} },
  'children import': { argv: ['children.csv'], args: { file: 'children.csv' }, options: {} },
  'episodes import': { argv: ['a.csv', 'b.csv'], args: { files: ['a.csv', 'b.csv'] }, options: {} },
  kpi: {
    argv: ['--at', '2021-03-31', '--episodes', 'a.csv', 'b.csv', '--team', 'North', '--json'],
    args: {},
    options: { at: '2021-03-31', episodes: ['a.csv', 'b.csv'], team: 'North', json: true },
  },
  'check-codes': { argv: ['--since=2020-04-01', '--episodes', 'a.csv'], args: {}, options: { since: '2020-04-01', episodes: ['a.csv'], json: false } },
  'digest subscribe': {
    argv: ['19:abc@thread.tacv2', 'North', 'South', '--schedule', 'mon 09:00'],
    args: { conversationId: '19:abc@thread.tacv2', teams: ['North', 'South'] },
    options: { schedule: { days: [1], time: '09:00' } },
  },
  'digest stop': { argv: ['19:abc@thread.tacv2'], args: { conversationId: '19:abc@thread.tacv2' }, options: {} },
  'digest preview': { argv: ['North', '--at', '2026-12-01', '--json'], args: { teams: ['North'] }, options: { at: '2026-12-01', json: true } },
  ask: { argv: ['who', 'chairs', 'a', 'stability', 'meeting?', '--json'], args: { question: ['who', 'chairs', 'a', 'stability', 'meeting?'] }, options: { json: true } },
  'guidance feedback': { argv: ['--limit', '5'], args: {}, options: { limit: 5, json: false } },
  audit: { argv: ['PM-2026-0001'], args: { subject: 'PM-2026-0001' }, options: {} },
  export: { argv: ['CR-1001'], args: { caseRef: 'CR-1001' }, options: {} },
  'retention apply': { argv: ['--days', '30'], args: {}, options: { days: 30 } },
  outbox: { argv: ['--json'], args: {}, options: { json: true } },
  'channel set-approvals': { argv: ['North', '19:abc@thread.tacv2'], args: { team: 'North', conversationId: '19:abc@thread.tacv2' }, options: {} },
  'cover set': {
    argv: ['North', 'harry.hos@example.org', '--from', '2026-12-22', '--to', '2027-01-02', '--for', 'hana.head@example.org'],
    args: { team: 'North', cover: 'harry.hos@example.org' },
    options: { from: '2026-12-22', to: '2027-01-02', for: 'hana.head@example.org' },
  },
  'cover list': { argv: [], args: {}, options: {} },
  'roster leaver': { argv: ['sam.social@example.org'], args: { email: 'sam.social@example.org' }, options: {} },
};

const nameOf = (c: CliCommand<any, any>) => c.words.join(' ');
const problemOf = (command: CliCommand<any, any>, argv: string[]): string => {
  try {
    parseCommandLine(command, argv);
  } catch (err) {
    return (err as Error).message;
  }
  throw new Error(`${nameOf(command)} accepted ${JSON.stringify(argv)}`);
};

test('the table names every command, and only those', () => {
  expect(Object.keys(VALID).sort()).toEqual(COMMANDS.map(nameOf).sort());
});

test("the README's command table gives each command as its declaration writes it", () => {
  const readme = readFileSync(path.resolve(__dirname, '../../README.md'), 'utf8');
  const section = readme.slice(readme.indexOf('## The command line'), readme.indexOf('\n## ', readme.indexOf('## The command line') + 5));
  const listed = [...section.matchAll(/^\| `([^`]+)` +\|/gm)].map((m) => m[1]);
  expect(listed.sort()).toEqual(COMMANDS.map(usageLine).sort());
});

describe.each(COMMANDS.map((c) => [nameOf(c), c] as const))('psb %s', (_name, command) => {
  const valid = VALID[nameOf(command)];
  const options = Object.entries(command.options as Record<string, OptionSpec>);

  test('a valid line is read as declared', () => {
    expect(parseCommandLine(command, valid.argv)).toEqual({ help: false, args: valid.args, options: expect.objectContaining(valid.options) });
  });

  test('an unknown option is refused, by name', () => {
    expect(problemOf(command, [...valid.argv, '--colour', 'red'])).toMatch(/^unknown option --colour/);
    expect(problemOf(command, [...valid.argv, '-z'])).toMatch(/^unknown option -z/);
  });

  test('every option that takes a value needs one, and a flag takes none', () => {
    for (const [name, spec] of options) {
      if (spec.type === 'string') expect(problemOf(command, [...valid.argv, `--${name}`])).toBe(`--${name} needs a value`);
      else expect(problemOf(command, [...valid.argv, `--${name}=yes`])).toBe(`--${name} takes no value`);
    }
  });

  test('a missing argument is named, and a word too many is refused', () => {
    const required = Object.values(command.args as Record<string, { name: string; multiple: boolean }>);
    if (required.length > 0) {
      expect(
        problemOf(
          command,
          valid.argv.filter((w, i) => w.startsWith('-') || valid.argv[i - 1]?.startsWith('--') === true),
        ),
      ).toContain(`<${required[0].name}`);
    }
    if (!required.some((a) => a.multiple)) expect(problemOf(command, ['stray', ...valid.argv])).toMatch(/unexpected argument|"stray"/);
  });

  test('--help describes every argument and option, from the declaration', () => {
    expect(parseCommandLine(command, [...valid.argv, '--help'])).toEqual({ help: true });
    const help = helpText(command);
    expect(help.split('\n')[0]).toBe(`usage: npm run -s psb -- ${usageLine(command)}`);
    for (const [name, spec] of options) {
      expect(help).toContain(`--${name}`);
      expect(help).toContain(spec.description);
    }
    for (const a of Object.values(command.args as Record<string, { name: string; description: string }>)) expect(help).toContain(a.description);
  });
});

describe('bad values are refused with what was wrong', () => {
  const command = (words: string) => COMMANDS.find((c) => nameOf(c) === words)!;
  test.each([
    ['retention apply', ['--days', '29'], '--days "29": must be from 30 to 36500 days'],
    ['retention apply', ['--days', 'thirty'], '--days "thirty": must be a whole number of days'],
    ['retention apply', ['--days', '30.5'], '--days "30.5": must be a whole number of days'],
    ['retention apply', [], '--days is required'],
    ['retention apply', ['--days', '-30'], '--days needs a value (to give one that starts with "-", write --days=VALUE)'],
    ['digest subscribe', ['19:abc', 'North', '--schedule', 'sometimes'], '--schedule "sometimes": a schedule looks like "weekdays 08:00" or "mon,thu 09:30" (UK time)'],
    ['digest subscribe', ['19:abc'], '<team...> is missing'],
    ['digest preview', ['North', '--at', '01/12/2026'], '--at "01/12/2026": must be a date written YYYY-MM-DD'],
    ['kpi', ['--at', '2021-02-30'], '--at "2021-02-30": must be a date written YYYY-MM-DD'],
    ['check-codes', ['--since', 'last year'], '--since "last year": must be a date written YYYY-MM-DD'],
    ['guidance feedback', ['--limit', '0'], '--limit "0": must be from 1 to 10000 items'],
    ['export', ['CR-1001\u0007'], '<caseRef> "CR-1001\\u0007": must not contain control characters'],
    ['export', ['CR-1001', 'x\u202ey\u001b[2J'], 'unexpected argument "x\\u202ey\\u001b[2J"'],
    ['audit', ['   '], '<reference> "   ": must not be blank'],
  ])('%s %j', (words, argv, problem) => {
    expect(problemOf(command(words), argv)).toBe(problem);
  });

  test('several problems are all named at once', () => {
    expect(problemOf(command('kpi'), ['--team', 'North', 'extra'])).toBe('--at is required; unexpected argument "extra"');
  });

  test('-- ends the options: a question may start with a dash', () => {
    expect(parseCommandLine(command('ask'), ['--json', '--', '--what', 'is', 'FRAG-2?'])).toMatchObject({ args: { question: ['--what', 'is', 'FRAG-2?'] } });
  });
});

describe('through runCli: exit codes, messages, and nothing opened or changed', () => {
  let dataDir: string;
  beforeEach(() => {
    dataDir = mkdtempSync(path.join(tmpdir(), 'psb-parse-'));
  });
  afterEach(() => rmSync(dataDir, { recursive: true, force: true }));

  async function psb(...argv: string[]) {
    const out: string[] = [];
    const err: string[] = [];
    const code = await runCli(argv, { out: (l) => out.push(l), err: (l) => err.push(l) }, { DATA_DIR: dataDir, LOG_LEVEL: 'silent' });
    return { code, out, err };
  }

  test('a bad line: exit 2, the problem then the usage on stderr, and the store is never opened', async () => {
    for (const argv of [
      ['retention', 'apply', '--days', '7'],
      ['retention', 'apply', '--days=30', '--dry-run'],
      ['digest', 'subscribe', '19:abc', '--schedule', 'mon 09:00'],
      ['digest', 'preview', 'North', '--at'],
      ['roster', 'import', path.join(EXAMPLES, 'roster.csv'), '--force'],
      ['export'],
    ]) {
      const result = await psb(...argv);
      expect(result.code).toBe(2);
      expect(result.out).toEqual([]);
      expect(result.err).toHaveLength(2);
      expect(result.err[0]).toMatch(new RegExp(`^psb ${argv[0]}( ${argv[1]})?: .+`));
      expect(result.err[1]).toMatch(/^usage: npm run -s psb -- /);
    }
    expect(readdirSync(dataDir)).toEqual([]);
  });

  test('retention apply --days 30 (as the README writes it) runs', async () => {
    const { code, out, err } = await psb('retention', 'apply', '--days', '30');
    expect({ code, err }).toEqual({ code: 0, err: [] });
    expect(out[0]).toMatch(/^Free text removed from 0 closed move requests/);
  });

  test('digest subscribe --schedule "mon 09:00" sets the schedule; the schedule is not taken for a team', async () => {
    const { code, out } = await psb('digest', 'subscribe', '19:abc@thread.tacv2', 'North', '--schedule', 'mon 09:00');
    expect(code).toBe(0);
    expect(out[0]).toBe(`19:abc@thread.tacv2 will get the digest for North, ${describeSchedule({ days: [1], time: '09:00' })}.`);
    const audit = await psb('audit', '19:abc@thread.tacv2');
    expect(audit.out.join('\n')).toMatch(/digest\.subscribed .*teams=North days=1 time=09:00/);
  });

  test('digest preview --at DATE is the day, not a team', async () => {
    const { code, out } = await psb('digest', 'preview', 'North', '--at', '2026-12-01');
    expect(code).toBe(0);
    expect(out[0]).toMatch(/^Digest for North on 2026-12-01: \d+ bytes/);
  });

  test('an unknown command: exit 2 and the list of commands; help: exit 0', async () => {
    const unknown = await psb('retention', 'undo');
    expect(unknown.code).toBe(2);
    expect(unknown.err[0]).toBe('Unknown command: retention undo');
    expect(unknown.err.join('\n')).toContain('retention apply --days N');
    const help = await psb('help');
    expect(help.code).toBe(0);
    for (const c of COMMANDS) expect(help.out.join('\n')).toContain(usageLine(c));
    expect(await psb('help', 'retention', 'apply')).toMatchObject({ code: 0, out: [helpText(COMMANDS.find((c) => nameOf(c) === 'retention apply')!)] });
    expect(await psb('kpi', '--help')).toMatchObject({ code: 0, out: [expect.stringContaining('--at YYYY-MM-DD')] });
    expect(readdirSync(dataDir)).toEqual([]);
  });

  test('export of a case reference nothing is held for: said plainly, exit 1', async () => {
    expect(await psb('export', 'CR-9999')).toEqual({ code: 1, out: [], err: ['Nothing is held for CR-9999.'] });
  });

  test('a bad environment value is named and nothing is opened', async () => {
    const out: string[] = [];
    const err: string[] = [];
    const code = await runCli(['retention', 'apply', '--days', '30'], { out: (l) => out.push(l), err: (l) => err.push(l) }, { DATA_DIR: dataDir, LOG_LEVEL: 'loud' });
    expect(code).toBe(2);
    expect(err.join('\n')).toMatch(/LOG_LEVEL/);
    expect(readdirSync(dataDir)).toEqual([]);
  });
});

describe('hostile command lines', () => {
  // Words made of the pieces that matter to a parser: dashes, equals signs, quotes, control and
  // direction characters, and the commands' own option names.
  const optionNames = [...new Set(COMMANDS.flatMap((c) => Object.keys(c.options)))];
  const word = fc.oneof(
    fc.string({ maxLength: 12 }),
    fc.string({ unit: 'binary', maxLength: 12 }),
    fc.constantFrom('--', '-', '-h', '--help', '=', '--=', '"', '\u0000', '\u202e', ...optionNames.map((n) => `--${n}`), ...optionNames.map((n) => `--${n}=`)),
    fc.tuple(fc.constantFrom(...optionNames), fc.string({ maxLength: 8 })).map(([n, v]) => `--${n}=${v}`),
  );

  test('any words: either read as declared, help, or a UsageError naming the problem (never another throw)', () => {
    fc.assert(
      fc.property(fc.constantFrom(...COMMANDS), fc.array(word, { maxLength: 8 }), (command, argv) => {
        try {
          const parsed = parseCommandLine(command, argv);
          if (!parsed.help) for (const name of Object.keys(parsed.options)) expect(Object.keys(command.options)).toContain(name);
        } catch (err) {
          expect(err).toBeInstanceOf(UsageError);
          expect((err as Error).message.length).toBeGreaterThan(0);
          // one line on stderr, and nothing that moves the cursor or reorders the text
          expect((err as Error).message).not.toMatch(/[\u0000-\u001f\u007f-\u009f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069]/);
        }
      }),
      { numRuns: 2000 },
    );
  });
});
