// Model phrasing against a local OpenAI-compatible endpoint on 127.0.0.1: the OpenAI and Azure
// request shapes, what the model is shown, and the fallback to the retrieval answer on errors,
// hangs and unusable replies. No test touches the network.
import http from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import {
  createGuidancePhraser,
  figuresIn,
  DEFAULT_PHRASING_TIMEOUT_MS,
  guidanceModelConfigSchema,
  guidanceModelSettings,
  type GuidanceModelConfig,
  type GuidancePhraserOptions,
} from '../../src/guidance/phrasing';
import { GuidanceIndex } from '../../src/guidance/search';
import { silentLogger } from '../../src/services/context';
import { answerQuestion } from '../../src/services/guidance';

interface SeenRequest {
  method: string;
  url: string;
  headers: http.IncomingHttpHeaders;
  body: { model?: string; messages: Array<{ role: string; content: string }> };
}

type Behaviour = { kind: 'reply'; content: string | null } | { kind: 'status'; status: number } | { kind: 'hang' };

/** A tiny OpenAI-compatible chat completions endpoint (OpenAI and Azure paths). */
class FakeModelServer {
  readonly seen: SeenRequest[] = [];
  behaviour: Behaviour = { kind: 'reply', content: 'A Head of Service or the approving panel has to agree the move.' };
  private readonly server = http.createServer((req, res) => this.handle(req, res));
  private readonly sockets = new Set<Socket>();

