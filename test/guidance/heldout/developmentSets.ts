// Which question sets are for development (tuned on) and which measure unseen phrasing, read from
// the files beside this one. Shared by the builder of the known questions and its test.
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import type { KnownQuestionsFile } from '../../../src/guidance/knownQuestions';

export const HELDOUT_DIR = __dirname;

const factSetSchema = z.object({
  answerable: z.array(z.object({ q: z.string() }).passthrough()),
  unanswerable: z.array(z.object({ q: z.string() }).passthrough()),
});
const setFileSchema = z.object({ dev: factSetSchema.optional(), test: factSetSchema.optional(), check: factSetSchema.optional() }).passthrough();

/** guidance-heldout*.json and guidance-dev*.json, sorted; checking sets (guidance-check*) are apart. */
const setFiles = (): string[] =>
  readdirSync(HELDOUT_DIR)
    .filter((f) => /^guidance-(heldout|dev)\d*[a-z]?\.json$/.test(f))
    .sort();

function readSet(file: string): z.infer<typeof setFileSchema> {
  return setFileSchema.parse(JSON.parse(readFileSync(path.join(HELDOUT_DIR, file), 'utf8')));
}

/** Every development half: the questions the search is tuned on. */
export function developmentHalves(): Array<{ file: string; set: z.infer<typeof factSetSchema> }> {
  return setFiles().flatMap((file) => {
    const set = readSet(file).dev;
    return set ? [{ file, set }] : [];
  });
}

/** Every question kept from tuning: the test halves, the test-only sets and the checking sets. */
export function unseenQuestions(): string[] {
  const checking = readdirSync(HELDOUT_DIR).filter((f) => /^guidance-check.*\.json$/.test(f));
  return [...setFiles(), ...checking].flatMap((file) => {
    const parsed = readSet(file);
    // the oldest checking set keeps its questions under "dev"; it is a checking set all the same
    const halves = file.startsWith('guidance-check') ? [parsed.check ?? parsed.dev] : [parsed.test];
    return halves.flatMap((half) => (half ? [...half.answerable, ...half.unanswerable].map((q) => q.q) : []));
  });
}

/** The known questions as stored in src/guidance/knownQuestions.data.json. */
export function knownQuestionsFileFromSets(): KnownQuestionsFile {
  const unseen = new Set(unseenQuestions().map((q) => q.trim().toLowerCase()));
  const keep = (q: { q: string }) => !unseen.has(q.q.trim().toLowerCase());
  const file: KnownQuestionsFile = {};
  for (const { file: name, set } of developmentHalves()) {
    file[name] = { covered: set.answerable.filter(keep).map((q) => q.q), notCovered: set.unanswerable.filter(keep).map((q) => q.q) };
  }
  return file;
}
