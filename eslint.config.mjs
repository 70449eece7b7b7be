// The house rules the tools keep (`npm run lint`, run first by `npm test`):
// - import-x/no-cycle: no module imports itself back through others. The rule skips type-only
//   imports and has no option to count them, so `npm run lint` also runs dpdm (lint:cycles), which
//   fails on any cycle, through `import type` too;
// - the layers of ARCHITECTURE.md: domain rules know nothing of storage, services or Teams; the
//   store knows nothing of services or Teams; services know nothing of Teams, the CLI, the jobs or
//   HTTP (import-x/no-restricted-paths, on resolved paths);
// - only src/teams/ and src/startBot.ts import the Teams SDKs (botbuilder, botframework-*,
//   @microsoft/teams-ai); domain/ imports no SDK at all, nor mongodb or restify.
import js from '@eslint/js';
import { createNodeResolver, importX } from 'eslint-plugin-import-x';
import tseslint from 'typescript-eslint';

const TEAMS_SDKS = {
  paths: [
    { name: 'botbuilder', message: 'The Teams SDKs are imported only in src/teams/ and src/startBot.ts.' },
    { name: '@microsoft/teams-ai', message: 'The Teams SDKs are imported only in src/teams/ and src/startBot.ts.' },
  ],
  patterns: [
    { group: ['botbuilder/*', 'botbuilder-*', 'botframework-*', '@microsoft/teams-ai/*'], message: 'The Teams SDKs are imported only in src/teams/ and src/startBot.ts.' },
  ],
};

const DOMAIN_IMPORTS = {
  paths: [...TEAMS_SDKS.paths, { name: 'mongodb', message: 'Domain rules know nothing of storage.' }, { name: 'restify', message: 'Domain rules know nothing of HTTP.' }],
  patterns: [...TEAMS_SDKS.patterns, { group: ['mongodb/*', 'restify/*'], message: 'Domain rules know nothing of storage or HTTP.' }],
};

const layer = (target, from, message) => ({ target, from, message });

export default tseslint.config(
  { ignores: ['dist/', 'node_modules/', 'coverage/', 'data/', 'devTools/', '.playground-data/', 'appPackage/build/', 'docs/'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    plugins: { 'import-x': importX },
    settings: {
      // Without these the plugin reads only .js files, and a cycle through .ts files goes unseen.
      'import-x/extensions': ['.ts', '.js'],
      'import-x/parsers': { '@typescript-eslint/parser': ['.ts'] },
      'import-x/resolver-next': [createNodeResolver({ extensions: ['.ts', '.d.ts', '.js', '.json'] })],
    },
    rules: {
      // The code's own convention: a leading underscore marks a value left unused on purpose.
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrorsIgnorePattern: '^_', destructuredArrayIgnorePattern: '^_', ignoreRestSiblings: true },
      ],
      // Input checks match control characters on purpose (to refuse or escape them).
      'no-control-regex': 'off',
      // Heavy or optional modules are loaded when first needed: `require('x') as typeof import('x')`.
      '@typescript-eslint/no-require-imports': 'off',
      // Errors are often re-thrown as a plain message for the user; the cause is not always wanted.
      'preserve-caught-error': 'off',
      'import-x/no-cycle': 'error',
      'import-x/no-restricted-paths': [
        'error',
        {
          zones: [
            layer('./src/domain', ['./src/services', './src/store', './src/teams'], 'Domain rules know nothing of services, storage or Teams.'),
            layer('./src/store', ['./src/services', './src/teams'], 'The store knows nothing of services or Teams: a record type lives with the store.'),
            layer('./src/services', ['./src/teams', './src/cli', './src/jobs', './src/http'], 'Services know nothing of Teams, the CLI, the jobs or HTTP.'),
          ],
        },
      ],
    },
  },
  {
    files: ['src/**/*.ts'],
    ignores: ['src/teams/**', 'src/startBot.ts'],
    rules: { 'no-restricted-imports': ['error', TEAMS_SDKS] },
  },
  {
    files: ['src/domain/**/*.ts'],
    rules: { 'no-restricted-imports': ['error', DOMAIN_IMPORTS] },
  },
  {
    // The CLI's command registry holds commands whose options differ: CliCommand<any, any>.
    // (Some of its files carry their own disable comment for it, which this makes redundant.)
    files: ['src/cli/**/*.ts'],
    linterOptions: { reportUnusedDisableDirectives: 'off' },
    rules: { '@typescript-eslint/no-explicit-any': 'off' },
  },
  {
    // Tests, scripts and the bench read untyped JSON (cards, Playground frames, JSON schemas).
    files: ['test/**/*.ts', 'scripts/**/*.ts', 'bench/**/*.ts'],
    rules: { '@typescript-eslint/no-explicit-any': 'off' },
  },
  {
    files: ['**/*.js', '**/*.cjs'],
    languageOptions: { sourceType: 'commonjs', globals: { require: 'readonly', module: 'writable', __dirname: 'readonly', process: 'readonly' } },
  },
);
