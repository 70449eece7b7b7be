// psb check-codes: the MOVE-7 coding checks, over the stored history (creating a task for each
// child's social worker) or over episode files (a report only: nothing is stored).
import { isIsoDate } from '../../domain/dates';
import { CODING_CHECK_LABELS, type CodingCheck, type CodingProblem } from '../../domain/ssda903/codingChecks';
import { checkStoredCoding, codingProblemsSince, type CodingCheckRun } from '../../services/codingChecks';
import { UsageError, type CliCommand, type CliIo } from '../command';
import { EPISODES_OPTION, episodeFilesIn, episodesFromFiles } from './episodes';

export const checkCodes: CliCommand = {
  words: ['check-codes'],
  usage: 'check-codes [--episodes FILE...] [--since YYYY-MM-DD] [--json]',
  summary: "check SSDA903 coding (MOVE-7); from the store it gives each child's social worker a task per problem",
  options: { json: { type: 'boolean' }, since: { type: 'string' }, ...EPISODES_OPTION },
  needsStoreFor: (flags) => flags.episodes === undefined,
  async run({ positionals, flags, ctx, io }) {
    const files = episodeFilesIn(flags);
    if (positionals.length > 0 || (flags.episodes !== undefined && files.length === 0)) throw new UsageError(this.usage);
    const since = flags.since;
    if (since !== undefined && (typeof since !== 'string' || !isIsoDate(since))) {
      io.err('--since must be a date written YYYY-MM-DD.');
      return 2;
    }
    const run: { problems: CodingProblem[]; tasks: CodingCheckRun['tasks'] | null } =
      files.length > 0
        ? { problems: codingProblemsSince(episodesFromFiles(files, io), since), tasks: null }
        : await checkStoredCoding(ctx!, { since, actor: 'cli' });

    if (flags.json) io.out(JSON.stringify(asJson(run)));
    else printReport(io, run);
    return 0;
  },
};

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
