// The "convene meeting" form: what a card submits, checked against the type's policy.
import { z } from 'zod';
import { childVoiceFields, toChildVoice, type ChildVoice } from '../childVoice';
import { optionalText } from '../formFields';
import { normaliseEmail } from '../people';
import { validateChildAttendance, type ChildAttendance } from './attendees';
import type { MeetingType } from './catalogue';
import { policyFor } from './policies';
import { validateMeetingDate, type MeetingTimingInput } from './timing';

export const email = (message: string) => z.string({ required_error: message, invalid_type_error: message }).trim().email(message).transform(normaliseEmail);
export const optionalEmailField = (message: string) =>
  z
    .string({ invalid_type_error: message })
    .trim()
    .optional()
    .transform((v) => (v ? v : null))
    .refine((v) => v === null || z.string().email().safeParse(v).success, message)
    .transform((v) => (v ? normaliseEmail(v) : null));

export interface ConveneDetails {
  type: MeetingType;
  date: string;
  time: string;
  durationMinutes: number;
  childAttendance: ChildAttendance;
  childAttendanceReason: string | null;
  /** The child's wishes and feelings, sought before the meeting, and whether an advocate was offered. */
  childVoice: ChildVoice;
  minuteTaker: string | null;
  /** A warning to show the organiser (a late meeting), or null. */
  dateWarning: string | null;
}

/**
 * The "convene meeting" form as a card submits it (strings). Checks the date against the rules
 * (validateMeetingDate), the recorded reason for leaving the child out or an adults-only first part,
 * the child's wishes and feelings (optional here: the child may give them at the meeting),
 * and the named minute taker where the policy requires one (a Placement Stability Meeting: Meetings table, 003). The chair is
 * checked separately with validateChair, which needs the roster.
 */
export function meetingConveneFormSchema(type: MeetingType, timing: MeetingTimingInput) {
  return z
    .object({
      date: z.string({ required_error: 'Give the meeting date.' }).trim(),
      time: z
        .string({ required_error: 'Give the start time.' })
        .trim()
        .regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'Give the start time as HH:MM.'),
      durationMinutes: z
        .string()
        .trim()
        .optional()
        .transform((v) => (v ? Number(v) : 60))
        .refine((n) => Number.isInteger(n) && n >= 15 && n <= 480, 'The length must be between 15 and 480 minutes.'),
      childAttendance: z
        .enum(['whole', 'second-part', 'not-invited'], { errorMap: () => ({ message: 'Say how the child takes part.' }) })
        .optional()
        .default('whole'),
      childAttendanceReason: optionalText('The reason'),
      minuteTaker: optionalEmailField('Give the minute taker\u2019s email address.'),
      ...childVoiceFields,
    })
    .superRefine((form, ctx) => {
      const need = (path: string, message: string) => ctx.addIssue({ code: 'custom', path: [path], message });
      const dateCheck = validateMeetingDate(type, { ...timing, date: form.date });
      if (!dateCheck.ok) need('date', dateCheck.reason);
      const attendance = validateChildAttendance(form.childAttendance, form.childAttendanceReason);
      if (!attendance.ok) need('childAttendanceReason', attendance.reason);
      const minuteTakerRule = policyFor(type).convene.minuteTaker;
      if (minuteTakerRule && !form.minuteTaker) need('minuteTaker', minuteTakerRule);
    })
    .transform((form): ConveneDetails => {
      const dateCheck = validateMeetingDate(type, { ...timing, date: form.date });
      return {
        type,
        date: form.date,
        time: form.time,
        durationMinutes: form.durationMinutes,
        childAttendance: form.childAttendance,
        childAttendanceReason: form.childAttendance === 'whole' ? null : form.childAttendanceReason,
        childVoice: toChildVoice(form),
        minuteTaker: form.minuteTaker,
        dateWarning: dateCheck.ok ? dateCheck.warning : null,
      };
    });
}
