// Who chairs a meeting, as the type's policy's chair rule says (policies.ts), and the check of a
// chair the organiser picked.
import { coversTeam, hasRole, normaliseEmail, type Child, type Person, type Role } from '../people';
import type { MeetingType } from './catalogue';
import { childTeamManagers, isInHouseFosterPlacement, isIfaPlacement, peopleForTeam, placementSetting } from './placement';
import { policyFor } from './policies';

/** Why a chair was chosen: the child's team manager, the fostering manager, or an independent person (Disruption). */
export type ChairBasis = 'child-team-manager' | 'fostering-manager' | 'independent';

export interface ChairChoice {
  person: Person | null;
  basis: ChairBasis;
  /** Everyone who would fit, best first; the organiser may pick another. */
  candidates: Person[];
  reason: string;
  ruleIds: string[];
  sources: string[];
}

/** The roles that make someone "a manager of the council" who may chair a support or stability meeting. */
const MANAGER_ROLES: Role[] = ['team_manager', 'fostering_manager', 'service_manager', 'head_of_service'];
/** Disruption: an IRO, or a person of similar standing (a manager), who has not been involved. */
const INDEPENDENT_CHAIR_ROLES: Role[] = ['iro', ...MANAGER_ROLES];

/**
 * Why this person counts as involved in the child's case (so cannot chair a Disruption Meeting),
 * or null. The child's own IRO, social worker, supervising social worker and team manager(s) are
 * always involved, as is anyone in `involved`.
 */
export function involvementOf(child: Child, person: Person, involved: readonly string[] = []): string | null {
  if (child.iro && normaliseEmail(child.iro) === person.id) return 'is the child\u2019s own IRO';
  if (child.socialWorker && normaliseEmail(child.socialWorker) === person.id) return 'is the child\u2019s social worker';
  if (child.supervisingSocialWorker && normaliseEmail(child.supervisingSocialWorker) === person.id) return 'is the carers\u2019 supervising social worker';
  if (hasRole(person, 'team_manager') && coversTeam(person, child.team)) return `is a team manager for the child\u2019s team (${child.team})`;
  if (involved.map(normaliseEmail).includes(person.id)) return 'has been involved in the case';
  return null;
}

/** The chair the type's policy calls for, with the reason the organiser sees; where the guidance names none, the child's team manager, who holds the case. */
export function chooseChair(type: MeetingType, child: Child, people: readonly Person[], involvedPersonIds: readonly string[] = []): ChairChoice {
  const rule = policyFor(type).chair;
  const teamManagers = childTeamManagers(child, people);
  const byTeamManager = (reason: string, ruleIds: string[] = [], sources: string[] = ['003']): ChairChoice => ({
    person: teamManagers[0] ?? null,
    basis: 'child-team-manager',
    candidates: teamManagers,
    reason: teamManagers.length > 0 ? reason : `${reason} No team manager on the roster covers team ${child.team}.`,
    ruleIds,
    sources,
  });

  switch (rule.kind) {
    case 'independent': {
      const candidates = people.filter((p) => hasRole(p, 'iro') && involvementOf(child, p, involvedPersonIds) === null);
      const person = candidates[0] ?? null;
      return {
        person,
        basis: 'independent',
        candidates,
        reason: person
          ? `A Disruption Meeting is chaired by an IRO or similar person who has not been involved in the case; ${person.name} is an IRO who has not been (Meetings table, 003).`
          : 'A Disruption Meeting is chaired by an IRO or similar person who has not been involved in the case (Meetings table, 003). No IRO on the roster is free of involvement: choose an independent manager of similar standing.',
        ruleIds: ['END-2'],
        sources: ['003'],
      };
    }
    case 'team-manager-proposed':
      return byTeamManager(rule.reason, rule.ruleIds, rule.sources);
    case 'council-manager': {
      const about = rule.preamble;
      if (isInHouseFosterPlacement(child)) {
        const managers = peopleForTeam(people, 'fostering_manager', child.team);
        const reason = `${about}the fostering manager chairs for the council\u2019s own foster carers (PR1) (Meetings table, 003).`;
        return {
          person: managers[0] ?? null,
          basis: 'fostering-manager',
          candidates: managers,
          reason: capitalise(managers.length > 0 ? reason : `${reason} No fostering manager on the roster covers team ${child.team}.`),
          ruleIds: [],
          sources: ['003'],
        };
      }
      if (isIfaPlacement(child)) {
        return byTeamManager(
          capitalise(`${about}the children\u2019s social work manager (the child\u2019s team manager) chairs for an independent fostering agency placement (Meetings table, 003).`),
        );
      }
      const setting = placementSetting(child.placementType);
      const what = setting === 'foster' ? 'foster care not provided by the council itself or an agency' : setting === 'other' ? 'this kind of placement' : `a ${setting} placement`;
      return byTeamManager(
        capitalise(
          `${about}a council manager chairs (Meetings table, 003). The guidance names no chair for ${what}; the bot proposes the children\u2019s social work manager (the child\u2019s team manager), as for an agency placement.`,
        ),
      );
    }
  }
}

function capitalise(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

export type ChairCheck = { ok: true; note: string | null } | { ok: false; reason: string };

/**
 * Checks a chair the organiser picked. 'independent' (Disruption): refuses anyone involved in the
 * case (the child's own IRO, social worker, supervising social worker or team manager, or anyone
 * in `involved`), and anyone who is neither an IRO nor a manager. 'council-manager' (support and
 * stability): refuses someone who is not a council manager, and notes when the chair is not the one
 * the rules name. 'team-manager-proposed': anyone may chair.
 */
export function validateChair(type: MeetingType, child: Child, chair: Person, involved: readonly string[] = []): ChairCheck {
  const policy = policyFor(type);
  switch (policy.chair.kind) {
    case 'independent': {
      const involvement = involvementOf(child, chair, involved);
      if (involvement) {
        return {
          ok: false,
          reason: `${chair.name} ${involvement}, so cannot chair the ${policy.label}: it needs an IRO or similar person who has not been involved in the case.`, // Meetings table, 003
        };
      }
      if (!INDEPENDENT_CHAIR_ROLES.some((r) => hasRole(chair, r))) {
        return {
          ok: false,
          reason: `${chair.name} is not an IRO or a manager: a ${policy.label} is chaired by an IRO or a similar person who has not been involved.`, // Meetings table, 003
        };
      }
      return {
        ok: true,
        note: hasRole(chair, 'iro') ? null : `${chair.name} is not an IRO: check that they are of similar standing and independent of the case.`, // Meetings table, 003
      };
    }
    case 'council-manager': {
      if (!MANAGER_ROLES.some((r) => hasRole(chair, r))) {
        return { ok: false, reason: `${chair.name} is not a manager: a ${policy.label} is chaired by a manager of the council.` }; // Meetings table, 003
      }
      const expected: Role = isInHouseFosterPlacement(child) ? 'fostering_manager' : 'team_manager';
      const fits = hasRole(chair, expected) && coversTeam(chair, child.team);
      return {
        ok: true,
        note: fits
          ? null
          : expected === 'fostering_manager'
            ? `For the council\u2019s own foster carers the rules name the fostering manager as chair; record why ${chair.name} is chairing instead.` // Meetings table, 003
            : `The rules name the child\u2019s team manager as chair here; record why ${chair.name} is chairing instead.`, // Meetings table, 003
      };
    }
    case 'team-manager-proposed':
      return { ok: true, note: null };
  }
}
