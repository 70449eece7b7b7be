// Every psb command, in the order `psb help` lists them.
import type { CliCommand } from '../command';
import { audit, setApprovals } from './admin';
import { checkCodes } from './checkCodes';
import { exportCase, retention } from './dataProtection';
import { digestPreview, digestStop, digestSubscribe } from './digest';
import { episodesImport } from './episodes';
import { ask, guidanceFeedback } from './guidance';
import { kpi } from './kpi';
import { childrenImport, rosterImport } from './people';

export const COMMANDS: CliCommand[] = [rosterImport, childrenImport, episodesImport, kpi, checkCodes, digestSubscribe, digestStop, digestPreview, ask, guidanceFeedback, audit, exportCase, retention, setApprovals];
