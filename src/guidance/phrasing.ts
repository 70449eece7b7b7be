// Optional model phrasing of a guidance answer. When an Azure OpenAI or OpenAI model is configured,
// the headline answer may be reworded by the model from the retrieved entry or passage only; the
// steps and sources always stay as retrieved. Any error, refusal, odd output or a reply slower than
// the timeout gives null, and the caller keeps the retrieval answer.
//
// The call goes through teams-ai's OpenAIModel.completePrompt with a PromptTemplate, outside a
// turn: the prompt is made of TextSections (no template expansion of the question or guidance
// text), so the context, memory and functions it is given are never used for rendering.

import {
  OpenAIModel,
  GPTTokenizer,
  Prompt,
  TextSection,
  type AzureOpenAIModelOptions,
  type Memory,
  type OpenAIModelOptions,
  type PromptFunctions,
  type PromptTemplate,
} from '@microsoft/teams-ai';
import { BotAdapter, TurnContext, type Activity, type ConversationReference, type ResourceResponse } from 'botbuilder';
import type { Logger } from '../services/context';
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
  clientOptions?: OpenAIModelOptions['clientOptions'];
}

/** A phraser for the configured model, or null when no model is configured. */
export function createGuidancePhraser(cfg: GuidanceModelConfig, options: GuidancePhraserOptions = {}): GuidancePhraser | null {
  const settings = guidanceModelSettings(cfg);
  if (!settings) return null;
  const timeoutMs = options.timeoutMs ?? DEFAULT_PHRASING_TIMEOUT_MS;
  // One attempt within the time budget: a retry could never finish in time.
  const clientOptions = { ...options.clientOptions, timeout: timeoutMs, maxRetries: 0 };
  const modelName = settings.provider === 'azure' ? settings.deployment : settings.model;
  const model = new OpenAIModel(
    settings.provider === 'azure'
      ? ({
          azureEndpoint: settings.endpoint,
          azureApiKey: settings.apiKey,
          azureDefaultDeployment: settings.deployment,
          azureApiVersion: settings.apiVersion,
          useSystemMessages: true,
          clientOptions,
        } satisfies AzureOpenAIModelOptions)
      : ({
          apiKey: settings.apiKey,
          defaultModel: settings.model,
          endpoint: settings.baseUrl,
          useSystemMessages: true,
          clientOptions,
        } satisfies OpenAIModelOptions),
  );
  const tokenizer = new GPTTokenizer();
  const log = options.log;

  return {
    async phrase(answer) {
      if (!answer.found || !answer.answer) return null;
      const template = phrasingTemplate(answer);
      const started = Date.now();
      let timer: NodeJS.Timeout | undefined;
      const timedOut = new Promise<'timeout'>((resolve) => {
        timer = setTimeout(() => resolve('timeout'), timeoutMs);
      });
      try {
        const context = new TurnContext(new DetachedAdapter(), { type: 'message', text: answer.question });
        const result = await Promise.race([model.completePrompt(context, new ScratchMemory(), NO_FUNCTIONS, tokenizer, template), timedOut]);
        if (result === 'timeout') {
          log?.warn({ model: modelName, timeoutMs }, 'guidance phrasing timed out; using the retrieval answer');
          return null;
        }
        if (result.status !== 'success') {
          log?.warn({ model: modelName, status: result.status, err: result.error?.message }, 'guidance phrasing failed; using the retrieval answer');
          return null;
        }
        const text = acceptablePhrasing(result.message?.content);
        log?.debug({ model: modelName, ms: Date.now() - started, used: text !== null }, 'guidance phrasing');
        return text === null ? null : { text, model: modelName };
      } catch (err) {
        log?.warn({ model: modelName, err: err instanceof Error ? err.message : String(err) }, 'guidance phrasing failed; using the retrieval answer');
        return null;
      } finally {
        clearTimeout(timer);
      }
    },
  };
}

/** The prompt: instructions, then the retrieved guidance and the question, as plain text. */
function phrasingTemplate(answer: GuidanceAnswer): PromptTemplate {
  return {
    name: 'guidance-phrasing',
    prompt: new Prompt([new TextSection(INSTRUCTIONS, 'system'), new TextSection(guidanceText(answer), 'user')]),
    config: {
      schema: 1.1,
      type: 'completion',
      completion: {
        completion_type: 'chat',
        frequency_penalty: 0,
        include_history: false,
        include_input: false,
        include_images: false,
        max_tokens: 200,
        max_input_tokens: 3000,
        presence_penalty: 0,
        temperature: 0,
        top_p: 1,
      },
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

/** One line of plain text of sensible length, or null. */
function acceptablePhrasing(content: unknown): string | null {
  if (typeof content !== 'string') return null;
  const text = content.replace(/\s+/g, ' ').trim();
  if (text.length < 10 || text.length > MAX_PHRASED_LENGTH || text.includes(NO_ANSWER)) return null;
  return text;
}

/** Prompt memory for a call made outside a turn; the model reads `temp.streamer` from it. */
class ScratchMemory implements Memory {
  private readonly values = new Map<string, unknown>();
  deleteValue(path: string): void {
    this.values.delete(path);
  }
  hasValue(path: string): boolean {
    return this.values.has(path);
  }
  getValue<TValue = unknown>(path: string): TValue {
    return this.values.get(path) as TValue;
  }
  setValue(path: string, value: unknown): void {
    this.values.set(path, value);
  }
}

const NO_FUNCTIONS: PromptFunctions = {
  hasFunction: () => false,
  getFunction: (name) => {
    throw new Error(`no prompt function ${name}`);
  },
  invokeFunction: (name) => Promise.reject(new Error(`no prompt function ${name}`)),
};

/** The model is given a turn context but never replies through it. */
class DetachedAdapter extends BotAdapter {
  sendActivities(): Promise<ResourceResponse[]> {
    return Promise.reject(new Error('guidance phrasing cannot send activities'));
  }
  updateActivity(_context: TurnContext, _activity: Partial<Activity>): Promise<void> {
    return Promise.reject(new Error('guidance phrasing cannot update activities'));
  }
  deleteActivity(_context: TurnContext, _reference: Partial<ConversationReference>): Promise<void> {
    return Promise.reject(new Error('guidance phrasing cannot delete activities'));
  }
  continueConversation(): Promise<void> {
    return Promise.reject(new Error('guidance phrasing cannot continue conversations'));
  }
}
