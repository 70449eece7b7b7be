// A lean stand-in for the Teams connector service (the bot's serviceUrl), for the load bench: it
// answers what the bot calls back as fast as it can and only counts the calls. Unlike
// test/support/fakeTeams.ts it keeps nothing, so it does not grow over a long soak.
//   POST /v3/conversations/{id}/activities        -> 200 {id}      (a reply or a proactive message)
//   PUT  /v3/conversations/{id}/activities/{aid}  -> 200 {id}      (a card updated in place)
//   POST /v3/conversations                        -> 200 {id, activityId} (a new conversation)
//   GET  /v3/conversations/{id}/members/{member}  -> the member, with an email made from its id
// Run as its own process (bench/run.ts forks it), so the load client and the bot share no event loop with it.
import http from 'node:http';
import type { AddressInfo } from 'node:net';

export interface ConnectorCounts {
  sent: number;
  updated: number;
  conversations: number;
  members: number;
  other: number;
}

/** Member ids the bench uses look like `29:sw-07`; the email is `sw-07@bench.example`. */
export const emailOfMemberId = (id: string): string => `${id.replace(/^29:/, '')}@bench.example`;

export function startConnector(port = 0): Promise<{ port: number; counts: ConnectorCounts; close(): Promise<void> }> {
  const counts: ConnectorCounts = { sent: 0, updated: 0, conversations: 0, members: 0, other: 0 };
  let next = 0;
  const reply = (res: http.ServerResponse, status: number, body: object) => {
    const text = JSON.stringify(body);
    res.writeHead(status, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(text) });
    res.end(text);
  };
  const server = http.createServer((req, res) => {
    const url = req.url ?? '';
    // The body is not needed: drain it and answer.
    req.resume();
    req.on('end', () => {
      const path = url.split('?')[0];
      if (req.method === 'POST' && /^\/v3\/conversations\/[^/]+\/activities(\/[^/]+)?$/.test(path)) {
        counts.sent++;
        return reply(res, 200, { id: `msg-${++next}` });
      }
      if (req.method === 'PUT' && /^\/v3\/conversations\/[^/]+\/activities\/[^/]+$/.test(path)) {
        counts.updated++;
        return reply(res, 200, { id: decodeURIComponent(path.split('/').pop()!) });
      }
      if (req.method === 'POST' && path === '/v3/conversations') {
        counts.conversations++;
        return reply(res, 200, { id: `conv-${++next}`, activityId: `msg-${++next}` });
      }
      const member = /^\/v3\/conversations\/[^/]+\/members\/([^/]+)$/.exec(path);
      if (req.method === 'GET' && member) {
        counts.members++;
        const id = decodeURIComponent(member[1]);
        const email = emailOfMemberId(id);
        return reply(res, 200, { id, name: id, email, userPrincipalName: email });
      }
      counts.other++;
      reply(res, 404, { error: { code: 'NotFound', message: `${req.method} ${path}` } });
    });
  });
  server.keepAliveTimeout = 60_000;
  return new Promise((resolve) => {
    server.listen(port, '127.0.0.1', () =>
      resolve({
        port: (server.address() as AddressInfo).port,
        counts,
        close: () => new Promise<void>((done) => server.close(() => done())),
      }),
    );
  });
}

// As a child process: report the port, answer {command:'counts'}, stop on SIGTERM.
if (require.main === module) {
  void startConnector().then((connector) => {
    process.send?.({ ready: true, port: connector.port });
    process.on('message', (m: { id: number; command: string }) => {
      if (m.command === 'counts') process.send?.({ id: m.id, result: { ...connector.counts } });
    });
    process.on('SIGTERM', () => void connector.close().then(() => process.exit(0)));
    process.on('disconnect', () => process.exit(0));
  });
}
