// Guidance in chat: any message that is not a command is a question for the guidance pack (in a
// group chat or channel only messages that @mention the bot arrive). It is the command table's last entry.
import type { Application, TurnState } from '@microsoft/teams-ai';
import { z } from 'zod';
import { InvalidInputError } from '../../services/errors';
import { answerQuestion, recordGuidanceFeedback, topicAnswer } from '../../services/guidance';
import { noticeCard } from '../cards';
import type { CatchAllCommand, ChatDeps } from '../chatCommand';
import { guidanceAnswerCard, guidanceEntryCard } from '../guidanceCards';
import type { Turns } from '../turns';

export type GuidanceDeps = ChatDeps['guidance'];

const guidanceTopicData = z.object({ entryId: z.string().min(1).max(200) }).passthrough();

export function registerGuidanceRoutes(app: Application<TurnState>, { ctx, verb }: Turns, guidance: GuidanceDeps): void {
  app.adaptiveCards.actionExecute(
    'guidance.entry',
    verb(async (_c, _person, data) => {
      const parsed = guidanceTopicData.safeParse(data);
      const topic = parsed.success ? topicAnswer(guidance.index, parsed.data.entryId) : null;
      if (!topic) return noticeCard('Topic not found', 'That guidance topic is no longer in the guidance. Ask your question again in your own words.');
      return guidanceEntryCard(topic);
    }),
  );

  app.adaptiveCards.actionExecute(
    'guidance.feedback',
    verb(async (_c, person, data) => {
      try {
        const feedback = await recordGuidanceFeedback(ctx, ctx.records.guidanceFeedback, guidance.index, person, data);
        // The same answer again (retrieval only), with thanks and without the buttons.
        const shown = (feedback.entryId ? topicAnswer(guidance.index, feedback.entryId) : null) ?? guidance.index.search(feedback.question);
        return guidanceAnswerCard(
          { ...shown, question: feedback.question },
          { feedback: false, notice: { text: 'Thank you: your feedback is recorded for the team that keeps the guidance up to date.', color: 'Good' } },
        );
      } catch (err) {
        if (err instanceof InvalidInputError)
          return noticeCard('Feedback not recorded', 'This card is out of date or damaged, so nothing was recorded. Ask your question again for a fresh card.');
        throw err;
      }
    }),
  );
}

/** Any other message is a question for the guidance pack; an empty one (a bare @mention) gets help. */
export const GUIDANCE_QUESTION: CatchAllCommand = {
  catchAll: true,
  name: 'any other question',
  usableBy: 'everyone',
  help: 'Ask in your own words what the guidance says; the answer gives its sources',
  example: 'What must happen before a planned move?',
  handle: async ({ ctx, context, deps, helpCard }) => {
    const question = (context.activity.text ?? '').trim();
    if (!question) return helpCard();
    return guidanceAnswerCard(await answerQuestion(ctx, deps.guidance.index, question, { phraser: deps.guidance.phraser }));
  },
};
