// @joplin/turndown-plugin-gfm ships no types: the one export used (councilDocs.ts) is a turndown plugin.
declare module '@joplin/turndown-plugin-gfm' {
  import type TurndownService from 'turndown';
  export function gfm(service: TurndownService): void;
  export function tables(service: TurndownService): void;
}
