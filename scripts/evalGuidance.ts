// npm run eval:guidance: how well the guidance search answers the practitioners' question set
// (test/guidance/questions.ts): top-1 and top-3 accuracy, and answers given to questions the
// guidance does not cover (target: top-1 at least 90%, none of those).
import { evaluateGuidance } from '../src/guidance/evaluate';
import { GuidanceIndex } from '../src/guidance/search';
import { COVERED_QUESTIONS, UNCOVERED_QUESTIONS } from '../test/guidance/questions';

const report = evaluateGuidance(new GuidanceIndex(), [...COVERED_QUESTIONS, ...UNCOVERED_QUESTIONS]);
const pct = (x: number) => `${(x * 100).toFixed(1)}%`;
console.log(`questions the guidance covers: ${report.covered}; questions it does not: ${report.uncovered}`);
console.log(`top-1 accuracy: ${pct(report.top1)} (${report.top1Hits}/${report.covered})   target >= 90%`);
console.log(`top-3 accuracy: ${pct(report.top3)} (${report.top3Hits}/${report.covered})`);
console.log(`false-answer rate on uncovered questions: ${pct(report.falseAnswerRate)} (${report.falseAnswers}/${report.uncovered})   target 0`);
for (const miss of report.misses) console.log(`  miss: "${miss.question}" expected ${miss.expected ?? 'no answer'}, got ${miss.got ?? 'no answer'}`);
process.exitCode = report.top1 >= 0.9 && report.falseAnswers === 0 ? 0 : 1;
