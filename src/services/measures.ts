// The stability measures from the store: the imported history plus moves confirmed in the bot
// (see episodesForMeasures), for the whole council or one team.
import type { Episode } from '../domain/ssda903/episodes';
import { stabilityReport, type StabilityReport } from '../domain/ssda903/report';
import type { ServiceContext } from './context';
import { episodesForMeasures } from './episodes';

/** Case references of a team's children, from the children list (a history without a child record belongs to no team). */
export async function caseRefsOfTeam(ctx: ServiceContext, team: string): Promise<string[]> {
  return (await ctx.records.children.find({ team })).map((child) => child.caseRef);
}

/** Keeps the episodes of the given children only. */
export function episodesOfChildren(episodes: readonly Episode[], caseRefs: readonly string[]): Episode[] {
  const wanted = new Set(caseRefs);
  return episodes.filter((e) => wanted.has(e.child));
}

/** The measures at `at` (a 'YYYY-MM-DD' date) from the stored history, optionally for some teams ('*': all). */
export async function stabilityFromStore(ctx: ServiceContext, at: string, options: { team?: string; teams?: string[] } = {}): Promise<StabilityReport> {
  const teams = options.teams ?? (options.team === undefined ? undefined : [options.team]);
  const children = teams === undefined || teams.includes('*') ? undefined : (await Promise.all(teams.map((t) => caseRefsOfTeam(ctx, t)))).flat();
  return stabilityReport(await episodesForMeasures(ctx, children), at);
}
