// Optional model phrasing of a guidance answer. When an Azure OpenAI or OpenAI model is configured,
// the headline answer may be reworded by the model from the retrieved entry or passage only; the
// steps and sources always stay as retrieved. Any error, refusal, odd output or a reply slower than
// the timeout gives null, and the caller keeps the retrieval answer.
//
// The call goes straight through the openai SDK (its AzureOpenAI client for Azure): one chat
// completion, the SDK's own timeout and no retries, since a retry could never finish in time.

import OpenAI, { AzureOpenAI, type ClientOptions } from 'openai';
import type { Logger } from '../logger';
import { guidanceModelSettings, type GuidanceModelConfig } from './modelConfig';
import type { GuidanceAnswer } from './types';

export * from './modelConfig';

export const DEFAULT_PHRASING_TIMEOUT_MS = 3000;
/** Longer replies are not a short answer: the retrieval answer is kept. */
const MAX_PHRASED_LENGTH = 600;
/** What the model is told to say when the guidance given does not answer the question. */
const NO_ANSWER = 'NO_ANSWER';
const MAX_PASSAGE_CHARS = 4000;

const INSTRUCTIONS = [
  "You reword guidance for social workers in English children's services.",
  'Answer the question using only the guidance text given. Do not add any fact, person, role, timescale or advice that is not in it.',
  `If the guidance does not answer the question, reply with exactly ${NO_ANSWER}.`,
  'Reply in British English with one or two plain sentences: no lists, headings, markdown, greetings or sign-off.',
].join('\n');

export interface PhrasedAnswer {
  text: string;
  /** Deployment or model name, for the log. */
  model: string;
}

export interface GuidancePhraser {
  /** The model's wording of a found answer, or null to keep the retrieval answer. */
  phrase(answer: GuidanceAnswer): Promise<PhrasedAnswer | null>;
}

export interface GuidancePhraserOptions {
  timeoutMs?: number;
  log?: Logger;
  /** Passed to the OpenAI client (tests point `fetch` at a local server). */
  clientOptions?: Pick<ClientOptions, 'fetch' | 'httpAgent'>;
}

/** A phraser for the configured model, or null when no model is configured. */
export function createGuidancePhraser(cfg: GuidanceModelConfig, options: GuidancePhraserOptions = {}): GuidancePhraser | null {
  const settings = guidanceModelSettings(cfg);
  if (!settings) return null;
  const timeoutMs = options.timeoutMs ?? DEFAULT_PHRASING_TIMEOUT_MS;
  // One attempt within the time budget: a retry could never finish in time.
  const clientOptions = { ...options.clientOptions, timeout: timeoutMs, maxRetries: 0 };
  const client =
    settings.provider === 'azure'
      ? new AzureOpenAI({ endpoint: settings.endpoint, apiKey: settings.apiKey, deployment: settings.deployment, apiVersion: settings.apiVersion, ...clientOptions })
      : new OpenAI({ apiKey: settings.apiKey, baseURL: settings.baseUrl, ...clientOptions });
  // For Azure the deployment is in the path; the SDK still wants a model name in the body.
  const modelName = settings.provider === 'azure' ? settings.deployment : settings.model;
  const log = options.log;

  return {
    async phrase(answer) {
      if (!answer.found || !answer.answer) return null;
      const started = Date.now();
      try {
        const completion = await client.chat.completions.create(
          {
            model: modelName,
            messages: [
              { role: 'system', content: INSTRUCTIONS },
              { role: 'user', content: guidanceText(answer) },
            ],
            max_tokens: 200,
            temperature: 0,
          },
          // The SDK's timeout covers the wait for an answer; the signal bounds the whole call, body included.
          { signal: AbortSignal.timeout(timeoutMs) },
        );
        const text = acceptablePhrasing(completion.choices?.[0]?.message?.content, answer);
        log?.debug({ model: modelName, ms: Date.now() - started, used: text !== null }, 'guidance phrasing');
        return text === null ? null : { text, model: modelName };
      } catch (err) {
        const timedOut = err instanceof OpenAI.APIConnectionTimeoutError || err instanceof OpenAI.APIUserAbortError;
        const status = err instanceof OpenAI.APIError ? err.status : undefined;
        log?.warn(
          { model: modelName, timeoutMs, status, err: timedOut ? 'timed out' : err instanceof Error ? err.message : String(err) },
          'guidance phrasing failed; using the retrieval answer',
        );
        return null;
      }
    },
  };
}

/** The retrieved guidance as the model sees it: nothing but the entry or passage that answered. */
export function guidanceText(answer: GuidanceAnswer): string {
  const lines = ['Guidance:'];
  if (answer.passage) {
    lines.push(`${answer.passage.docTitle}, ${answer.passage.section}:`, answer.passage.text.slice(0, MAX_PASSAGE_CHARS));
  } else {
    lines.push(answer.answer ?? '');
    (answer.steps ?? []).forEach((step, i) => lines.push(`${i + 1}. ${step.who}: ${step.what}${step.when ? ` (${step.when})` : ''}`));
  }
  lines.push('', `Question: ${answer.question.slice(0, 500)}`);
  return lines.join('\n');
}

/** One line of plain text of sensible length that keeps the guidance's figures, or null. */
function acceptablePhrasing(content: unknown, answer: GuidanceAnswer): string | null {
  if (typeof content !== 'string') return null;
  const text = content.replace(/\s+/g, ' ').trim();
  if (text.length < 10 || text.length > MAX_PHRASED_LENGTH || text.includes(NO_ANSWER)) return null;
  return keepsFigures(text, answer) ? text : null;
}

const NUMBER_WORDS = ['one', 'two', 'three', 'four', 'five', 'six', 'seven', 'eight', 'nine', 'ten', 'eleven', 'twelve'];
/** The numbers a text states, digits and words alike ("5 days" and "five days" are both 5). */
export function figuresIn(text: string): Set<string> {
  const found = new Set<string>();
  for (const [word] of text.toLowerCase().matchAll(/\b(\d+|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve)\b/g)) {
    const at = NUMBER_WORDS.indexOf(word);
    found.add(at >= 0 ? String(at + 1) : String(Number(word)));
  }
  return found;
}

/**
 * A wording must keep every figure of the retrieved headline ("within 5 working days") and add none
 * the retrieved guidance does not give: a timescale lost or made up in the headline would mislead
 * more than the plain retrieved wording.
 */
function keepsFigures(text: string, answer: GuidanceAnswer): boolean {
  const said = figuresIn(text);
  const headline = figuresIn(answer.answer ?? '');
  const guidance = figuresIn(guidanceText(answer).split('\nQuestion:')[0]!);
  return [...headline].every((n) => said.has(n)) && [...said].every((n) => guidance.has(n));
}
