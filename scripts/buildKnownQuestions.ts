// npm run guidance:known-questions: writes src/guidance/knownQuestions.data.json, the questions of
// the development sets (the dev halves of guidance-heldout.json and -heldout2.json, and every
// guidance-dev*.json) with whether the guidance covers them. The test halves, the test-only sets and
// the checking sets are never included: they measure the search on questions it has not met.
// `--check` writes nothing and exits 1 when the stored list is not what the sets give.
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import prettier from 'prettier';
import { knownQuestionsFileFromSets } from '../test/guidance/heldout/developmentSets';

const ROOT = path.resolve(__dirname, '..');
const OUT = path.join(ROOT, 'src/guidance/knownQuestions.data.json');
const args = process.argv.slice(2);
if (args.some((a) => a !== '--check')) {
  console.error('usage: npm run guidance:known-questions [-- --check]');
  process.exit(2);
}
void (async () => {
  // formatted as the repository's format check wants it
  const options = await prettier.resolveConfig(OUT);
  const text = await prettier.format(JSON.stringify(knownQuestionsFileFromSets()), { ...options, filepath: OUT });
  if (args.includes('--check')) {
    const same = readFileSync(OUT, 'utf8') === text;
    console.log(same ? 'knownQuestions.data.json is up to date' : 'knownQuestions.data.json is out of date: run npm run guidance:known-questions');
    process.exit(same ? 0 : 1);
  }
  writeFileSync(OUT, text);
  console.log(`wrote ${path.relative(ROOT, OUT)}`);
})();
