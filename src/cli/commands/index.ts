// Every psb command, in the order `psb help` lists them. A new command is declared with
// defineCommand (src/cli/command.ts) in its own file and added to this list.
import type { CliCommand } from '../command';
import { audit, setApprovals } from './admin';
import { checkCodes } from './checkCodes';
import { coverList, coverSet } from './cover';
import { exportCase, retention } from './dataProtection';
import { digestPreview, digestStop, digestSubscribe } from './digest';
import { episodesImport } from './episodes';
import { ask, guidanceFeedback } from './guidance';
import { kpi } from './kpi';
import { outbox } from './outbox';
import { childrenImport, rosterImport, rosterLeaver, rosterUnlink } from './people';

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- each command has its own argument and option types
export const COMMANDS: Array<CliCommand<any, any>> = [
  rosterImport,
  rosterUnlink,
  rosterLeaver,
  childrenImport,
  episodesImport,
  kpi,
  checkCodes,
  digestSubscribe,
  digestStop,
  digestPreview,
  ask,
  guidanceFeedback,
  audit,
  exportCase,
  retention,
  setApprovals,
  outbox,
  coverSet,
  coverList,
];
