// Shapes shared by the guidance pack, the council documents and the search index.
// The zod schemas are the single source of truth; the TypeScript types are inferred from them.

import { z } from 'zod';

/** Seed documents the pack cites ("000".."004"), plus the project's own domain notes. */
export const SOURCE_DOC_IDS = ['000', '001', '002', '003', '004', 'domain'] as const;

export const guidanceSourceSchema = z.object({
  doc: z.enum(SOURCE_DOC_IDS),
  title: z.string().min(1),
  section: z.string().min(1),
});

export const guidanceStepSchema = z.object({
  who: z.string().min(1),
  what: z.string().min(1),
  when: z.string().min(1).optional(),
});

const RULE_ID = /^(MOVE|FRAG|PLAN|AFTER|END)-\d+$/;
const ENTRY_ID = /^[a-z0-9]+(-[a-z0-9]+)*$/;

export const guidanceEntrySchema = z.object({
  id: z.string().regex(ENTRY_ID, 'entry ids are kebab-case'),
  title: z.string().min(3),
  rules: z.array(z.string().regex(RULE_ID, 'rule ids look like MOVE-1')),
  questions: z.array(z.string().min(5)).min(2),
  // How practitioners ask for it in their own words (askedAs.data.ts): searched, never shown.
  askedAs: z.array(z.string().min(5)).optional(),
  // One line: the chat card shows it as the headline answer.
  answer: z
    .string()
    .min(10)
    .refine((s) => !/\n/.test(s), 'answer must be one line'),
  steps: z.array(guidanceStepSchema).min(1),
  related: z.array(z.string()),
  // The first source is the one the headline answer rests on (the search reads it: see unlessAKnownNearMiss).
  sources: z.array(guidanceSourceSchema).min(1),
});

export type GuidanceSource = z.infer<typeof guidanceSourceSchema>;
export type GuidanceStep = z.infer<typeof guidanceStepSchema>;
export type GuidanceEntry = z.infer<typeof guidanceEntrySchema>;

/** A heading-delimited piece of one of the council's own documents. */
export interface CouncilPassage {
  id: string;
  /** File the passage came from, relative to the council's guidance folder. */
  file: string;
  docTitle: string;
  section: string;
  text: string;
}

/** Where a council answer came from, in the same shape as a pack source (doc = the file). */
export interface CouncilSource {
  doc: string;
  title: string;
  section: string;
}

export interface TopicRef {
  id: string;
  title: string;
}

export interface GuidanceAnswer {
  question: string;
  found: boolean;
  answer?: string;
  steps?: GuidanceStep[];
  sources?: Array<GuidanceSource | CouncilSource>;
  /** Set when a pack entry answered. */
  entryId?: string;
  /** Set when a passage from the council's own documents answered. */
  passage?: CouncilPassage;
  /** Ranking score of the best match (BM25+, not normalised; 0 when nothing matched). */
  score: number;
  /** Share (0..1) of the question's meaningful words, weighted by rarity, that the best match contains. */
  confidence: number;
  related?: TopicRef[];
  /** Nearest topics, offered when nothing was confident enough to answer. */
  suggestions?: TopicRef[];
  /**
   * A second entry, when the question asks two things and the best entry answers only one:
   * shown after the first with its own steps and sources.
   */
  also?: GuidanceAnswerPart;
  /** Why nothing answered: nothing covers it, or it asks for a figure the guidance does not give. */
  notFoundReason?: 'not-covered' | 'no-figure';
  /** When nothing answered but one topic is close: the nearest guidance, to lead the card with. */
  nearest?: TopicRef;
  /**
   * The pack's answer was withdrawn: the question is a close twin of one known not to be answered
   * by the guidance (see knownQuestions.ts). Said in the log, so such refusals can be counted.
   */
  knownNearMiss?: true;
  /** The question raises an immediate safeguarding matter: the answer leads with acting on it. */
  urgentSafeguarding?: true;
}

/** One entry's part of a two-part answer. */
export interface GuidanceAnswerPart {
  entryId: string;
  title: string;
  answer: string;
  steps: GuidanceStep[];
  sources: GuidanceSource[];
  passage?: undefined;
}
