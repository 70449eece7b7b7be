// npm run check:domain-facts: whether test/fixtures/domain-facts.json still matches the team's
// ../shared/DOMAIN.md and seeds/ (the rule ids, the meetings, the seed document ids the pack cites).
// The project's tests use the copy, so they pass on a clone with nothing beside it; CI, which has
// ../shared, runs this check to catch a copy gone stale. Exits 1 on a difference, 0 otherwise, and
// says plainly when ../shared is not there to compare with.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { z } from 'zod';

const ROOT = path.resolve(__dirname, '..');
const SHARED = path.resolve(ROOT, '../shared');
const DOMAIN = path.join(SHARED, 'DOMAIN.md');
const SEEDS = path.join(SHARED, 'seeds');
const FIXTURE = path.join(ROOT, 'test/fixtures/domain-facts.json');

if (!existsSync(DOMAIN) || !existsSync(SEEDS)) {
  console.log('domain facts: not checked (../shared/DOMAIN.md and seeds/ are not beside this clone)');
  process.exit(0);
}

const copy = z.object({ ruleIds: z.array(z.string()), meetings: z.array(z.string()), seedIds: z.array(z.string()) }).parse(JSON.parse(readFileSync(FIXTURE, 'utf8')));
const domain = readFileSync(DOMAIN, 'utf8');
// rule ids from the rule tables (rows that start "| MOVE-1 |")
const ruleIds = [...new Set([...domain.matchAll(/^\|\s*((?:MOVE|FRAG|PLAN|AFTER|END)-\d+)\s*\|/gm)].map((m) => m[1]!))];
// meeting names from the first column of the "## Meetings" table (after its header and separator rows)
const meetings = (domain.split(/^## /m).find((s) => s.startsWith('Meetings')) ?? '')
  .split('\n')
  .filter((line) => line.startsWith('|'))
  .slice(2)
  .map((line) => line.split('|')[1]!.trim())
  .filter(Boolean);
const seedIds = readdirSync(SEEDS)
  .filter((f) => f.endsWith('.txt'))
  .sort()
  .map((f) => f.slice(0, 3));

const current = { ruleIds, meetings, seedIds };
const stale = (Object.keys(current) as Array<keyof typeof current>).filter((key) => JSON.stringify(copy[key]) !== JSON.stringify(current[key]));
if (stale.length === 0) {
  console.log(`domain facts: test/fixtures/domain-facts.json matches ../shared (${ruleIds.length} rule ids, ${meetings.length} meetings, ${seedIds.length} seed documents)`);
} else {
  for (const key of stale) console.error(`domain facts: ${key} differ: the copy has ${JSON.stringify(copy[key])}, ../shared has ${JSON.stringify(current[key])}`);
  console.error('Update test/fixtures/domain-facts.json (and the pack, if a rule or meeting was added).');
  process.exit(1);
}
