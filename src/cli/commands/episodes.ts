// Placement history: importing SSDA903 episode files, and reading them for commands that can work
// from files without the store (`kpi --episodes`, `check-codes --episodes`).
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { importEpisodeFiles, readEpisodeFiles, type EpisodeFile } from '../../services/episodes';
import { defineCommand, listOption, restArgs, type CliIo } from '../command';

/** `--episodes FILE...`: commands that can work from episode files instead of the store. */
export const EPISODES_OPTION = { episodes: listOption('FILE', 'SSDA903 episode CSVs, oldest return first (read, not stored)') };

/**
 * Reads the files. Rows keep the file's name without its folder (`2021-episodes.csv:17`), which is
 * how people know the return, and no local path ends up in the store.
 */
export function loadEpisodeFiles(paths: string[]): EpisodeFile[] {
  return paths.map((file) => ({ name: path.basename(file), text: readFileSync(file, 'utf8') }));
}

/** Parses and merges the files without the store; unreadable rows go to stderr, so --json output stays clean. */
export function episodesFromFiles(paths: string[], io: CliIo) {
  const read = readEpisodeFiles(loadEpisodeFiles(paths));
  for (const problem of read.problems) io.err(problem);
  return read.episodes;
}

export const episodesImport = defineCommand({
  words: ['episodes', 'import'],
  summary: 'import SSDA903 episode CSVs (oldest return first: the file given last wins)',
  args: { files: restArgs('FILE', 'SSDA903 episode CSVs, oldest return first') },
  options: {},
  needsStore: true,
  async run({ args: { files }, ctx, io }) {
    const report = await importEpisodeFiles(ctx!, loadEpisodeFiles(files), 'cli');
    const count = (n: number, what: string) => `${n} ${what}${n === 1 ? '' : 's'}`;
    io.out(
      `Episodes: ${report.created} added, ${report.updated} updated, ${report.unchanged} unchanged ` +
        `(${count(report.rowsRead, 'row')} read from ${count(files.length, 'file')}), ${report.problems.length} unreadable`,
    );
    io.out(`Placement moves: ${report.moves.added} added, ${report.moves.removed} removed, ${report.moves.reconciled} moves recorded in the bot reconciled`);
    for (const problem of report.problems) io.out(`  ${problem}`);
    return report.problems.length > 0 ? 1 : 0;
  },
});
