// psb check-codes: the MOVE-7 coding checks, over the stored history (creating a task for each
// child's social worker) or over episode files (a report only: nothing is stored).
import { CODING_CHECK_LABELS, type CodingCheck, type CodingProblem } from '../../domain/ssda903/codingChecks';
import { checkStoredCoding, codingProblemsSince, type CodingCheckRun } from '../../services/codingChecks';
import { defineCommand, flag, option, type CliIo } from '../command';
import { isoDate } from '../values';
import { EPISODES_OPTION, episodesFromFiles } from './episodes';

export const checkCodes = defineCommand({
  words: ['check-codes'],
  summary: "check SSDA903 coding; from the store it gives each child's social worker a task per problem",
  args: {},
  options: { ...EPISODES_OPTION, since: option('YYYY-MM-DD', 'only episodes from this date on', isoDate), json: flag('print JSON') },
  needsStore: true,
  needsStoreFor: (options) => options.episodes === undefined,
  async run({ options, ctx, io }) {
    const { episodes: files, since } = options;
    const run: { problems: CodingProblem[]; tasks: CodingCheckRun['tasks'] | null } =
      files !== undefined ? { problems: codingProblemsSince(episodesFromFiles(files, io), since), tasks: null } : await checkStoredCoding(ctx!, { since, actor: 'cli' });

    if (options.json) io.out(JSON.stringify(asJson(run)));
    else printReport(io, run);
    return 0;
  },
});

function countsByCheck(problems: CodingProblem[]): Partial<Record<CodingCheck, number>> {
  const counts: Partial<Record<CodingCheck, number>> = {};
  for (const p of problems) counts[p.check] = (counts[p.check] ?? 0) + 1;
  return counts;
}

function asJson(run: { problems: CodingProblem[]; tasks: CodingCheckRun['tasks'] | null }) {
  return {
    counts: countsByCheck(run.problems),
    problems: run.problems.map((p) => ({
      caseRef: p.child,
      decom: p.decom,
      check: p.check,
      field: p.field,
      message: p.message,
      source: `${p.source.file}:${p.source.line}`,
    })),
    tasks: run.tasks,
  };
}

function printReport(io: CliIo, run: { problems: CodingProblem[]; tasks: CodingCheckRun['tasks'] | null }): void {
  io.out(`Coding problems: ${run.problems.length}`);
  for (const [check, count] of Object.entries(countsByCheck(run.problems))) {
    io.out(`  ${String(count).padStart(6)}  ${CODING_CHECK_LABELS[check as CodingCheck]}`);
  }
  if (run.tasks) {
    io.out(`Tasks for social workers: ${run.tasks.created} created, ${run.tasks.existing} already set, ${run.tasks.noSocialWorker} with no child record or social worker`);
  }
  for (const p of run.problems) io.out(`${p.child}  ${p.source.file}:${p.source.line}  ${p.message}`);
}
