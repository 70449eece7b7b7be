// Data scale (issue 5): a generated authority of 10,000 looked-after children with 100,000 SSDA903
// episodes over five years, through the import, the measures with their 12-month trend, the coding
// checks and the managers' digest, each timed with its memory. Run by bench/run.ts in a process of
// its own (so that its memory figures are its own); prints its figures and sends them over IPC.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { codingProblems } from '../src/domain/ssda903/codingChecks';
import { mergeEpisodeSets, parseEpisodesCsv } from '../src/domain/ssda903/episodes';
import { stabilityReport } from '../src/domain/ssda903/report';
import { checkStoredCoding } from '../src/services/codingChecks';
import { silentLogger, type ServiceContext } from '../src/services/context';
import { buildDigest } from '../src/services/digest';
import { episodesForMeasures, importEpisodeFiles } from '../src/services/episodes';
import { stabilityFromStore } from '../src/services/measures';
import { importChildren } from '../src/services/people';
import { openEmbeddedStore } from '../src/store/embeddedStore';
import { openRecords } from '../src/store/records';
import { digestCard } from '../src/teams/digestCards';
import { generateAuthority } from './generate';
import { fixed, memoryNow, step, table, type StepFigures } from './lib';

export interface DataScaleResult {
  children: number;
  episodes: number;
  rows: number;
  junkRows: number;
  csvMb: number;
  steps: Array<StepFigures & { target: boolean }>;
  peakRssMb: number;
}

const TARGET_MS = 2000;
const TARGET_MB = 500;

