// Writes the README's "Who may do what" table (between the permissions markers) from the permission
// table in src/domain/permissions.ts. test/services/permissions.test.ts fails when they differ.
//   npm run docs:permissions
import { readFileSync, writeFileSync } from 'node:fs';
import * as prettier from 'prettier';
import path from 'node:path';
import { permissionTableMarkdown } from '../src/domain/permissions';

const README = path.resolve(__dirname, '../README.md');
const MARKERS = /(<!-- permissions:start -->\n)[\s\S]*?(\n<!-- permissions:end -->)/;

const readme = readFileSync(README, 'utf8');
if (!MARKERS.test(readme)) throw new Error('README.md has no <!-- permissions:start --> ... <!-- permissions:end --> block');
const replaced = readme.replace(MARKERS, (_all, start: string, end: string) => `${start}${permissionTableMarkdown()}${end}`);

async function main(): Promise<void> {
  // Formatted as `npm run format` would, so the README stays as Prettier leaves it.
  const updated = await prettier.format(replaced, { ...(await prettier.resolveConfig(README)), filepath: README });
  if (updated === readme) console.log('README.md: the permission table is up to date.');
  else {
    writeFileSync(README, updated);
    console.log('README.md: the permission table is rewritten from src/domain/permissions.ts.');
  }
}

void main();
