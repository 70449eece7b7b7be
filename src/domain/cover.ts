// Cover for a Head of Service who is away: "Harry decides for North from 22 Dec to 2 Jan". During
// the cover the covering person receives the team's approval cards and may decide them (MOVE-1
// still holds: the decision is made on the Head of Service's behalf, and the card says so).
import { z } from 'zod';
import { addDays, isIsoDate } from './dates';

export interface Cover {
  team: string;
  /** Roster id of the person who decides during the cover. */
  coverId: string;
  coverName: string;
  /** The Head of Service covered for, if one is named. */
  forId: string | null;
  forName: string | null;
  /** First and last day, UK dates, inclusive. */
  from: string;
  to: string;
  setBy: string;
}

/** The longest cover one entry may set; a longer absence is a change of role, made on the roster. */
export const LONGEST_COVER_DAYS = 92;

/** Cover as the chat form and the command line give it (strings). */
export function coverFormSchema(today: string) {
  const date = (what: string) =>
    z
      .string({ required_error: `Give the ${what} day of the cover.`, invalid_type_error: `Give the ${what} day of the cover.` })
      .refine(isIsoDate, `Give the ${what} day of the cover as a date.`);
  return z
    .object({
      team: z.string({ required_error: 'Choose the team.', invalid_type_error: 'Choose the team.' }).trim().min(1, 'Choose the team.').max(100, 'Choose the team.'),
      cover: z
        .string({ required_error: 'Choose who decides during the cover.', invalid_type_error: 'Choose who decides during the cover.' })
        .trim()
        .toLowerCase()
        .email('Choose who decides during the cover.'),
      for: z
        .string({ invalid_type_error: 'Choose the Head of Service covered for.' })
        .trim()
        .toLowerCase()
        .optional()
        .transform((v) => v || null)
        .refine((v) => v === null || z.string().email().safeParse(v).success, 'Choose the Head of Service covered for.'),
      from: date('first'),
      to: date('last'),
    })
    .superRefine((c, ctx) => {
      if (!isIsoDate(c.from) || !isIsoDate(c.to)) return;
      if (c.to < c.from) ctx.addIssue({ code: 'custom', path: ['to'], message: 'The last day of the cover cannot be before its first day.' });
      if (c.to < today) ctx.addIssue({ code: 'custom', path: ['to'], message: 'The cover would already be over: its last day is in the past.' });
      if (c.to > addDays(c.from, LONGEST_COVER_DAYS)) ctx.addIssue({ code: 'custom', path: ['to'], message: `Cover can be set for at most ${LONGEST_COVER_DAYS} days at a time.` });
      if (c.for && c.for === c.cover) ctx.addIssue({ code: 'custom', path: ['cover'], message: 'Someone cannot cover for themselves.' });
    });
}

export function isCoverActive(cover: Pick<Cover, 'from' | 'to'>, today: string): boolean {
  return cover.from <= today && today <= cover.to;
}
