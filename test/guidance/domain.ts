// The domain facts the guidance pack must cover, and the seed documents it must not copy.
// The facts (rule ids, meetings, seed ids) are kept in test/fixtures/domain-facts.json so the
// suite passes on any clone (`npm run check:domain-facts`, run by CI, compares the copy with
// ../shared). The seed documents themselves live beside the project in ../shared (CI has it, a
// fresh clone does not): the one check that needs them, that the pack does not copy them, is
// declared with `whereSharedExists` and reports plainly that it was skipped when they are absent.

import { existsSync, readdirSync, readFileSync } from 'fs';
import path from 'path';
import facts from '../fixtures/domain-facts.json';

export const DOMAIN_FACTS: { ruleIds: string[]; meetings: string[]; seedIds: string[] } = {
  ruleIds: facts.ruleIds,
  meetings: facts.meetings,
  seedIds: facts.seedIds,
};

export const SHARED_DIR = path.resolve(__dirname, '../../../shared');
export const SEEDS_DIR = path.join(SHARED_DIR, 'seeds');

/** A test that needs ../shared/seeds; elsewhere it is reported as skipped, with the reason. */
export function whereSharedExists(title: string, fn: jest.ProvidesCallback, timeoutMs?: number): void {
  if (existsSync(SEEDS_DIR)) test(title, fn, timeoutMs);
  else test.skip(`${title} (skipped: ../shared/seeds is not beside this clone)`, () => undefined);
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
