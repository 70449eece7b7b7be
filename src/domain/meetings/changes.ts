// Moving or cancelling a meeting already convened: the form, and the new date checked against the
// same timing rule as when it was convened (policies.ts, timing.ts).
import { z } from 'zod';
import { text } from '../formFields';
import type { MeetingType } from './catalogue';
import { validateMeetingDate, type MeetingTimingInput } from './timing';

export interface RescheduleDetails {
  date: string;
  time: string;
  reason: string;
  /** A late date the rules still accept (held late beats not held), or null. */
  dateWarning: string | null;
}

const TIME = /^([01]\d|2[0-3]):[0-5]\d$/;

/**
 * The reschedule form: a new date and time, and why. The date is refused in the past or outside the
 * type's timing window (validateMeetingDate: too early for a Disruption Meeting, past the deadline
 * of a Planning or Support meeting); a late date the rules accept comes back with a warning. The
 * same date and time as now is refused: nothing would change.
 */
export function rescheduleFormSchema(type: MeetingType, timing: MeetingTimingInput, current: { date: string; time: string }) {
  return z
    .object({
      newDate: z.string({ required_error: 'Give the new date.', invalid_type_error: 'Give the new date.' }).trim(),
      newTime: z.string({ required_error: 'Give the new start time.', invalid_type_error: 'Give the new start time.' }).trim().regex(TIME, 'Give the new start time as HH:MM.'),
      changeReason: text('The reason for the change', 10),
    })
    .superRefine((form, ctx) => {
      const check = validateMeetingDate(type, { ...timing, date: form.newDate });
      if (!check.ok) ctx.addIssue({ code: 'custom', path: ['newDate'], message: check.reason });
      else if (form.newDate === current.date && form.newTime === current.time)
        ctx.addIssue({ code: 'custom', path: ['newTime'], message: 'That is when the meeting already is: give a new date or time.' });
    })
    .transform((form): RescheduleDetails => {
      const check = validateMeetingDate(type, { ...timing, date: form.newDate });
      return { date: form.newDate, time: form.newTime, reason: form.changeReason, dateWarning: check.ok ? check.warning : null };
    });
}

/** The cancel form: why, in a few words (it goes to every invitee and the audit log). */
export const cancelFormSchema = z.object({ changeReason: text('The reason for cancelling', 10) });
