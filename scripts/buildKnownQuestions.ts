// npm run guidance:known-questions: writes src/guidance/knownQuestions.data.json, the questions of
// the development sets (the dev halves of guidance-heldout.json and -heldout2.json, and every
// development-only set; test/guidance/heldout/questionSets.ts lists them) with whether the guidance
// covers them, and for each covered one the pack entries that hold its facts (what answers it). The test halves, the test-only sets and the checking sets are never included, nor
// any development question that reads as one of theirs: they measure the search on questions it
// has not met.
// `--check` writes nothing and exits 1 when the stored list is not what the sets give.
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import prettier from 'prettier';
import { loadGuidancePack } from '../src/guidance/pack';
import { GuidanceIndex } from '../src/guidance/search';
import { knownQuestionsFileFromSets } from '../test/guidance/heldout/questionSets';

const ROOT = path.resolve(__dirname, '..');
const OUT = path.join(ROOT, 'src/guidance/knownQuestions.data.json');
const args = process.argv.slice(2);
if (args.some((a) => a !== '--check')) {
  console.error('usage: npm run guidance:known-questions [-- --check]');
  process.exit(2);
}
// questions are compared as the search reads them (a fresh index that knows no questions)
const index = new GuidanceIndex({ knownQuestions: [] });
const readingOf = (question: string) => index.readingOf(question);

void (async () => {
  // formatted as the repository's format check wants it
  const options = await prettier.resolveConfig(OUT);
  const text = await prettier.format(JSON.stringify(knownQuestionsFileFromSets(readingOf, loadGuidancePack(), (question) => index.explain(question).map((match) => match.id))), {
    ...options,
    filepath: OUT,
  });
  if (args.includes('--check')) {
    const same = readFileSync(OUT, 'utf8') === text;
    console.log(same ? 'knownQuestions.data.json is up to date' : 'knownQuestions.data.json is out of date: run npm run guidance:known-questions');
    process.exit(same ? 0 : 1);
  }
  writeFileSync(OUT, text);
  console.log(`wrote ${path.relative(ROOT, OUT)}`);
})();
