// Every record kind that has effects, for the runner's resume after a restart (and its tests).
import { alertEffects } from '../alertEffects';
import type { ServiceContext } from '../context';
import { meetingEffects } from '../meetingEffects';
import { moveEffects } from '../moveEffects';
import { resumeEffects, type RecordEffects, type RecordWithEffects } from './runner';

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export const RECORD_KINDS: ReadonlyArray<RecordEffects<RecordWithEffects<any>, any>> = [moveEffects, alertEffects, meetingEffects];

/** After a restart: finishes what a stopped process left half-done, for every record kind; returns how many records. */
export async function resumeAllEffects(ctx: ServiceContext): Promise<number> {
  let resumed = 0;
  for (const kind of RECORD_KINDS) resumed += await resumeEffects(ctx, kind);
  return resumed;
}
