// psb kpi: the placement stability measures on a date (DOMAIN "The measure", "Counting moves").
import { stabilityReport, type StabilityReport } from '../../domain/ssda903/report';
import type { LocalMeasure } from '../../domain/ssda903/measures';
import { caseRefsOfTeam, episodesOfChildren, stabilityFromStore } from '../../services/measures';
import { defineCommand, flag, option, requiredOption, type CliIo } from '../command';
import { isoDate, reference } from '../values';
import { EPISODES_OPTION, episodesFromFiles } from './episodes';

export const kpi = defineCommand({
  words: ['kpi'],
  summary: 'stability measures on a date, from the store or from episode files (not stored)',
  args: {},
  options: {
    at: requiredOption('YYYY-MM-DD', 'the day the measures are for', isoDate),
    ...EPISODES_OPTION,
    team: option('T', "only this team's children (from the children list in the store)", reference),
    json: flag('print JSON'),
  },
  needsStore: true,
  // From files alone no store is needed; a team is known only from the children list in the store.
  needsStoreFor: (options) => options.episodes === undefined || options.team !== undefined,
  async run({ options: { at, team, episodes: files, json }, ctx, io }) {
    let report: StabilityReport;
    if (files !== undefined) {
      const episodes = episodesFromFiles(files, io);
      report = stabilityReport(team === undefined ? episodes : episodesOfChildren(episodes, await caseRefsOfTeam(ctx!, team)), at);
    } else {
      report = await stabilityFromStore(ctx!, at, { team });
    }

    if (json) io.out(JSON.stringify(asJson(report)));
    else printTable(io, report, team);
    return 0;
  },
});

const byCaseRef = (refs: string[]): string[] => [...refs].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));

/** Exactly the documented shape; case references only. */
function asJson(report: StabilityReport) {
  const { local, national } = report;
  return {
    at: report.at,
    local: { lookedAfter: local.lookedAfter, count: local.count, percent: local.percent },
    national: { yearEnding: national.yearEnding, lookedAfter: national.lookedAfter, count: national.count, percent: national.percent },
    atRisk: byCaseRef(local.atRisk),
    counted: byCaseRef(local.counted),
  };
}

const ddmmyyyy = (date: string): string => `${date.slice(8, 10)}/${date.slice(5, 7)}/${date.slice(0, 4)}`;

function printTable(io: CliIo, report: StabilityReport, team: string | undefined): void {
  const { local, national } = report;
  const row = (label: string, lookedAfter: number, count: number, percent: number) =>
    `  ${label.padEnd(52)}${String(lookedAfter).padStart(13)}${String(count).padStart(10)}${`${percent.toFixed(1)}%`.padStart(9)}`;
  io.out(`Placement stability on ${ddmmyyyy(report.at)}${team ? `, team ${team}` : ''}`);
  io.out('');
  io.out(`  ${'Measure'.padEnd(52)}${'Looked after'.padStart(13)}${'Counted'.padStart(10)}${'Percent'.padStart(9)}`);
  io.out(row(`Local: 3+ moves in the 12 months to ${ddmmyyyy(report.at)}`, local.lookedAfter, local.count, local.percent));
  io.out(row(`National: 3+ placements, year ending 31/03/${national.yearEnding}`, national.lookedAfter, national.count, national.percent));
  io.out('');
  io.out(`Counted against the local measure (3 or more moves): ${list(local.counted)}`);
  io.out(`At risk (2 moves: one more and they count): ${list(local.atRisk)}`);
  io.out('');
  io.out('Trend: the local measure at each month end');
  io.out(`  ${'Month end'.padEnd(12)}${'Looked after'.padStart(13)}${'Counted'.padStart(10)}${'Percent'.padStart(9)}${'At risk'.padStart(9)}`);
  for (const month of report.trend) io.out(trendRow(month));
}

function trendRow(month: LocalMeasure): string {
  return `  ${ddmmyyyy(month.at).padEnd(12)}${String(month.lookedAfter).padStart(13)}${String(month.count).padStart(10)}${`${month.percent.toFixed(1)}%`.padStart(9)}${String(month.atRisk.length).padStart(9)}`;
}

function list(refs: string[]): string {
  return refs.length === 0 ? 'none' : `${refs.length}: ${byCaseRef(refs).join(', ')}`;
}
