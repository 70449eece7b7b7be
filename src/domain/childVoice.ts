// The child's wishes and feelings as the forms record them (the move request, the fragility alert,
// the meeting forms): what the child said, or why they were not asked, and whether an advocate was
// offered. One set of fields, messages and wording for every form. Pure: no storage, no Teams.
import { z } from 'zod';
import { optionalText } from './formFields';

/** Free text in `said` and `notAskedBecause`: shown only in personal chat to people entitled to see the child's details, never in a shared conversation. */
export interface ChildVoice {
  said: string | null;
  notAskedBecause: string | null;
  advocateOffered: boolean | null;
}

/** The card inputs' ids, for the forms' own field lists. */
export const CHILD_VOICE_FIELDS = ['childSaid', 'childNotAskedBecause', 'advocateOffered'] as const;

/** The child's voice fields of a form (childSaid, childNotAskedBecause, advocateOffered), all optional. */
export const childVoiceFields = {
  childSaid: optionalText('What the child said about it'),
  childNotAskedBecause: optionalText('Why the child was not asked'),
  advocateOffered: z.enum(['yes', 'no', ''], { errorMap: () => ({ message: 'Say yes or no: was the child offered an advocate?' }) }).optional(),
};

export const CHILD_VOICE_MISSING = 'Record what the child said, or why they were not asked.';
export const ADVOCATE_MISSING = 'Say yes or no: was the child offered an advocate?';

/**
 * Where a form requires the child's voice (a move request: a child is asked before being moved),
 * the problems with the raw answers as field -> message: neither what was said nor why not, or
 * no answer about an advocate. Read from the raw answers so they are reported with every other problem.
 */
export function missingChildVoice(answer: (field: string) => string): Record<string, string> {
  const problems: Record<string, string> = {};
  if (!answer('childSaid') && !answer('childNotAskedBecause')) problems.childSaid = CHILD_VOICE_MISSING;
  if (answer('advocateOffered') !== 'yes' && answer('advocateOffered') !== 'no') problems.advocateOffered = ADVOCATE_MISSING;
  return problems;
}

export function toChildVoice(form: { childSaid: string | null; childNotAskedBecause: string | null; advocateOffered?: 'yes' | 'no' | '' }): ChildVoice {
  return {
    said: form.childSaid,
    notAskedBecause: form.childNotAskedBecause,
    advocateOffered: form.advocateOffered === 'yes' ? true : form.advocateOffered === 'no' ? false : null,
  };
}

/** Lines for a card: what the child said or why not, and the advocate; a gap is said plainly. */
export function describeChildVoice(voice: ChildVoice | undefined, whenAbsent = 'Not recorded (raised before the form asked).'): string[] {
  if (!voice) return [whenAbsent];
  const lines: string[] = [];
  if (voice.said) lines.push(`The child said: ${voice.said}`);
  if (voice.notAskedBecause) lines.push(`Not asked, because: ${voice.notAskedBecause}`);
  if (!voice.said && !voice.notAskedBecause) lines.push('Not recorded: ask the child, or say why they were not asked.');
  lines.push(voice.advocateOffered === null ? 'Advocate: not recorded.' : voice.advocateOffered ? 'An advocate was offered.' : 'An advocate was not offered.');
  return lines;
}

/** The voice's free text, for retention: the strings to look for and remove. */
export function childVoiceTexts(voice: ChildVoice | undefined | null): Array<string | null> {
  return voice ? [voice.said, voice.notAskedBecause] : [];
}

/** The voice with its free text replaced (retention); the advocate answer, a structured fact, stays. */
export function redactChildVoice(voice: ChildVoice, removed: string): ChildVoice {
  return { ...voice, said: voice.said && removed, notAskedBecause: voice.notAskedBecause && removed };
}
