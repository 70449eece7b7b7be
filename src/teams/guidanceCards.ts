// The guidance answer card: the headline answer, the steps in order (who, what, when), where it
// comes from, related topics as buttons, and "Helpful / Not helpful". When nothing in the guidance
// fits, the card leads with the nearest guidance when one topic is close, or says plainly that the
// guidance does not cover it; it never shows an answer that was not found. A second part (a question
// asking two things) follows the first with its own steps and sources; an immediate safeguarding
// matter leads the card with acting on the safeguarding procedures.
import type { GuidanceReply } from '../services/guidance';
import type { GuidanceAnswer, TopicRef } from '../guidance/types';
import { SAFEGUARDING_FIRST } from '../guidance/question';
import { nearestLead } from '../guidance/wording';
import { renderCard, typedTextPlaceholder, type AdaptiveCard } from './cards';
import { plainText } from './plainText';

export interface GuidanceCardOptions {
  /** Offer the feedback buttons (default true); off on the card that thanks for feedback. */
  feedback?: boolean;
  notice?: { text: string; color: 'Good' | 'Attention' | 'Default' };
}

/** Council passages are cut here on the card; the source line says where to read the rest. */
const MAX_PASSAGE_CHARS = 1500;
const MAX_BUTTON_TITLE = 80;

const PHRASED_NOTE = "Worded by an AI model from the guidance below. The steps and sources are the guidance's own.";
const NOT_FOUND_WITH_TOPICS = 'Nothing in the guidance answers this closely enough to rely on. The nearest topics are below; or ask your team manager.';
const FEEDBACK_PROMPT = 'Did this help? Your answer helps the team improve the guidance.';
const FEEDBACK_PROMPT_NOT_FOUND = 'Tell the team whether this reply helped: questions the guidance misses show them what to add.';
const NOT_FOUND_NO_TOPICS = 'Nothing in the guidance answers this. Try asking in other words, or ask your team manager.';
const NEAREST_ADVICE = 'It does not answer exactly what you asked: open it below, or ask your team manager.';

/** Where the question as shown, and as sent back with feedback, go on the card. */
const SHOWN_QUESTION = typedTextPlaceholder('shown question');
const ASKED_QUESTION = typedTextPlaceholder('asked question');

/** The card answering a question typed in chat. */
export function guidanceAnswerCard(answer: GuidanceReply, opts: GuidanceCardOptions = {}): AdaptiveCard {
  // What the person typed, shown back as plain text.
  return renderGuidanceCard(answer, 'You asked', plainText(answer.question), opts);
}

/** The card for a topic chosen with a button (a related topic or suggestion), built by topicAnswer(). */
export function guidanceEntryCard(topic: GuidanceAnswer, opts: GuidanceCardOptions = {}): AdaptiveCard {
  return renderGuidanceCard(topic, topic.question, '', opts);
}

function renderGuidanceCard(answer: GuidanceReply, heading: string, question: string, opts: GuidanceCardOptions): AdaptiveCard {
  const passage = answer.found ? answer.passage : undefined;
  const phrased = answer.found ? answer.phrasedAnswer : undefined;
  // a passage's retrieval answer is its own opening, shown in full below: no headline then
  const headline = !answer.found ? '' : (phrased ?? (passage ? '' : (answer.answer ?? '')));
  const topics = answer.found ? (answer.related ?? []) : (answer.suggestions ?? []);
  const also = answer.found ? answer.also : undefined;
  const nearest = answer.found ? undefined : answer.nearest;
  // what the person typed goes in after expansion, so the kept card holds none of it (see renderCard)
  const typed = { [SHOWN_QUESTION]: question, [ASKED_QUESTION]: answer.question };
  const feedbackData = (helpful: boolean) => ({ entryId: answer.found ? (answer.entryId ?? passage?.id ?? null) : null, question: ASKED_QUESTION, helpful });
  return renderCard(
    'guidance-answer',
    {
      heading,
      // (empty stays empty: the card leaves out the line for a topic chosen with a button)
      question: question ? SHOWN_QUESTION : '',
      notice: opts.notice?.text ?? '',
      noticeColor: opts.notice?.color ?? 'Default',
      found: answer.found,
      headline,
      phrasedNote: phrased ? PHRASED_NOTE : '',
      passageHeading: passage ? `From ${passage.docTitle}: ${passage.section}` : '',
      passageText: passage ? trimText(passage.text, MAX_PASSAGE_CHARS) : '',
      steps: answer.found ? (answer.steps ?? []).map((step, i) => ({ number: `${i + 1}.`, who: step.who, what: step.what, due: step.when ?? '' })) : [],
      sources: answer.found ? (answer.sources ?? []).map((s) => ({ text: `${s.title}, ${s.section}` })) : [],
      safeguardingLead: answer.urgentSafeguarding ? SAFEGUARDING_FIRST : '',
      alsoTitle: also ? `Also: ${also.title}` : '',
      alsoHeadline: also?.answer ?? '',
      alsoSteps: (also?.steps ?? []).map((step, i) => ({ number: `${i + 1}.`, who: step.who, what: step.what, due: step.when ?? '' })),
      alsoSources: (also?.sources ?? []).map((s) => ({ text: `${s.title}, ${s.section}` })),
      nearestLead: nearest ? nearestLead(answer, nearest) : '',
      notFoundAdvice: nearest ? NEAREST_ADVICE : topics.length > 0 ? NOT_FOUND_WITH_TOPICS : NOT_FOUND_NO_TOPICS,
      topicsHeading: answer.found ? 'Related topics' : 'Did you mean one of these?',
      topics: topics.map(topicButton),
      showFeedback: opts.feedback ?? true,
      feedbackPrompt: answer.found ? FEEDBACK_PROMPT : FEEDBACK_PROMPT_NOT_FOUND,
      helpfulData: feedbackData(true),
      notHelpfulData: feedbackData(false),
    },
    typed,
  );
}

function topicButton(topic: TopicRef): { title: string; data: { entryId: string } } {
  return { title: trimText(topic.title, MAX_BUTTON_TITLE), data: { entryId: topic.id } };
}

/** Whitespace tidied and cut at a word boundary with an ellipsis when longer than `max`. */
function trimText(text: string, max: number): string {
  const tidy = text
    .replace(/[ \t]+/g, ' ')
    .replace(/\n{3,}/g, '\n\n')
    .trim();
  if (tidy.length <= max) return tidy;
  const cut = tidy.slice(0, max - 1);
  const lastSpace = cut.lastIndexOf(' ');
  return `${(lastSpace > max * 0.6 ? cut.slice(0, lastSpace) : cut).trimEnd()}\u2026`;
}
