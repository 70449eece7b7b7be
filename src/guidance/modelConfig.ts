// Settings for the optional model that may word guidance answers (see phrasing.ts). Kept apart
// from phrasing.ts so that src/config.ts can validate them without loading the openai SDK.
import { z } from 'zod';

const blankToUndefined = (v: unknown) => (typeof v === 'string' && v.trim() === '' ? undefined : v);
const optionalString = z.preprocess(blankToUndefined, z.string().trim().optional());
const optionalUrl = (message: string) => z.preprocess(blankToUndefined, z.string().trim().url(message).optional());

const AZURE_VARIABLES = ['AZURE_OPENAI_ENDPOINT', 'AZURE_OPENAI_API_KEY', 'AZURE_OPENAI_DEPLOYMENT'] as const;

/** The environment variables for model phrasing, as a zod shape that src/config.ts can spread in. */
export const guidanceModelConfigShape = {
  AZURE_OPENAI_ENDPOINT: z.preprocess(
    blankToUndefined,
    z
      .string()
      .trim()
      .regex(/^https:\/\/\S+$/i, 'the Azure OpenAI resource URL, starting https:// (e.g. https://my-resource.openai.azure.com)')
      .optional(),
  ),
  AZURE_OPENAI_API_KEY: optionalString,
  AZURE_OPENAI_DEPLOYMENT: optionalString,
  AZURE_OPENAI_API_VERSION: z.preprocess(blankToUndefined, z.string().trim().default('2024-10-21')),
  OPENAI_API_KEY: optionalString,
  OPENAI_BASE_URL: optionalUrl('a URL (an OpenAI-compatible API, e.g. https://api.openai.com/v1)'),
  OPENAI_MODEL: z.preprocess(blankToUndefined, z.string().trim().default('gpt-4o-mini')),
};

type GuidanceModelShape = z.infer<z.ZodObject<typeof guidanceModelConfigShape>>;

/** The three Azure variables go together: a partial set is a mistake, not "no model". */
export function checkGuidanceModelConfig(cfg: GuidanceModelShape, ctx: z.RefinementCtx): void {
  const set = AZURE_VARIABLES.filter((name) => cfg[name] !== undefined);
  if (set.length === 0 || set.length === AZURE_VARIABLES.length) return;
  for (const name of AZURE_VARIABLES.filter((n) => cfg[n] === undefined)) {
    ctx.addIssue({ code: 'custom', path: [name], message: `a value too: ${AZURE_VARIABLES.join(', ')} are set together (${set.join(', ')} set)` });
  }
}

export const guidanceModelConfigSchema = z.object(guidanceModelConfigShape).superRefine(checkGuidanceModelConfig);

export type GuidanceModelConfig = z.infer<typeof guidanceModelConfigSchema>;

export type GuidanceModelSettings =
  { provider: 'azure'; endpoint: string; apiKey: string; deployment: string; apiVersion: string } | { provider: 'openai'; apiKey: string; baseUrl?: string; model: string };

/** Which model is configured, if any. Azure wins when both are set. */
export function guidanceModelSettings(cfg: GuidanceModelConfig): GuidanceModelSettings | null {
  if (cfg.AZURE_OPENAI_ENDPOINT && cfg.AZURE_OPENAI_API_KEY && cfg.AZURE_OPENAI_DEPLOYMENT) {
    return {
      provider: 'azure',
      endpoint: cfg.AZURE_OPENAI_ENDPOINT,
      apiKey: cfg.AZURE_OPENAI_API_KEY,
      deployment: cfg.AZURE_OPENAI_DEPLOYMENT,
      apiVersion: cfg.AZURE_OPENAI_API_VERSION,
    };
  }
  if (cfg.OPENAI_API_KEY) return { provider: 'openai', apiKey: cfg.OPENAI_API_KEY, baseUrl: cfg.OPENAI_BASE_URL, model: cfg.OPENAI_MODEL };
  return null;
}
