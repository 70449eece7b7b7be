// Team names as people type them in chat ("digest here North", "approvals here North"): a team
// that no child belongs to and nobody on the roster covers is a typing mistake, said as such.
import { ALL_TEAMS } from '../domain/people';
import type { ServiceContext } from './context';
import { InvalidInputError } from './errors';

/** A team nobody on the roster covers and no child belongs to is a typing mistake: say so, naming the teams there are. */
export async function checkTeamsExist(ctx: ServiceContext, teams: string[], field: string): Promise<void> {
  const unknown: string[] = [];
  for (const team of teams) {
    if (team === ALL_TEAMS) continue;
    if ((await ctx.records.children.count({ team })) > 0 || (await ctx.records.people.count({ teams: team })) > 0) continue;
    unknown.push(team);
  }
  if (unknown.length === 0) return;
  const known = new Set<string>();
  for (const child of await ctx.records.children.find({}, { limit: 5000 })) known.add(child.team);
  const list = [...known].sort().join(', ');
  throw new InvalidInputError({
    [field]: `There is no team called ${unknown.join(' or ')}.${list ? ` The teams are: ${list}.` : ''} Nothing has changed.`,
  });
}
