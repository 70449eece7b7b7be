// Guidance questions from the command line, and the feedback people gave on answers in chat.
import { loadGuidanceIndex } from '../../guidance/search';
import type { GuidanceAnswer, GuidanceStep } from '../../guidance/types';
import { SAFEGUARDING_FIRST } from '../../guidance/question';
import { nearestLead } from '../../guidance/wording';
import { answerQuestion, GUIDANCE_FEEDBACK_COLLECTION, listGuidanceFeedback, MAX_QUESTION_LENGTH, type GuidanceFeedbackDoc } from '../../services/guidance';
import { silentLogger } from '../../services/context';
import { defineCommand, flag, option, restArgs, UsageError, type CliIo } from '../command';
import { wholeNumber } from '../values';

/** The `ask --json` shape. Steps are objects; `when` is null when the guidance gives no timescale. */
export interface AskJson {
  question: string;
  found: boolean;
  answer: string | null;
  steps: Array<{ who: string; what: string; when: string | null }>;
  sources: Array<{ title: string; section: string }>;
  /** The pack entry that answered; null when nothing did or a council passage did. */
  entryId: string | null;
  score: number;
  /** A child hurt or at risk now, or an allegation against a carer: the answer leads with acting on the safeguarding procedures. */
  urgentSafeguarding: boolean;
  /** The second part of a two-part answer, with its own steps and sources. */
  also: { entryId: string; answer: string; steps: Array<{ who: string; what: string; when: string | null }>; sources: Array<{ title: string; section: string }> } | null;
  /** When nothing answered but one topic is close: "The nearest guidance is on ...". */
  nearest: string | null;
}

const stepJson = (s: GuidanceStep) => ({ who: s.who, what: s.what, when: s.when ?? null });

export function askJson(answer: GuidanceAnswer): AskJson {
  return {
    question: answer.question,
    found: answer.found,
    answer: answer.found ? (answer.answer ?? null) : null,
    steps: answer.found ? (answer.steps ?? []).map(stepJson) : [],
    sources: answer.found ? (answer.sources ?? []).map((s) => ({ title: s.title, section: s.section })) : [],
    entryId: answer.found ? (answer.entryId ?? null) : null,
    score: answer.score,
    urgentSafeguarding: !!answer.urgentSafeguarding,
    also:
      answer.found && answer.also
        ? {
            entryId: answer.also.entryId,
            answer: answer.also.answer,
            steps: answer.also.steps.map(stepJson),
            sources: answer.also.sources.map((s) => ({ title: s.title, section: s.section })),
          }
        : null,
    nearest: !answer.found && answer.nearest ? nearestLead(answer, answer.nearest) : null,
  };
}

export const ask = defineCommand({
  words: ['ask'],
  summary: 'answer a question from the guidance pack (and GUIDANCE_DIR documents); exit 1 when not covered',
  args: { question: restArgs('question', 'the question, in quotes or as words') },
  options: { json: flag('print JSON') },
  needsStore: false,
  async run({ args, options, io, env }) {
    const question = args.question.join(' ').trim();
    if (!question) throw new UsageError('the question is blank');
    if (question.length > MAX_QUESTION_LENGTH) io.err(`Only the first ${MAX_QUESTION_LENGTH} characters of the question are used.`);
    // '' rather than undefined: only the environment runCli was given counts, not process.env
    const { index, councilDocs } = await loadGuidanceIndex({ guidanceDir: env.GUIDANCE_DIR?.trim() || '' });
    for (const p of councilDocs?.problems ?? []) io.err(`GUIDANCE_DIR: ${p.file}: ${p.reason}`);
    const answer = await answerQuestion({ log: silentLogger }, index, question);
    if (options.json) io.out(JSON.stringify(askJson(answer)));
    else printAnswer(io, answer);
    return answer.found ? 0 : 1;
  },
});

/** The answer as the bot's card gives it: the safeguarding lead first, then each part with its steps and sources. */
function printAnswer(io: CliIo, a: GuidanceAnswer): void {
  if (a.urgentSafeguarding) io.out(`${SAFEGUARDING_FIRST}\n`);
  if (!a.found) {
    io.out(a.nearest ? nearestLead(a, a.nearest) : 'The guidance does not cover this question.');
    if (a.suggestions?.length) {
      io.out('Nearest topics:');
      for (const s of a.suggestions) io.out(`  - ${s.title} (${s.id})`);
    }
    return;
  }
  io.out(a.answer ?? '');
  if (a.passage) io.out(`\n${a.passage.text.trim()}`);
  if (a.steps?.length) {
    io.out('\nSteps:');
    a.steps.forEach((s, i) => io.out(`  ${i + 1}. ${s.who}: ${s.what}${s.when ? ` (${s.when})` : ''}`));
  }
  io.out('\nSources:');
  for (const s of a.sources ?? []) io.out(`  - ${s.title}, ${s.section}`);
  if (a.also) {
    io.out(`\nAlso, ${a.also.title}: ${a.also.answer}`);
    io.out('\nSteps:');
    a.also.steps.forEach((s, i) => io.out(`  ${i + 1}. ${s.who}: ${s.what}${s.when ? ` (${s.when})` : ''}`));
    io.out('\nSources:');
    for (const s of a.also.sources) io.out(`  - ${s.title}, ${s.section}`);
  }
  if (a.related?.length) io.out(`\nRelated: ${a.related.map((r) => r.title).join('; ')}`);
  io.out(`\n(${a.entryId ? `entry ${a.entryId}` : `council passage ${a.passage?.id}`}, score ${a.score}, confidence ${a.confidence})`);
}

export const guidanceFeedback = defineCommand({
  words: ['guidance', 'feedback'],
  summary: 'the Helpful / Not helpful answers people gave on guidance cards, newest first',
  args: {},
  options: { limit: option('N', 'show at most N (default 100)', wholeNumber(1, 10_000, 'items')), json: flag('print JSON') },
  needsStore: true,
  async run({ options, store, io }) {
    const feedback = await listGuidanceFeedback(store!.collection<GuidanceFeedbackDoc>(GUIDANCE_FEEDBACK_COLLECTION), { limit: options.limit ?? 100 });
    if (options.json) {
      io.out(JSON.stringify(feedback.map(({ at, personId, question, entryId, helpful, comment }) => ({ at, personId, question, entryId, helpful, comment }))));
      return 0;
    }
    if (feedback.length === 0) {
      io.out('No feedback on guidance answers yet.');
      return 0;
    }
    for (const f of feedback) {
      io.out(`${f.at}  ${f.helpful ? 'helpful    ' : 'not helpful'}  ${f.entryId ?? '(no answer)'}  ${f.personId}  "${f.question}"${f.comment ? `  comment: ${f.comment}` : ''}`);
    }
    const helpful = feedback.filter((f) => f.helpful).length;
    io.out(`${feedback.length} shown: ${helpful} helpful, ${feedback.length - helpful} not helpful.`);
    return 0;
  },
});
