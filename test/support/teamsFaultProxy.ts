// A network proxy between one person's Teams client (a Playground) and the bot, that can make
// Teams refuse the bot's messages to a conversation, as Teams does when the app was removed for
// that person or they blocked it (403). Both real parts stay real: the proxy only forwards,
// except what it is told to refuse.
//
// - The client posts its activities to the proxy's /api/messages; the proxy forwards them to the
//   bot with the activity's serviceUrl pointed at the proxy's /teams/, so the bot's answers and
//   proactive messages come back through the proxy;
// - the proxy forwards /teams/<path> to the client's own service URL, or answers 403 for a
//   conversation it has been told to refuse.
import http from 'node:http';
import type { AddressInfo } from 'node:net';

export interface Refusal {
  method: string;
  path: string;
}

export class TeamsFaultProxy {
  /** What was refused, in order. */
  readonly refused: Refusal[] = [];
  private clientServiceUrl: string | null = null;
  private readonly refusing = new Set<string>();

  private constructor(
    private readonly server: http.Server,
    private readonly botEndpoint: string,
  ) {}

  /** Starts a proxy in front of the bot at `botEndpoint` (…/api/messages). */
  static async start(botEndpoint: string): Promise<TeamsFaultProxy> {
    let proxy: TeamsFaultProxy | null = null;
    const server = http.createServer((req, res) => {
      proxy!.handle(req, res).catch((err: Error) => {
        if (!res.headersSent) res.writeHead(502, { 'content-type': 'text/plain' });
        res.end(`proxy: ${err.message}`);
      });
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    proxy = new TeamsFaultProxy(server, botEndpoint);
    return proxy;
  }

  /** Where the client should send its activities (its "bot endpoint"). */
  get endpoint(): string {
    return `http://127.0.0.1:${(this.server.address() as AddressInfo).port}/api/messages`;
  }

  /** From now on, the bot's messages to this conversation are refused with 403. */
  refuse(conversationId: string): void {
    this.refusing.add(conversationId);
  }

  async stop(): Promise<void> {
    this.server.closeAllConnections();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  private async handle(req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
    const body = await readBody(req);
    const url = req.url ?? '/';
    if (url.startsWith('/api/messages')) {
      const activity = JSON.parse(body.toString('utf8')) as { serviceUrl?: string };
      if (activity.serviceUrl) {
        this.clientServiceUrl = activity.serviceUrl.replace(/\/$/, '');
        activity.serviceUrl = this.endpoint.replace(/\/api\/messages$/, '/teams');
      }
      return forward(req, res, this.botEndpoint, Buffer.from(JSON.stringify(activity)));
    }
    if (url.startsWith('/teams/') && this.clientServiceUrl) {
      const rest = url.slice('/teams'.length);
      const conversation = /\/v3\/conversations\/([^/?]+)/.exec(rest)?.[1];
      if (conversation && this.refusing.has(decodeURIComponent(conversation)) && req.method !== 'GET') {
        this.refused.push({ method: req.method ?? '', path: rest });
        res.writeHead(403, { 'content-type': 'application/json' });
        res.end(JSON.stringify({ error: { code: 'BotDisabledByAdmin', message: 'The bot is not installed for this user.' } }));
        return;
      }
      return forward(req, res, `${this.clientServiceUrl}${rest}`, body);
    }
    res.writeHead(404, { 'content-type': 'text/plain' });
    res.end('proxy: no route');
  }
}

function readBody(req: http.IncomingMessage): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => resolve(Buffer.concat(chunks)));
    req.on('error', reject);
  });
}

async function forward(req: http.IncomingMessage, res: http.ServerResponse, target: string, body: Buffer): Promise<void> {
  const headers: Record<string, string> = {};
  for (const [name, value] of Object.entries(req.headers)) {
    if (typeof value === 'string' && !['host', 'content-length', 'connection', 'transfer-encoding'].includes(name)) headers[name] = value;
  }
  const answer = await fetch(target, { method: req.method, headers, body: req.method === 'GET' || req.method === 'HEAD' ? undefined : body });
  const text = Buffer.from(await answer.arrayBuffer());
  const back: Record<string, string> = {};
  answer.headers.forEach((value, name) => {
    if (!['content-length', 'connection', 'transfer-encoding', 'content-encoding'].includes(name)) back[name] = value;
  });
  res.writeHead(answer.status, back);
  res.end(text);
}
