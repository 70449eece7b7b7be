// Schemas for the values psb commands take, shared so that every command checks a date, a case
// reference or a number the same way and says the same thing when it is wrong.
import { z } from 'zod';
import { isIsoDate } from '../domain/dates';

export const isoDate = z.string().refine(isIsoDate, 'must be a date written YYYY-MM-DD');

/** A whole number from `min` to `max`, written in digits. */
export const wholeNumber = (min: number, max: number, what: string) =>
  z
    .string()
    .regex(/^\d{1,9}$/, `must be a whole number of ${what}`)
    .transform(Number)
    .refine((n) => n >= min && n <= max, `must be from ${min} to ${max} ${what}`);

/** A reference typed by hand (a case reference, PM-..., FA-..., MT-..., an email or a team): one line, no control characters. */
export const reference = z
  .string()
  .trim()
  .min(1, 'must not be blank')
  .max(200, 'must be at most 200 characters')
  .refine((v) => !/[\u0000-\u001f\u007f]/.test(v), 'must not contain control characters');
