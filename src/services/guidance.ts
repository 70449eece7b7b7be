// Guidance answers for chat and the command line, and the feedback people give on them.
// Answers come from the guidance index (retrieval, never composed); a configured model may only
// reword the headline. Feedback arrives from card buttons, so it is validated as untrusted input.
import { createHash } from 'node:crypto';
import { z } from 'zod';
import type { Person } from '../domain/people';
import type { GuidancePhraser } from '../guidance/phrasing';
import type { GuidanceIndex } from '../guidance/search';
import type { GuidanceAnswer } from '../guidance/types';
import type { Collection, IndexSpec } from '../store/collection';
import type { GuidanceFeedbackDoc } from '../store/records';
import type { ServiceContext } from './context';
import { InvalidInputError } from './errors';

export const MAX_QUESTION_LENGTH = 500;
export const MAX_FEEDBACK_COMMENT_LENGTH = 1000;

/** A guidance answer, with the model's wording of the headline when a model phrased it. */
export interface GuidanceReply extends GuidanceAnswer {
  /** The model's wording of `answer`; steps and sources are still the retrieved ones. */
  phrasedAnswer?: string;
}

export interface AnswerOptions {
  phraser?: GuidancePhraser | null;
}

/** Answers a practitioner's question; a configured model may reword a found answer's headline. */
export async function answerQuestion(ctx: Pick<ServiceContext, 'log'>, index: GuidanceIndex, question: string, options: AnswerOptions = {}): Promise<GuidanceReply> {
  const asked = (typeof question === 'string' ? question : '').trim().slice(0, MAX_QUESTION_LENGTH);
  const answer: GuidanceReply = index.search(asked);
  // the question is free text that may name a child: log what answered, not what was asked
  ctx.log.info(
    {
      found: answer.found,
      entryId: answer.entryId ?? answer.passage?.id ?? null,
      score: answer.score,
      confidence: answer.confidence,
      ...(answer.knownNearMiss ? { withdrawn: 'known near miss', nearest: answer.nearest?.id } : {}),
    },
    'guidance question',
  );
  if (answer.found && options.phraser) {
    const phrased = await options.phraser.phrase(answer);
    if (phrased) answer.phrasedAnswer = phrased.text;
  }
  return answer;
}

/** A pack entry or council passage shown by id (a related-topic or suggestion button), or null. */
export function topicAnswer(index: GuidanceIndex, id: string): GuidanceAnswer | null {
  const entry = index.getEntry(id);
  if (entry) {
    return {
      question: entry.title,
      found: true,
      answer: entry.answer,
      steps: entry.steps,
      sources: entry.sources,
      entryId: entry.id,
      score: 0,
      confidence: 1,
      related: entry.related.flatMap((relatedId) => {
        const related = index.getEntry(relatedId);
        return related ? [{ id: related.id, title: related.title }] : [];
      }),
    };
  }
  const passage = index.getPassage(id);
  if (passage) {
    return {
      question: `${passage.docTitle}: ${passage.section}`,
      found: true,
      answer: passage.text.replace(/\s+/g, ' ').trim().slice(0, 300),
      passage,
      sources: [{ doc: passage.file, title: passage.docTitle, section: passage.section }],
      score: 0,
      confidence: 1,
      related: [],
    };
  }
  return null;
}

// ---- feedback ---------------------------------------------------------------------------------

// The feedback record's type lives with the other record kinds in store/records.ts.
export type { GuidanceFeedbackDoc };

export const GUIDANCE_FEEDBACK_COLLECTION = 'guidance_feedback';
export const GUIDANCE_FEEDBACK_INDEXES: IndexSpec[] = [{ fields: { at: -1 } }, { fields: { entryId: 1 } }];

const trimmed = (max: number) => z.string().trim().max(max, `at most ${max} characters`);

/** A card's feedback data. Only strings, booleans and null get through: no operator objects. */
export const guidanceFeedbackSchema = z.object({
  question: trimmed(MAX_QUESTION_LENGTH).min(1, 'the question is missing'),
  entryId: z.preprocess((v) => (v === '' || v === undefined ? null : v), z.string().max(120).nullable()),
  // a card sends a boolean; a client that stringifies data sends 'true' / 'false'
  helpful: z.union([z.boolean(), z.enum(['true', 'false']).transform((v) => v === 'true')]),
  comment: z.preprocess((v) => (v === '' || v === null ? undefined : v), trimmed(MAX_FEEDBACK_COMMENT_LENGTH).optional()),
});

export type GuidanceFeedbackInput = z.input<typeof guidanceFeedbackSchema>;

/** Stores who found which answer helpful. Throws InvalidInputError, storing nothing, for a bad payload. */
export async function recordGuidanceFeedback(
  ctx: Pick<ServiceContext, 'now'>,
  feedback: Collection<GuidanceFeedbackDoc>,
  index: GuidanceIndex,
  person: Pick<Person, 'id'>,
  payload: unknown,
): Promise<GuidanceFeedbackDoc> {
  const parsed = guidanceFeedbackSchema.safeParse(payload);
  if (!parsed.success) {
    const fields = Object.fromEntries(parsed.error.issues.map((issue) => [String(issue.path[0] ?? 'feedback'), issue.message]));
    throw new InvalidInputError(fields);
  }
  const { question, entryId, helpful, comment } = parsed.data;
  if (entryId !== null && !index.getEntry(entryId) && !index.getPassage(entryId)) {
    throw new InvalidInputError({ entryId: 'That guidance entry no longer exists.' });
  }
  const doc: GuidanceFeedbackDoc = {
    _id: feedbackId(person.id, question, entryId),
    version: 1,
    personId: person.id,
    at: ctx.now().toISOString(),
    question,
    entryId,
    helpful,
    comment: comment ?? null,
  };
  await feedback.put(doc);
  return doc;
}

/** Most recent first. */
export async function listGuidanceFeedback(feedback: Collection<GuidanceFeedbackDoc>, options: { limit?: number } = {}): Promise<GuidanceFeedbackDoc[]> {
  const limit = Math.min(Math.max(Math.trunc(options.limit ?? 100), 1), 10_000);
  return feedback.find({}, { sort: { at: -1 }, limit });
}

function feedbackId(personId: string, question: string, entryId: string | null): string {
  const key = [personId, question.toLowerCase().replace(/\s+/g, ' '), entryId ?? ''].join('\n');
  return `gf-${createHash('sha256').update(key).digest('hex').slice(0, 32)}`;
}
