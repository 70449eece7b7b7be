// The archived Bot Framework SDK and teams-ai v1 stay behind src/teams/ and src/startBot.ts, so the
// move to a supported Teams SDK stays small: any other file under src/ that imports them fails here.
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';

const SRC = path.resolve(__dirname, '../../src');
const ALLOWED = (file: string) => file.startsWith('teams/') || file === 'startBot.ts';
// import/export ... from '...', import('...'), require('...') of botbuilder*, botframework-* or @microsoft/teams-ai*
const TEAMS_SDK = /(?:\bfrom\s*|\bimport\s*\(\s*|\brequire\s*\(\s*|^\s*import\s+)['"](botbuilder(?:-[\w-]+)?|botframework-[\w-]+|@microsoft\/teams-ai)(?:\/[^'"]*)?['"]/m;

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return sourceFiles(full);
    return /\.(ts|js|cjs|mjs)$/.test(entry.name) ? [full] : [];
  });
}

test('TEAMS-SDK boundary: only src/teams/ and src/startBot.ts import botbuilder, botframework-* or teams-ai', () => {
  const offenders = sourceFiles(SRC)
    .map((full) => path.relative(SRC, full).split(path.sep).join('/'))
    .filter((file) => !ALLOWED(file))
    .filter((file) => TEAMS_SDK.test(readFileSync(path.join(SRC, file), 'utf8')));
  expect(offenders).toEqual([]);
});

test('the boundary check recognises every way of importing the SDKs', () => {
  for (const line of [
    "import { TurnContext } from 'botbuilder';",
    "import type { Activity } from 'botbuilder-core';",
    "import { Application } from '@microsoft/teams-ai';",
    "export { x } from 'botframework-connector';",
    "const m = await import('botbuilder');",
    "const m = require('@microsoft/teams-ai/lib/x');",
    "import 'botbuilder';",
  ]) {
    expect({ line, matched: TEAMS_SDK.test(line) }).toEqual({ line, matched: true });
  }
  expect(TEAMS_SDK.test("import { z } from 'zod'; // botbuilder is mentioned in a comment")).toBe(false);
});
