// Reads the shared domain notes and seed documents that the guidance pack must cover and must
// not copy. They live beside the project: /work/main/../shared.

import { readdirSync, readFileSync } from 'fs';
import path from 'path';

export const SHARED_DIR = path.resolve(__dirname, '../../../shared');
export const DOMAIN_PATH = path.join(SHARED_DIR, 'DOMAIN.md');
export const SEEDS_DIR = path.join(SHARED_DIR, 'seeds');

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
