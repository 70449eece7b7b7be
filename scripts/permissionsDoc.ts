// Writes the README's "Who may do what" table (between the permissions markers) from the permission
// table in src/domain/permissions.ts. test/services/permissions.test.ts fails when they differ.
//   npm run docs:permissions
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { permissionTableMarkdown } from '../src/domain/permissions';

const README = path.resolve(__dirname, '../README.md');
const MARKERS = /(<!-- permissions:start -->\n)[\s\S]*?(\n<!-- permissions:end -->)/;

const readme = readFileSync(README, 'utf8');
if (!MARKERS.test(readme)) throw new Error('README.md has no <!-- permissions:start --> ... <!-- permissions:end --> block');
const updated = readme.replace(MARKERS, (_all, start: string, end: string) => `${start}${permissionTableMarkdown()}${end}`);
if (updated === readme) console.log('README.md: the permission table is up to date.');
else {
  writeFileSync(README, updated);
  console.log('README.md: the permission table is rewritten from src/domain/permissions.ts.');
}
