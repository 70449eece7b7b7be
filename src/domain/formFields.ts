// Building blocks for the card forms' zod schemas, so every form words its messages the same way.
// Card inputs arrive as strings; anything else (a number, an object such as {"$gt": ""}) is refused.
import { z } from 'zod';

export const MAX_TEXT = 4000;

/** Required text of at least `min` characters (after trimming). */
export const text = (label: string, min = 1) =>
  z
    .string({ required_error: `${label} is required.`, invalid_type_error: `${label} must be text.` })
    .trim()
    .max(MAX_TEXT, `${label} must be at most ${MAX_TEXT} characters.`)
    .refine((v) => v.length >= min, min > 1 ? `${label} needs at least ${min} characters.` : `${label} is required.`);

/** Optional text; blank becomes null. */
export const optionalText = (label: string) =>
  z
    .string({ invalid_type_error: `${label} must be text.` })
    .trim()
    .max(MAX_TEXT, `${label} must be at most ${MAX_TEXT} characters.`)
    .optional()
    .transform((v) => (v ? v : null));

export const yesNo = (question: string) => z.enum(['yes', 'no'], { errorMap: () => ({ message: `Say yes or no: ${question}` }) });
