// The domain facts the guidance pack must cover, and the seed documents it must not copy.
// The facts (rule ids, meetings, seed ids) are kept in test/fixtures/domain-facts.json so the
// suite passes on any clone. DOMAIN.md and the seed documents themselves live beside the project
// in ../shared (CI has it, a fresh clone does not): the checks that need them are declared with
// `whereSharedExists` and report plainly that they were skipped when the folder is absent.

import { existsSync, readdirSync, readFileSync } from 'fs';
import path from 'path';
import facts from '../fixtures/domain-facts.json';

export const DOMAIN_FACTS: { ruleIds: string[]; meetings: string[]; seedIds: string[] } = {
  ruleIds: facts.ruleIds,
  meetings: facts.meetings,
  seedIds: facts.seedIds,
};

export const SHARED_DIR = path.resolve(__dirname, '../../../shared');
export const DOMAIN_PATH = path.join(SHARED_DIR, 'DOMAIN.md');
export const SEEDS_DIR = path.join(SHARED_DIR, 'seeds');

/** A test that needs ../shared/seeds (and DOMAIN.md); elsewhere it is reported as skipped, with the reason. */
export function whereSharedExists(title: string, fn: jest.ProvidesCallback, timeoutMs?: number): void {
  if (existsSync(SEEDS_DIR) && existsSync(DOMAIN_PATH)) test(title, fn, timeoutMs);
  else test.skip(`${title} (skipped: ../shared/seeds is not beside this clone)`, () => undefined);
}

/** Rule ids from the rule tables of DOMAIN.md (rows that start "| MOVE-1 |"). */
export function domainRuleIds(): string[] {
  const text = readFileSync(DOMAIN_PATH, 'utf8');
  const ids = [...text.matchAll(/^\|\s*((?:MOVE|FRAG|PLAN|AFTER|END)-\d+)\s*\|/gm)].map((m) => m[1]!);
  return [...new Set(ids)];
}

/** Meeting names from the first column of the "## Meetings" table. */
export function domainMeetings(): string[] {
  const text = readFileSync(DOMAIN_PATH, 'utf8');
  const section = text.split(/^## /m).find((s) => s.startsWith('Meetings'));
  if (!section) return [];
  return section
    .split('\n')
    .filter((line) => line.startsWith('|'))
    .slice(2) // header and separator rows
    .map((line) => line.split('|')[1]!.trim())
    .filter(Boolean);
}

export interface SeedDoc {
  id: string;
  file: string;
  text: string;
}

export function seedDocs(): SeedDoc[] {
  return readdirSync(SEEDS_DIR)
    .filter((f) => f.endsWith('.txt'))
    .sort()
    .map((file) => ({ id: file.slice(0, 3), file, text: readFileSync(path.join(SEEDS_DIR, file), 'utf8') }));
}
