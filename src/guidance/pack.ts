// Loads and checks the guidance pack. A broken pack (duplicate id, dangling related link,
// malformed entry) fails loudly at start-up rather than giving odd answers in chat.

import { z } from 'zod';
import { GUIDANCE_ENTRIES } from './pack.data';
import { ASKED_AS } from './askedAs.data';
import { guidanceEntrySchema, type GuidanceEntry } from './types';

export class GuidancePackError extends Error {
  constructor(readonly problems: string[]) {
    super(`Guidance pack is invalid:\n- ${problems.join('\n- ')}`);
    this.name = 'GuidancePackError';
  }
}

/** Cross-entry checks that a per-entry schema cannot express. */
const packSchema = z.array(guidanceEntrySchema).superRefine((entries, ctx) => {
  const ids = new Set<string>();
  for (const entry of entries) {
    if (ids.has(entry.id)) ctx.addIssue({ code: z.ZodIssueCode.custom, message: `duplicate entry id '${entry.id}'` });
    ids.add(entry.id);
  }
  for (const entry of entries) {
    for (const target of entry.related) {
      if (!ids.has(target)) {
        ctx.addIssue({ code: z.ZodIssueCode.custom, message: `'${entry.id}' relates to missing entry '${target}'` });
      }
      if (target === entry.id) {
        ctx.addIssue({ code: z.ZodIssueCode.custom, message: `'${entry.id}' relates to itself` });
      }
    }
  }
});

export interface ValidatePackOptions {
  /** Rule ids (e.g. from DOMAIN.md) that at least one entry must cover. */
  requiredRuleIds?: string[];
}

/** Validates entries and returns them typed; throws GuidancePackError listing every problem. */
export function validatePack(entries: unknown, options: ValidatePackOptions = {}): GuidanceEntry[] {
  const parsed = packSchema.safeParse(entries);
  if (!parsed.success) {
    throw new GuidancePackError(parsed.error.issues.map((issue) => (issue.path.length ? `${issue.path.join('.')}: ${issue.message}` : issue.message)));
  }
  if (options.requiredRuleIds) {
    const uncovered = uncoveredRuleIds(parsed.data, options.requiredRuleIds);
    if (uncovered.length) throw new GuidancePackError(uncovered.map((id) => `no entry covers rule ${id}`));
  }
  return parsed.data;
}

/** Rule ids from `required` that no entry lists. */
export function uncoveredRuleIds(entries: GuidanceEntry[], required: string[]): string[] {
  const covered = new Set(entries.flatMap((entry) => entry.rules));
  return required.filter((id) => !covered.has(id));
}

/**
 * Gives each entry the ways practitioners ask for it in their own words (askedAs.data.ts). The
 * search matches a question against them, so "who signs off a move" finds the entry whose own
 * words are "Head of Service approval". Phrasings for an entry the pack does not have are a
 * broken pack.
 */
export function withAskedAs(entries: readonly unknown[], askedAs: Record<string, string[]>): unknown[] {
  const ids = new Set(entries.map((entry) => (entry as { id?: unknown }).id));
  const unknown = Object.keys(askedAs).filter((id) => !ids.has(id));
  if (unknown.length) throw new GuidancePackError(unknown.map((id) => `phrasings for missing entry '${id}'`));
  return entries.map((entry) => {
    const phrasings = askedAs[(entry as { id: string }).id];
    return phrasings ? { ...(entry as object), askedAs: phrasings } : entry;
  });
}

let cachedPack: GuidanceEntry[] | undefined;

/** The pack shipped with the project, with practitioners' phrasings, validated once. */
export function loadGuidancePack(): GuidanceEntry[] {
  cachedPack ??= validatePack(withAskedAs(GUIDANCE_ENTRIES, ASKED_AS));
  return cachedPack;
}
