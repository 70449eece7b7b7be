// Every psb command, in the order `psb help` lists them.
import type { CliCommand } from '../command';
import { audit, setApprovals } from './admin';
import { childrenImport, rosterImport } from './people';

export const COMMANDS: CliCommand[] = [rosterImport, childrenImport, audit, setApprovals];
