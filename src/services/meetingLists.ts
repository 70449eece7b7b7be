// Meetings as lists: a person's own (the "meetings" command) and a team's coming week (the digest).
import { ukDate } from '../domain/dates';
import { MEETINGS } from '../domain/meetings';
import { ALL_TEAMS, type Person } from '../domain/people';
import type { Filter } from '../store/collection';
import type { MeetingDoc } from '../store/records';
import type { ServiceContext } from './context';

export interface MyMeetings {
  upcoming: MeetingDoc[];
  /** Held (date passed) but no outcome yet, where this person is the chair or minute taker. */
  outcomeToRecord: MeetingDoc[];
  /** Reviews booked at earlier meetings and not yet convened, for meetings this person took part in. */
  reviewsDue: Array<{ meeting: MeetingDoc; reviewDate: string }>;
}

/** The person's upcoming meetings, outcomes they still have to record, and the reviews due. */
export async function meetingsFor(ctx: ServiceContext, person: Person): Promise<MyMeetings> {
  const today = ukDate(ctx.now());
  const scheduled = await ctx.records.meetings.find({ participantIds: person.id, state: 'scheduled' }, { sort: { date: 1, time: 1 }, limit: 200 });
  const held = await ctx.records.meetings.find({ participantIds: person.id, state: 'held' }, { sort: { date: -1 }, limit: 200 });
  const reviewsDue: MyMeetings['reviewsDue'] = [];
  for (const meeting of held) {
    const reviewDate = meeting.outcome?.reviewDate;
    if (!reviewDate) continue;
    const task = await ctx.records.tasks.get(`${meeting.ref}:review-meeting`);
    if (task?.state === 'open') reviewsDue.push({ meeting, reviewDate });
  }
  return {
    upcoming: scheduled.filter((m) => m.date >= today),
    outcomeToRecord: scheduled.filter((m) => m.date < today && (m.chair.personId === person.id || m.minuteTaker === person.id)),
    reviewsDue: reviewsDue.sort((a, b) => a.reviewDate.localeCompare(b.reviewDate)),
  };
}

/** For the managers' digest: meetings in these teams from `from` to `to` (inclusive); case references only. */
export async function upcomingMeetingsForTeams(
  ctx: ServiceContext,
  teams: string[],
  from: string,
  to: string,
): Promise<Array<{ ref: string; caseRef: string; type: string; date: string }>> {
  const filter: Filter = { ...(teams.includes(ALL_TEAMS) ? {} : { team: { $in: teams } }), state: 'scheduled', date: { $gte: from, $lte: to } };
  const meetings = await ctx.records.meetings.find(filter, { sort: { date: 1, time: 1 }, limit: 200 });
  return meetings.map((m) => ({ ref: m.ref, caseRef: m.caseRef, type: MEETINGS[m.type].label, date: m.date }));
}