async function main(): Promise<DataScaleResult> {
  const steps: DataScaleResult['steps'] = [];
  const record = (figures: StepFigures, target = true) => {
    steps.push({ ...figures, target });
    const flag = target ? (figures.ms <= TARGET_MS && figures.peakRssMb <= TARGET_MB ? 'ok' : 'MISSES TARGET') : '(not a target)';
    console.log(
      `  ${figures.name.padEnd(52)} ${fixed(figures.ms).padStart(7)} ms  rss ${fixed(figures.rssMb).padStart(4)} MB  heap ${fixed(figures.heapMb).padStart(4)} MB  peak ${fixed(figures.peakRssMb).padStart(4)} MB  ${flag}${figures.note ? `  ${figures.note}` : ''}`,
    );
  };

  console.log('Data scale: generating the authority…');
  const generated = await step('generate 5 annual returns (not a target)', () => generateAuthority());
  const authority = generated.result;
  record({ ...generated.figures, note: `${authority.children.length} children, ${authority.episodes} episodes, ${authority.rows} rows` }, false);
  const at = authority.lastDay;
  const now = new Date(`${at}T08:00:00Z`);

  // The pure steps, in a function of their own so that what they hold is freed before the store steps.
  await (async () => {
    const parsed = await step(
      'parse 5 returns (parseEpisodesCsv)',
      () => authority.files.map((f) => parseEpisodesCsv(f.text, f.name)),
      (r) => `${r.reduce((n, p) => n + p.episodes.length, 0)} rows read, ${r.reduce((n, p) => n + p.problems.length, 0)} reported`,
    );
    record(parsed.figures);
    const merged = await step(
      'merge the returns (mergeEpisodeSets)',
      () => mergeEpisodeSets(parsed.result.map((p) => p.episodes)),
      (r) => `${r.length} episodes`,
    );
    record(merged.figures);
    const episodes = merged.result;
    const report = await step(
      'measures + national + 12-month trend (stabilityReport)',
      () => stabilityReport(episodes, at),
      (r) => `local ${r.local.percent}% of ${r.local.lookedAfter}, at risk ${r.local.atRisk.length}, national ${r.national.yearEnding} ${r.national.percent}%`,
    );
    record(report.figures);
    const problems = await step(
      'coding checks (codingProblems)',
      () => codingProblems(episodes),
      (r) => `${r.length} problems`,
    );
    record(problems.figures);
  })();

  // The store: a fresh embedded store, with the children list so that team digests can find their children.
  const dataDir = mkdtempSync(path.join(tmpdir(), 'psb-bench-data-'));
  const store = await openEmbeddedStore(dataDir);
  try {
    const records = await openRecords(store);
    const ctx: ServiceContext = { records, now: () => now, log: silentLogger, onOutboxChanged: () => undefined };
    const childrenCsv = [
      'caseRef,name,dateOfBirth,team,legalStatus,placementType,placementProvider,placementStart,carerName,carerEmail,socialWorker,supervisingSocialWorker,iro',
      ...authority.children.map((c, i) => `${c},Child ${i},2012-01-01,${authority.teamOf.get(c)},C2,U4,PR1,2025-01-01,,,sw${i % 500}@bench.example,,`),
    ].join('\n');
    record(
      (
        await step(
          'children list import (10,000 rows)',
          () => importChildren(ctx, childrenCsv, 'bench'),
          (r) => `${r.created} created`,
        )
      ).figures,
      false,
    );

    const files = authority.files;
    const imported = await step(
      'import into the embedded store (importEpisodeFiles)',
      () => importEpisodeFiles(ctx, files),
      (r) => `${r.created} created, ${r.problems.length} rows reported, ${r.moves.added} moves`,
    );
    record(imported.figures);
    const reimported = await step(
      're-import the same files (nothing changes)',
      () => importEpisodeFiles(ctx, files),
      (r) => `${r.created} created, ${r.updated} updated, ${r.unchanged} unchanged`,
    );
    record(reimported.figures);

    const loaded = await step(
      'read episodes for measures (episodesForMeasures)',
      () => episodesForMeasures(ctx),
      (r) => `${r.length} episodes`,
    );
    record(loaded.figures);
    const fromStore = await step(
      'measures from the store, all teams (stabilityFromStore)',
      () => stabilityFromStore(ctx, at),
      (r) => `local ${r.local.percent}%`,
    );
    record(fromStore.figures);
    const oneTeam = authority.teams[0];
    const teamReport = await step(
      `measures from the store, one team (${oneTeam})`,
      () => stabilityFromStore(ctx, at, { team: oneTeam }),
      (r) => `local ${r.local.percent}% of ${r.local.lookedAfter}`,
    );
    record(teamReport.figures);

    const checked = await step(
      'coding checks on the store + fix tasks (checkStoredCoding)',
      () => checkStoredCoding(ctx, { since: `${Number(at.slice(0, 4)) - 1}${at.slice(4)}` }),
      (r) => `${r.problems.length} problems, ${r.tasks.created} tasks`,
    );
    record(checked.figures);

    const since = new Date(now.getTime() - 86_400_000).toISOString();
    const digestAll = await step(
      'digest, all teams (buildDigest + digestCard)',
      async () => JSON.stringify(digestCard(await buildDigest(ctx, ['*'], at, since), now)),
      (r) => `card ${fixed(Buffer.byteLength(r) / 1024, 1)} KB`,
    );
    record(digestAll.figures);
    const digestTeam = await step(
      `digest, one team (${oneTeam})`,
      async () => JSON.stringify(digestCard(await buildDigest(ctx, [oneTeam], at, since), now)),
      (r) => `card ${fixed(Buffer.byteLength(r) / 1024, 1)} KB`,
    );
    record(digestTeam.figures);
  } finally {
    await store.close();
    rmSync(dataDir, { recursive: true, force: true });
  }

  const result: DataScaleResult = {
    children: authority.children.length,
    episodes: authority.episodes,
    rows: authority.rows,
    junkRows: authority.junkRows,
    csvMb: authority.files.reduce((n, f) => n + f.text.length, 0) / 1024 / 1024,
    steps,
    peakRssMb: memoryNow().peakRssMb,
  };
  console.log(`  peak RSS of the data-scale process: ${fixed(result.peakRssMb)} MB`);
  return result;
}

export function dataScaleTable(result: DataScaleResult): string {
  return table(
    ['step', 'ms', 'RSS MB', 'heap MB', 'peak RSS MB', 'target (2 s, 500 MB)', 'note'],
    result.steps.map((s) => [
      s.name,
      fixed(s.ms),
      fixed(s.rssMb),
      fixed(s.heapMb),
      fixed(s.peakRssMb),
      s.target ? (s.ms <= TARGET_MS && s.peakRssMb <= TARGET_MB ? 'met' : 'MISSED') : '-',
      s.note ?? '',
    ]),
  );
}

if (require.main === module) {
  main()
    .then((result) => {
      if (process.send) process.send({ dataScale: result }, () => process.exit(0));
      else process.exit(0);
    })
    .catch((err) => {
      console.error(err);
      if (process.send) process.send({ error: String(err?.stack ?? err) }, () => process.exit(1));
      else process.exit(1);
    });
}
