// Part of `npm run build`: the compiled bot reads the card templates and the example people from
// beside its code (dist/src/teams/cards.js reads ../../cards, dist/src/startBot.js reads
// ../examples), so they are copied into dist/ next to dist/src/. Plain JavaScript: it runs
// without ts-node.
const { cpSync } = require('node:fs');
const path = require('node:path');

const root = path.resolve(__dirname, '..');
for (const folder of ['cards', 'examples']) {
  cpSync(path.join(root, folder), path.join(root, 'dist', folder), { recursive: true });
}