  async start(): Promise<string> {
    this.server.on('connection', (socket) => {
      this.sockets.add(socket);
      socket.on('close', () => this.sockets.delete(socket));
    });
    await new Promise<void>((resolve) => this.server.listen(0, '127.0.0.1', resolve));
    return `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
  }

  async stop(): Promise<void> {
    for (const socket of this.sockets) socket.destroy();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  private handle(req: http.IncomingMessage, res: http.ServerResponse): void {
    let raw = '';
    req.on('data', (chunk) => (raw += chunk));
    req.on('end', () => {
      this.seen.push({ method: req.method ?? '', url: req.url ?? '', headers: req.headers, body: JSON.parse(raw || '{}') });
      const chatPath = /^\/(v1\/chat\/completions|openai\/deployments\/[^/]+\/chat\/completions)(\?|$)/.test(req.url ?? '');
      if (req.method !== 'POST' || !chatPath) {
        // Not chained: restify, loaded by other suites in the same Jest worker, patches writeHead to return nothing.
        res.writeHead(404);
        res.end();
        return;
      }
      const b = this.behaviour;
      if (b.kind === 'hang') return; // never answers
      if (b.kind === 'status') {
        res.writeHead(b.status, { 'content-type': 'application/json' });
        res.end(JSON.stringify({ error: { message: 'model unavailable', type: 'server_error' } }));
        return;
      }
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(
        JSON.stringify({
          id: 'chatcmpl-test',
          object: 'chat.completion',
          created: 1,
          model: 'test-model',
          choices: [{ index: 0, finish_reason: 'stop', message: { role: 'assistant', content: b.content } }],
          usage: { prompt_tokens: 1, completion_tokens: 1, total_tokens: 2 },
        }),
      );
    });
  }
}

const AZURE_HOST = 'https://psb-test.openai.azure.com';

describe('guidance model configuration', () => {
  const parse = (env: Record<string, string>) => guidanceModelConfigSchema.safeParse(env);

  it('configures no model when nothing is set (blank values count as unset)', () => {
    const cfg = guidanceModelConfigSchema.parse({ OPENAI_API_KEY: '  ', AZURE_OPENAI_ENDPOINT: '' });
    expect(guidanceModelSettings(cfg)).toBeNull();
    expect(createGuidancePhraser(cfg)).toBeNull();
  });

  it('reads OpenAI settings with a default model', () => {
    const cfg = guidanceModelConfigSchema.parse({ OPENAI_API_KEY: 'sk-test', OPENAI_BASE_URL: 'http://127.0.0.1:9/v1' });
    expect(guidanceModelSettings(cfg)).toEqual({ provider: 'openai', apiKey: 'sk-test', baseUrl: 'http://127.0.0.1:9/v1', model: 'gpt-4o-mini' });
  });

  it('prefers Azure OpenAI when both are set', () => {
    const cfg = guidanceModelConfigSchema.parse({ AZURE_OPENAI_ENDPOINT: AZURE_HOST, AZURE_OPENAI_API_KEY: 'k', AZURE_OPENAI_DEPLOYMENT: 'gpt4o', OPENAI_API_KEY: 'sk' });
    expect(guidanceModelSettings(cfg)).toEqual({ provider: 'azure', endpoint: AZURE_HOST, apiKey: 'k', deployment: 'gpt4o', apiVersion: '2024-10-21' });
  });

  it('names the missing Azure variables when only some are set', () => {
    const result = parse({ AZURE_OPENAI_ENDPOINT: AZURE_HOST });
    expect(result.success).toBe(false);
    expect(result.error!.issues.map((i) => i.path[0]).sort()).toEqual(['AZURE_OPENAI_API_KEY', 'AZURE_OPENAI_DEPLOYMENT']);
  });

  it('refuses an Azure endpoint that is not https and a base URL that is not a URL', () => {
    expect(parse({ AZURE_OPENAI_ENDPOINT: 'http://psb.openai.azure.com', AZURE_OPENAI_API_KEY: 'k', AZURE_OPENAI_DEPLOYMENT: 'd' }).success).toBe(false);
    expect(parse({ OPENAI_API_KEY: 'k', OPENAI_BASE_URL: 'not a url' }).success).toBe(false);
  });

  it('gives the model three seconds by default', () => {
    expect(DEFAULT_PHRASING_TIMEOUT_MS).toBe(3000);
  });
});

describe('guidance phrasing against a local endpoint', () => {
  const index = new GuidanceIndex();
  const question = 'who has to sign off a placement move?';
  const retrieved = index.search(question);
  const entry = index.getEntry('move-approval')!;
  let server: FakeModelServer;
  let baseUrl: string;

  beforeEach(async () => {
    server = new FakeModelServer();
    baseUrl = await server.start();
  });
  afterEach(async () => {
    await server.stop();
  });

  const openAiConfig = (): GuidanceModelConfig => guidanceModelConfigSchema.parse({ OPENAI_API_KEY: 'sk-local', OPENAI_BASE_URL: `${baseUrl}/v1`, OPENAI_MODEL: 'test-model' });
  const openAiPhraser = (options: GuidancePhraserOptions = {}) => createGuidancePhraser(openAiConfig(), options)!;

  it('sends the retrieved entry and the question to /chat/completions and returns the wording', async () => {
    expect(retrieved.entryId).toBe('move-approval');
    const phrased = await openAiPhraser().phrase(retrieved);
    expect(phrased).toEqual({ text: 'A Head of Service or the approving panel has to agree the move.', model: 'test-model' });

    expect(server.seen).toHaveLength(1);
    const [request] = server.seen;
    expect(request!.method).toBe('POST');
    expect(request!.url).toBe('/v1/chat/completions');
    expect(request!.headers.authorization).toBe('Bearer sk-local');
    expect(request!.body.model).toBe('test-model');
    expect(request!.body).toMatchObject({ max_tokens: 200, temperature: 0 });
    const [system, user] = request!.body.messages;
    expect(system!.role).toBe('system');
    expect(system!.content).toMatch(/only the guidance text given/i);
    expect(user!.role).toBe('user');
    expect(user!.content).toContain(entry.answer);
    for (const step of entry.steps) expect(user!.content).toContain(step.what);
    expect(user!.content).toContain(`Question: ${question}`);
    // nothing from other entries
    const other = index.getEntry('placement-search-after-approval')!;
    expect(user!.content).not.toContain(other.answer);
  });

  it('calls Azure OpenAI on its deployment path with an api-key header', async () => {
    const cfg = guidanceModelConfigSchema.parse({ AZURE_OPENAI_ENDPOINT: AZURE_HOST, AZURE_OPENAI_API_KEY: 'azure-key', AZURE_OPENAI_DEPLOYMENT: 'gpt4o-guidance' });
    // AZURE_OPENAI_ENDPOINT must be https (config.ts): the SDK's requests are carried to the local server
    const toLocal = (url: unknown, init: unknown) => fetch(String(url).replace(AZURE_HOST, baseUrl), init as RequestInit);
    const phraser = createGuidancePhraser(cfg, { clientOptions: { fetch: toLocal as never } })!;
    const phrased = await phraser.phrase(retrieved);
    expect(phrased).toEqual({ text: 'A Head of Service or the approving panel has to agree the move.', model: 'gpt4o-guidance' });
    expect(server.seen[0]!.url).toBe('/openai/deployments/gpt4o-guidance/chat/completions?api-version=2024-10-21');
    expect(server.seen[0]!.headers['api-key']).toBe('azure-key');
  });

  it('gives null (keep the retrieval answer) on a 500, after one attempt', async () => {
    server.behaviour = { kind: 'status', status: 500 };
    const warnings: object[] = [];
    const phrased = await openAiPhraser({ log: { ...silentLogger, warn: (obj) => void warnings.push(obj) } }).phrase(retrieved);
    expect(phrased).toBeNull();
    expect(server.seen).toHaveLength(1);
    expect(warnings).toHaveLength(1);
    expect(JSON.stringify(warnings)).not.toContain('sk-local');
  });

  it('gives null on a rate limit', async () => {
    server.behaviour = { kind: 'status', status: 429 };
    expect(await openAiPhraser().phrase(retrieved)).toBeNull();
    expect(server.seen).toHaveLength(1);
  });

  it('gives null when the endpoint hangs, once the timeout has passed', async () => {
    server.behaviour = { kind: 'hang' };
    const started = Date.now();
    expect(await openAiPhraser({ timeoutMs: 300 }).phrase(retrieved)).toBeNull();
    const elapsed = Date.now() - started;
    expect(elapsed).toBeGreaterThanOrEqual(290);
    expect(elapsed).toBeLessThan(2000);
  });

  it('gives null when nothing listens', async () => {
    await server.stop();
    expect(await openAiPhraser().phrase(retrieved)).toBeNull();
    server = new FakeModelServer();
    baseUrl = await server.start();
  });

  it.each([
    ['says the guidance does not answer', 'NO_ANSWER'],
    ['is empty', ''],
    ['is missing', null],
    ['is too long to be a short answer', 'word '.repeat(200)],
  ])('gives null when the reply %s', async (_what, content) => {
    server.behaviour = { kind: 'reply', content };
    expect(await openAiPhraser().phrase(retrieved)).toBeNull();
  });

  it('gives null when the wording loses a figure of the headline or gives one the guidance does not', async () => {
    const timed = index.search('how long do we have to agree the placement plan after an emergency placement?');
    expect(timed.found).toBe(true);
    const figures = [...figuresIn(timed.answer!)];
    expect(figures.length).toBeGreaterThan(0);
    server.behaviour = { kind: 'reply', content: 'Agree the placement plan soon after an emergency placement.' };
    expect(await openAiPhraser().phrase(timed)).toBeNull();
    server.behaviour = { kind: 'reply', content: `Agree the plan within ${figures.join(' or ')} days, and review it within 99 days.` };
    expect(await openAiPhraser().phrase(timed)).toBeNull();
    server.behaviour = { kind: 'reply', content: `${timed.answer} Worded.` };
    expect(await openAiPhraser().phrase(timed)).not.toBeNull();
  });

  it('puts a reply on one line', async () => {
    server.behaviour = { kind: 'reply', content: '  Only a Head of Service\n  can agree it.  ' };
    expect((await openAiPhraser().phrase(retrieved))!.text).toBe('Only a Head of Service can agree it.');
  });

  it('never asks the model about a question the guidance does not cover', async () => {
    const notFound = index.search('how do I claim mileage for a placement visit');
    expect(notFound.found).toBe(false);
    expect(await openAiPhraser().phrase(notFound)).toBeNull();
    expect(server.seen).toHaveLength(0);
  });

  it('shows the model a council passage, not the pack, when a passage answered', async () => {
    const passage = {
      id: 'council:respite.md#respite',
      file: 'respite.md',
      docTitle: 'Kinship Care Procedures (Anytown Council)',
      section: 'Respite for connected carers',
      text: 'Connected carers may ask for up to fourteen nights of respite a year.',
    };
    const withPassage = new GuidanceIndex({ passages: [passage] });
    const answer = withPassage.search('how many nights of respite can connected carers have?');
    expect(answer.passage?.id).toBe(passage.id);
    await openAiPhraser().phrase(answer);
    const user = server.seen[0]!.body.messages[1]!.content;
    expect(user).toContain(passage.text);
    expect(user).toContain('Kinship Care Procedures (Anytown Council), Respite for connected carers');
  });

  describe('through answerQuestion', () => {
    it('adds the wording and keeps the retrieved steps and sources verbatim', async () => {
      const reply = await answerQuestion({ log: silentLogger }, index, question, { phraser: openAiPhraser() });
      expect(reply.phrasedAnswer).toBe('A Head of Service or the approving panel has to agree the move.');
      expect(reply.answer).toBe(entry.answer);
      expect(reply.steps).toEqual(entry.steps);
      expect(reply.sources).toEqual(entry.sources);
    });

    it('falls back to the retrieval answer when the model fails', async () => {
      server.behaviour = { kind: 'status', status: 500 };
      const reply = await answerQuestion({ log: silentLogger }, index, question, { phraser: openAiPhraser() });
      expect(reply.phrasedAnswer).toBeUndefined();
      expect(reply).toEqual(index.search(question));
    });
  });
});
