// HTTP: POST /api/messages for Bot Framework activities, GET /healthz for load balancers. Turns
// in flight are counted so that shutdown can let them finish.
import restify from 'restify';
import type { Server } from 'restify';
import type { Store } from '../store/collection';
import type { Logger } from '../services/context';

/** Teams activities are small (the service limit is about 100 KB); anything far larger is refused early. */
export const MAX_BODY_BYTES = 256 * 1024;

export interface HttpOptions {
  store: Store;
  log: Logger;
  /** Handles one activity; resolves when the turn is over. */
  processActivity: (req: restify.Request, res: restify.Response) => Promise<void>;
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
  server.use(restify.plugins.bodyParser({ maxBodySize: MAX_BODY_BYTES, mapParams: false }));
  let inFlight = 0;
  let drained: (() => void) | null = null;

  server.post('/api/messages', async (req, res) => {
    inFlight++;
    try {
      await options.processActivity(req, res);
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
    try {
      await options.store.ping();
      res.send(200, { status: 'ok', store: options.store.kind });
    } catch {
      res.send(503, { status: 'unavailable', store: options.store.kind });
    }
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
