// HTTP: POST /api/messages for Bot Framework activities, GET /healthz for load balancers, and the
// meeting invitations. Turns in flight are counted so that shutdown can let them finish.
//
// restify's bodyParser is deliberately not used: it mounts a multipart parser that writes uploads
// to the temp folder, and a gzip reader with no error listener, so one bad gzip body stopped the
// process (restify#1785). The one route that takes a body reads it with readJsonBody; every other
// route refuses a body before reading it.
import restify from 'restify';
import type { Server } from 'restify';
import type { Store } from '../store/collection';
import type { Logger } from '../services/context';
import { HttpError, hasBody, readJsonBody } from './jsonBody';

/** Teams activities are small (the service limit is about 100 KB); anything far larger is refused early, counted after decoding. */
export const MAX_BODY_BYTES = 256 * 1024;

/** A load balancer's probe must be answered quickly even when the database hangs: 503 after this. */
export const HEALTH_TIMEOUT_MS = 1000;

/** A client that sends its request slower than this is cut off (Teams waits 15 s for the answer anyway). */
const REQUEST_TIMEOUT_MS = 30_000;

export interface HttpOptions {
  store: Store;
  log: Logger;
  /** Handles one activity (the parsed JSON body); resolves when the turn is over. */
  processActivity: (body: unknown, req: restify.Request, res: restify.Response) => Promise<void>;
  /** How deep the JSON of an activity may nest (arrays and objects one inside another). */
  maxJsonDepth: number;
  /** Figures /healthz adds to its answer (e.g. how many messages could not be delivered); they never change its status. */
  health?: () => Promise<Record<string, number>>;
  /** A meeting's .ics file when the token is right, else null: GET /meetings/{ref}.ics?token=... */
  calendarFile?: (ref: string, token: string) => Promise<string | null>;
}

export interface BotServer {
  server: Server;
  listen(port: number, host: string): Promise<number>;
  /** Stops accepting requests and waits for turns in flight. */
  close(): Promise<void>;
}

export function createHttpServer(options: HttpOptions): BotServer {
  const server = restify.createServer({ name: 'placement-stability-bot', handleUncaughtExceptions: false });
  server.server.requestTimeout = REQUEST_TIMEOUT_MS;
  let inFlight = 0;
  let drained: (() => void) | null = null;

  // Refused requests close the connection, so the rest of a large body is not read for nothing.
  const refuse = (res: restify.Response, status: number, message: string) => {
    res.setHeader('connection', 'close');
    res.send(status, { error: message });
  };

  // Only /api/messages takes a body; elsewhere one is refused unread.
  server.pre((req, res, next) => {
    const takesBody = req.method === 'POST' && /^\/api\/messages\/?$/.test(req.getPath());
    if (takesBody || !hasBody(req)) return next();
    refuse(res, 413, 'this address takes no request body');
    return next(false);
  });

  server.post('/api/messages', async (req, res) => {
    inFlight++;
    try {
      let body: unknown;
      try {
        body = await readJsonBody(req, { maxBytes: MAX_BODY_BYTES, maxDepth: options.maxJsonDepth });
      } catch (err) {
        if (!(err instanceof HttpError)) throw err;
        refuse(res, err.status, err.message);
        return;
      }
      await options.processActivity(body, req, res);
    } catch (err) {
      options.log.error({ err: err instanceof Error ? err.message : String(err) }, 'activity failed');
      if (!res.headersSent) res.send(500);
    } finally {
      inFlight--;
      if (inFlight === 0 && drained) drained();
    }
  });

  // Meeting invitations without Microsoft Graph: a card cannot carry a file, so it links here. The
  // token is unguessable and per meeting; a wrong one gets the same 404 as an unknown meeting.
  server.get('/meetings/:file', async (req, res) => {
    const match = /^([A-Za-z0-9-]{1,40})\.ics$/.exec(String(req.params.file ?? ''));
    const token = new URL(req.url ?? '', 'http://localhost').searchParams.get('token') ?? '';
    const ics = match && options.calendarFile ? await options.calendarFile(match[1], token).catch(() => null) : null;
    if (!ics) {
      res.send(404, { error: 'not found' });
      return;
    }
    res.writeHead(200, {
      'content-type': 'text/calendar; charset=utf-8',
      'content-disposition': `attachment; filename="${match![1]}.ics"`,
      'cache-control': 'no-store',
    });
    res.end(ics);
  });

  server.get('/healthz', async (_req, res) => {
    const answered = await answersWithin(options.store.ping(), HEALTH_TIMEOUT_MS);
    if (!answered) {
      res.send(503, { status: 'unavailable', store: options.store.kind });
      return;
    }
    // Extra figures (the undelivered messages) are best effort: the store answered, so the bot is up.
    let figures: Record<string, number> = {};
    await answersWithin(options.health?.().then((f) => (figures = f)) ?? Promise.resolve(), HEALTH_TIMEOUT_MS);
    res.send(200, { status: 'ok', store: options.store.kind, ...figures });
  });

  return {
    server,
    listen: (port, host) =>
      new Promise((resolve, reject) => {
        server.once('error', reject);
        server.listen(port, host, () => resolve((server.address() as { port: number }).port));
      }),
    close: async () => {
      await new Promise<void>((resolve) => server.close(() => resolve()));
      if (inFlight > 0) await new Promise<void>((resolve) => (drained = resolve));
    },
  };
}

/** Whether `promise` resolves within `ms` (false when it rejects or is still waiting). */
async function answersWithin(promise: Promise<unknown>, ms: number): Promise<boolean> {
  let timer: NodeJS.Timeout | undefined;
  const timedOut = new Promise<false>((resolve) => (timer = setTimeout(() => resolve(false), ms)));
  try {
    return await Promise.race([
      promise.then(
        () => true,
        () => false,
      ),
      timedOut,
    ]);
  } finally {
    clearTimeout(timer);
  }
}
