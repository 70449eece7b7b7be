// The meeting types and their catalogue entries (label, purpose, when, rules). The catalogue is a
// view of MEETING_POLICIES, which holds every decision per type in one place.
//
// Citations: rule ids are those of DOMAIN.md (PLAN-1, FRAG-4, END-2, ...). DOMAIN.md's "Meetings"
// table has no ids of its own, so where only that table applies we cite it as "Meetings table"
// with the seed document number, e.g. "(Meetings table, 003)"; `sources` holds the seed numbers.
import { MEETING_TYPES, type MeetingType } from './meetingTypes';
import { MEETING_POLICIES } from './policies';

export { isMeetingType, MEETING_TYPES, type MeetingType } from './meetingTypes';

export interface MeetingTypeInfo {
  type: MeetingType;
  label: string;
  purpose: string;
  when: string;
  ruleIds: string[];
  sources: string[];
}

export const MEETINGS: Readonly<Record<MeetingType, MeetingTypeInfo>> = Object.fromEntries(
  MEETING_TYPES.map((type) => {
    const { label, purpose, when, ruleIds, sources } = MEETING_POLICIES[type];
    return [type, { type, label, purpose, when, ruleIds: [...ruleIds], sources: [...sources] }];
  }),
) as Record<MeetingType, MeetingTypeInfo>;

/** "Meetings table, 003/001": how a reason cites the Meetings table for a meeting of this type. */
export function tableCitation(type: MeetingType): string {
  return `Meetings table, ${MEETING_POLICIES[type].sources.join('/')}`;
}
