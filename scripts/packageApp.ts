// `npm run package`: the Teams app package an administrator uploads. Fills the bot id and the
// developer details from configuration, checks the manifest against the offline Teams schema,
// the icons and the command list, and writes appPackage/build/appPackage.zip. Every problem is
// reported at once, each naming the setting or the manifest field.
import Ajv, { type ErrorObject } from 'ajv';
import addFormats from 'ajv-formats';
import { zipSync } from 'fflate';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { manifestCommandLists } from '../src/teams/chatCommand';
import { CHAT_COMMANDS } from '../src/teams/routes/chatCommands';
import { decodePng, type Rgba } from './png';

const ROOT = path.resolve(__dirname, '..');
export const SCHEMA_FILE = path.join(ROOT, 'node_modules/@microsoft/app-manifest/build/json-schemas/teams/v1.19/MicrosoftTeams.schema.json');
const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export class PackageError extends Error {
  constructor(readonly problems: string[]) {
    super(`The app package was not built:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.name = 'PackageError';
  }
}

export interface PackageOptions {
  env: Record<string, string | undefined>;
  /** The folder with manifest.json and the icons (default appPackage/). */
  appDir?: string;
  /** Where the zip goes (default <appDir>/build/appPackage.zip). */
  outFile?: string;
}

export interface BuiltPackage {
  outFile: string;
  manifest: Record<string, any>;
}

const SETTINGS = {
  BOT_ID: "the bot's Microsoft App ID (a GUID), as in the Azure Bot registration",
  DEVELOPER_NAME: "the organisation shown as the app's developer (at most 32 characters)",
  DEVELOPER_WEBSITE: "an https:// URL of the organisation's website",
  DEVELOPER_PRIVACY_URL: 'an https:// URL of the privacy notice for this app',
  DEVELOPER_TERMS_URL: 'an https:// URL of the terms of use for this app',
} as const;

type Settings = Record<keyof typeof SETTINGS, string>;

const STAND_INS: Settings = {
  BOT_ID: '00000000-0000-0000-0000-000000000000',
  DEVELOPER_NAME: 'Developer',
  DEVELOPER_WEBSITE: 'https://example.invalid/',
  DEVELOPER_PRIVACY_URL: 'https://example.invalid/privacy',
  DEVELOPER_TERMS_URL: 'https://example.invalid/terms',
};

function isHttpsUrl(value: string): boolean {
  try {
    return new URL(value).protocol === 'https:';
  } catch {
    return false;
  }
}

function readSettings(env: PackageOptions['env'], problems: string[]): Settings {
  const settings = {} as Settings;
  for (const [name, expected] of Object.entries(SETTINGS) as Array<[keyof Settings, string]>) {
    const value = env[name]?.trim() ?? '';
    const ok = value !== '' && (name === 'BOT_ID' ? GUID.test(value) : name === 'DEVELOPER_NAME' ? true : isHttpsUrl(value));
    if (!ok) problems.push(`${name}: expected ${expected}${value ? ` (got "${value}")` : ' (not set)'}`);
    // A bad setting is reported once, here; a valid stand-in keeps the schema check to real manifest problems.
    settings[name] = ok ? value : STAND_INS[name];
  }
  const publicUrl = env.BOT_PUBLIC_URL?.trim();
  if (publicUrl && !isHttpsUrl(publicUrl)) problems.push(`BOT_PUBLIC_URL: expected the bot's public https:// address, or nothing (got "${publicUrl}")`);
  return settings;
}

/**
 * Replaces every ${{NAME}} in the manifest's strings and notes which field took which setting, so a
 * schema problem in that field can name the setting; a name that is not a setting is a problem.
 */
function fillPlaceholders(node: unknown, settings: Settings, problems: string[], sources: Map<string, string>, at = ''): unknown {
  if (typeof node === 'string') {
    return node.replace(/\$\{\{(\w+)\}\}/g, (whole, name: string) => {
      if (!(name in settings)) {
        problems.push(`manifest.json uses ${whole}, which is not one of ${Object.keys(SETTINGS).join(', ')}`);
        return whole;
      }
      sources.set(at, name);
      return settings[name as keyof Settings];
    });
  }
  if (Array.isArray(node)) return node.map((n, i) => fillPlaceholders(n, settings, problems, sources, `${at}/${i}`));
  if (node && typeof node === 'object') return Object.fromEntries(Object.entries(node).map(([k, v]) => [k, fillPlaceholders(v, settings, problems, sources, `${at}/${k}`)]));
  return node;
}

/** "/bots/0/commandLists/1" -> "bots[0].commandLists[1]", the way people name a manifest field. */
function fieldName(instancePath: string, error: ErrorObject): string {
  const parts = instancePath
    .split('/')
    .slice(1)
    .map((p) => p.replace(/~1/g, '/').replace(/~0/g, '~'));
  if (error.keyword === 'required') parts.push(String(error.params.missingProperty));
  if (error.keyword === 'additionalProperties') parts.push(String(error.params.additionalProperty));
  return parts.reduce((name, p) => (/^\d+$/.test(p) ? `${name}[${p}]` : name ? `${name}.${p}` : p), '') || '(the manifest)';
}

function schemaProblems(manifest: unknown, sources: Map<string, string>): string[] {
  // The Teams schema declares draft-04 but uses nothing draft-07 reads differently, so plain Ajv
  // compiles it once its $schema line is dropped.
  const { $schema: _ignored, ...schema } = JSON.parse(readFileSync(SCHEMA_FILE, 'utf8'));
  const ajv = new Ajv({ allErrors: true, strict: false });
  addFormats(ajv);
  const validate = ajv.compile(schema);
  if (validate(manifest)) return [];
  const problems = (validate.errors ?? [])
    // anyOf/oneOf branches repeat what their own sub-errors already say.
    .filter((e) => e.keyword !== 'anyOf' && e.keyword !== 'oneOf' && e.keyword !== 'if')
    .map((e) => {
      const allowed = e.keyword === 'enum' ? `: one of ${(e.params.allowedValues as unknown[]).join(', ')}` : '';
      const source = sources.get(e.instancePath);
      return `manifest.json ${fieldName(e.instancePath, e)}${source ? ` (from ${source})` : ''}: ${e.message}${allowed}`;
    });
  return [...new Set(problems)];
}

function iconProblems(appDir: string, manifest: Record<string, any>): Array<{ name: string; bytes: Uint8Array } | string> {
  const expected = { color: 192, outline: 32 } as const;
  return (Object.keys(expected) as Array<keyof typeof expected>).map((kind) => {
    const name = String(manifest.icons?.[kind] ?? '');
    const file = path.join(appDir, name);
    if (!name || !existsSync(file)) return `icons.${kind}: the file "${name}" is not in ${path.relative(process.cwd(), appDir) || '.'}`;
    const bytes = readFileSync(file);
    const size = expected[kind];
    try {
      const image = decodePng(bytes);
      const { width, height } = image;
      if (width !== size || height !== size) return `icons.${kind}: ${name} must be ${size}x${size} pixels (it is ${width}x${height})`;
      if (kind === 'outline') {
        const problem = outlineProblem(image);
        if (problem) return `icons.outline: ${name} ${problem}`;
      }
    } catch (err) {
      return `icons.${kind}: ${name}: ${(err as Error).message}`;
    }
    return { name, bytes };
  });
}

/** Teams wants the outline icon white on a transparent background (it tints it itself). */
function outlineProblem({ pixels }: Rgba): string | null {
  let transparent = 0;
  for (let i = 0; i < pixels.length; i += 4) {
    if (pixels[i + 3] === 0) transparent++;
    else if (Math.min(pixels[i], pixels[i + 1], pixels[i + 2]) < 245) return 'must be white on a transparent background (it has coloured pixels)';
  }
  return transparent === 0 ? 'must be white on a transparent background (nothing is transparent)' : null;
}

/** The command menus must be the ones the chat command table generates (`npm run docs:manifest` writes them). */
function commandProblems(manifest: Record<string, any>): string[] {
  const lists: Array<{ scopes?: unknown; commands?: Array<{ title?: unknown }> }> = manifest.bots?.[0]?.commandLists ?? [];
  const expected = manifestCommandLists(CHAT_COMMANDS);
  const problems: string[] = [];
  for (const list of expected) {
    const found = lists.find((l) => JSON.stringify(l.scopes) === JSON.stringify(list.scopes));
    const titles = (found?.commands ?? []).map((c) => String(c.title).trim());
    const wanted = list.commands.map((c) => c.title);
    const missing = wanted.filter((t) => !titles.includes(t));
    const extra = titles.filter((t) => !wanted.includes(t));
    const where = `bots[0].commandLists (${list.scopes[0]})`;
    if (missing.length) problems.push(`${where}: missing the bot's command(s) ${missing.map((c) => `"${c}"`).join(', ')} (run npm run docs:manifest)`);
    if (extra.length) problems.push(`${where}: "${extra.join('", "')}" is not a command the bot knows (run npm run docs:manifest)`);
  }
  if (problems.length === 0 && JSON.stringify(lists) !== JSON.stringify(expected)) {
    problems.push('bots[0].commandLists: not what the chat command table generates (order, scopes or descriptions differ): run npm run docs:manifest');
  }
  return problems;
}

export function buildAppPackage(options: PackageOptions): BuiltPackage {
  const appDir = options.appDir ?? path.join(ROOT, 'appPackage');
  const outFile = options.outFile ?? path.join(appDir, 'build', 'appPackage.zip');
  const problems: string[] = [];
  const settings = readSettings(options.env, problems);
  const sources = new Map<string, string>();
  const manifest = fillPlaceholders(JSON.parse(readFileSync(path.join(appDir, 'manifest.json'), 'utf8')), settings, problems, sources) as Record<string, any>;
  // Links the bot serves (calendar files) open inside Teams only from a listed domain.
  const publicUrl = options.env.BOT_PUBLIC_URL?.trim();
  if (publicUrl && isHttpsUrl(publicUrl)) manifest.validDomains = [...new Set([...(manifest.validDomains ?? []), new URL(publicUrl).host])];
  problems.push(...schemaProblems(manifest, sources), ...commandProblems(manifest));
  const icons = iconProblems(appDir, manifest);
  problems.push(...icons.filter((i): i is string => typeof i === 'string'));
  if (problems.length) throw new PackageError(problems);

  const files: Record<string, Uint8Array> = { 'manifest.json': Buffer.from(`${JSON.stringify(manifest, null, 2)}\n`) };
  for (const icon of icons) if (typeof icon !== 'string') files[icon.name] = icon.bytes;
  mkdirSync(path.dirname(outFile), { recursive: true });
  writeFileSync(outFile, zipSync(files, { level: 9 }));
  return { outFile, manifest };
}

if (require.main === module) {
  // Settings come from the environment, then from .env if there is one (the environment wins).
  if (existsSync('.env')) process.loadEnvFile('.env');
  try {
    const { outFile, manifest } = buildAppPackage({ env: process.env });
    process.stdout.write(
      `Wrote ${path.relative(process.cwd(), outFile)} (app ${manifest.id}, manifest ${manifest.manifestVersion}).\nUpload it in the Teams admin centre: Teams apps > Manage apps > Upload new app.\n`,
    );
  } catch (err) {
    if (!(err instanceof PackageError)) throw err;
    process.stderr.write(`${err.message}\nSee the "App package" section of .env.example.\n`);
    process.exit(1);
  }
}
