// The project ships guidance in its own words. These checks mirror the project's copy checker:
// no 70-character run of a seed document may appear in the guidance code or its tests. The seed
// documents are not in the repository: where ../shared/seeds is absent these checks say they were skipped.

import { readdirSync, readFileSync, statSync } from 'fs';
import path from 'path';
import { seedDocs, whereSharedExists } from './domain';

const RUN = 70;
const CHECKED_DIRS = [path.resolve(__dirname, '../../src/guidance'), path.resolve(__dirname)];

function normalise(text: string): string {
  return text.toLowerCase().replace(/\s+/g, ' ').trim();
}

function filesUnder(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const full = path.join(dir, name);
    return statSync(full).isDirectory() ? filesUnder(full) : [full];
  });
}

const projectFiles = CHECKED_DIRS.flatMap(filesUnder).map((file) => ({
  file: path.relative(path.resolve(__dirname, '../..'), file),
  text: normalise(readFileSync(file, 'utf8')),
}));

describe('guidance is written in the project’s own words', () => {
  it('checks a meaningful set of files', () => {
    expect(projectFiles.some((f) => f.file.endsWith('pack.data.ts'))).toBe(true);
  });

  whereSharedExists('contains no 70-character prefix of any long seed sentence', () => {
    const copies: string[] = [];
    for (const seed of seedDocs()) {
      const sentences = seed.text.split(/(?<=[.!?])\s+|\n\s*\n/).map(normalise);
      for (const sentence of sentences.filter((s) => s.length >= RUN)) {
        const prefix = sentence.slice(0, RUN);
        for (const { file, text } of projectFiles) {
          if (text.includes(prefix)) copies.push(`${file} copies seed ${seed.id}: "${prefix}"`);
        }
      }
    }
    expect(copies).toEqual([]);
  });

  whereSharedExists('contains no 70-character run of any seed anywhere', () => {
    const seedRuns = new Set<string>();
    for (const seed of seedDocs()) {
      const text = normalise(seed.text);
      for (let i = 0; i + RUN <= text.length; i++) seedRuns.add(text.slice(i, i + RUN));
    }
    const copies: string[] = [];
    for (const { file, text } of projectFiles) {
      for (let i = 0; i + RUN <= text.length; i++) {
        const run = text.slice(i, i + RUN);
        if (seedRuns.has(run)) {
          copies.push(`${file}: "${run}"`);
          i += RUN - 1; // report each copied stretch once
        }
      }
    }
    expect(copies).toEqual([]);
  });
});
