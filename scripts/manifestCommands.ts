// Writes the command menus of appPackage/manifest.json (bots[0].commandLists) from the chat command
// table (src/teams/routes/chatCommands.ts). test/teams/chatCommands.test.ts fails when they differ.
//   npm run docs:manifest
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import * as prettier from 'prettier';
import { manifestCommandLists } from '../src/teams/chatCommand';
import { CHAT_COMMANDS } from '../src/teams/routes/chatCommands';

const MANIFEST = path.resolve(__dirname, '../appPackage/manifest.json');

async function main(): Promise<void> {
  const text = readFileSync(MANIFEST, 'utf8');
  const manifest = JSON.parse(text);
  manifest.bots[0].commandLists = manifestCommandLists(CHAT_COMMANDS);
  // Formatted as `npm run format` would, so the file stays as Prettier leaves it.
  const updated = await prettier.format(JSON.stringify(manifest, null, 2), { ...(await prettier.resolveConfig(MANIFEST)), filepath: MANIFEST });
  if (updated === text) console.log('appPackage/manifest.json: the command menus are up to date.');
  else {
    writeFileSync(MANIFEST, updated);
    console.log('appPackage/manifest.json: the command menus are rewritten from the chat command table.');
  }
}

void main();
