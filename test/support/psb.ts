// `psb` run in process as the command line runs it, on a data folder of its own: a new, empty data
// folder and a folder for the files a test imports, made before each test and removed after it.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { runCli } from '../../src/cli/main';

export interface PsbResult {
  code: number;
  out: string[];
  err: string[];
}

/** Declares the folders' set-up and tear-down for the tests of the enclosing block (or file); `name` goes into the folders' names. */
export function psbOnFreshDataFolder(name: string) {
  let dataDir = '';
  let workDir = '';
  beforeEach(() => {
    dataDir = mkdtempSync(path.join(tmpdir(), `psb-${name}-data-`));
    workDir = mkdtempSync(path.join(tmpdir(), `psb-${name}-files-`));
  });
  afterEach(() => {
    rmSync(dataDir, { recursive: true, force: true });
    rmSync(workDir, { recursive: true, force: true });
  });
  return {
    /** Runs `psb ...argv` on the data folder, with its lines collected. */
    async run(...argv: string[]): Promise<PsbResult> {
      const out: string[] = [];
      const err: string[] = [];
      const code = await runCli(argv, { out: (l) => out.push(l), err: (l) => err.push(l) }, { DATA_DIR: dataDir, LOG_LEVEL: 'silent' });
      return { code, out, err };
    },
    /** Writes a file for psb to import; returns its path. */
    file(fileName: string, text: string): string {
      const target = path.join(workDir, fileName);
      writeFileSync(target, text);
      return target;
    },
    dataDir: () => dataDir,
  };
}
