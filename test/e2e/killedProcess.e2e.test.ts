// Issue 7: the bot process killed (SIGKILL) between writing a decision and sending its
// notifications; after a restart each notification is sent, once. A real process
// (`node -r ts-node/register/transpile-only src/index.ts`, local mode, as `npm start` runs it),
// real HTTP into /api/messages, the Teams connector faked in this test process.
//
// Which window each test covers:
// - "killed while the notifications are being sent" (embedded store): the decision and its effects
//   are in the store (pendingEffects cleared, the messages queued in the outbox) and the sender is
//   in the middle of the first send, which the connector holds open: that entry is claimed under a
//   lease, the others still wait. The restart takes over the dead process's lock on DATA_DIR; the
//   waiting entries go at once, the claimed one when its lease runs out (OUTBOX_LEASE_MS, short
//   here, so the test need not wait the default minute).
// - "killed before the effects were queued" (MongoDB): the narrower window, after the decision's
//   version-checked update (and its audit entry and follow-up tasks, written before any message is
//   queued) but before its pending effect put anything in the outbox. Reached without test hooks
//   in the bot: its MongoDB traffic goes through a proxy in this test that holds the first `insert`
//   into `outbox` after Approve is pressed. The restart finds the pending effect (the effects
//   runner's resumeAllEffects), queues the messages and sends each once.
// - Every other window, for every record kind (move requests, alerts, meetings), is covered without
//   a process by the effects runner's table-driven test, test/services/effectsRunner.test.ts: each
//   step of each kind's story killed before its first insert into the audit log, the tasks or the
//   outbox, restarted, and compared with a clean run (and two instances resuming at once).
import { mkdtempSync, readFileSync } from 'node:fs';
import http from 'node:http';
import net from 'node:net';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { openEmbeddedStore } from '../../src/store/embeddedStore';
import { openMongoStore } from '../../src/store/mongoStore';
import { openRecords, type AuditDoc, type MoveRequestDoc, type OutboxDoc, type Records } from '../../src/store/records';
import { PEOPLE } from '../support/botHarness';
import { cardActions, cardText, FakeConnector, firstCard, TeamsUser, type SentActivity } from '../support/fakeTeams';
import { startWireServer, type WireServer } from '../support/mongoWire';
import { validMoveForm } from '../support/moveForm';
import { killBotProcesses, listeningPort, startBotProcess as startProcess, waitUntil, type BotProcess } from '../support/processes';

/** Short enough that the restarted process re-sends the dead process's claimed entry within the test. */
const LEASE_MS = 2000;

// ---------------------------------------------------------------------------------------------
// The bot process

/** The bot in local mode on a free port, with a short outbox lease. */
const startBotProcess = (env: Record<string, string>): BotProcess => startProcess({ PORT: '0', BOT_ID: '', OUTBOX_LEASE_MS: String(LEASE_MS), ...env });

/** The pino lines of a process's log, parsed. */
const logLines = (bot: BotProcess): Array<Record<string, unknown>> =>
  bot
    .output()
    .split('\n')
    .filter((l) => l.startsWith('{'))
    .map((l) => JSON.parse(l));

// ---------------------------------------------------------------------------------------------
// The connector, with a gate that can hold the bot's sends open

/**
 * Sits in front of the fake connector (the users' activities carry its address as serviceUrl, so
 * the bot replies and sends proactive messages here). Passes everything through, except that while
 * `holding` each message the bot sends or updates is held open: never answered, never recorded.
 */
class ConnectorGate {
  holding = false;
  readonly held: string[] = [];
  private server: http.Server | null = null;
  url = '';

  /** `upstream`: the fake connector's own address. */
  constructor(private readonly upstream: string) {}

  async start(): Promise<void> {
    this.server = http.createServer((req, res) => {
      let body = '';
      req.on('data', (chunk) => (body += chunk));
      req.on('end', () => {
        const isMessage = ['POST', 'PUT'].includes(req.method ?? '') && /^\/v3\/conversations\/[^/]+\/activities/.test(decodeURIComponent(req.url ?? ''));
        if (this.holding && isMessage) {
          this.held.push(`${req.method} ${decodeURIComponent(req.url ?? '')}`);
          return; // no answer: the bot waits, as for a connector that hangs
        }
        fetch(new URL(req.url ?? '/', this.upstream), { method: req.method, headers: { 'content-type': 'application/json' }, body: body || undefined })
          .then(async (answer) => {
            res.writeHead(answer.status, { 'content-type': answer.headers.get('content-type') ?? 'application/json' });
            res.end(await answer.text());
          })
          .catch(() => res.destroy());
      });
    });
    await new Promise<void>((resolve) => this.server!.listen(0, '127.0.0.1', resolve));
    this.url = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}/`;
  }

  async stop(): Promise<void> {
    this.server?.closeAllConnections();
    await new Promise<void>((resolve) => this.server?.close(() => resolve()));
  }
}

// ---------------------------------------------------------------------------------------------
// A MongoDB proxy that can hold one command

/** The BSON of a command's first element `<command>: "<collection>"`, as the driver sends it. */
function commandOn(command: string, collection: string): Buffer {
  const length = Buffer.alloc(4);
  length.writeInt32LE(Buffer.byteLength(collection) + 1);
  return Buffer.concat([Buffer.from([0x02]), Buffer.from(`${command}\0`), length, Buffer.from(`${collection}\0`)]);
}

/**
 * A TCP proxy in front of the MongoDB-wire server. `holdNext(command)` holds the next wire message
 * that carries that command: it never reaches the database, nor does anything after it on that
 * connection, and the bot's operation waits for an answer that never comes.
 */
class WireGate {
  held = 0;
  private holdMatching: Buffer | null = null;
  private server: net.Server | null = null;
  private readonly sockets = new Set<net.Socket>();
  port = 0;

  constructor(private readonly upstreamPort: number) {}

  holdNext(command: Buffer): void {
    this.holdMatching = command;
  }

  async start(): Promise<void> {
    this.server = net.createServer((client) => {
      const upstream = net.connect(this.upstreamPort, '127.0.0.1');
      for (const socket of [client, upstream]) {
        this.sockets.add(socket);
        socket.on('error', () => undefined);
        socket.on('close', () => {
          this.sockets.delete(socket);
          client.destroy();
          upstream.destroy();
        });
      }
      upstream.pipe(client);
      let pending = Buffer.alloc(0);
      let holding = false;
      client.on('data', (chunk: Buffer) => {
        if (holding) return;
        pending = Buffer.concat([pending, chunk]);
        // Wire messages start with their int32 length.
        while (pending.length >= 4 && pending.length >= pending.readInt32LE(0)) {
          const message = pending.subarray(0, pending.readInt32LE(0));
          pending = pending.subarray(message.length);
          if (this.holdMatching && message.includes(this.holdMatching)) {
            this.holdMatching = null;
            this.held++;
            holding = true;
            return;
          }
          upstream.write(message);
        }
      });
    });
    await new Promise<void>((resolve) => this.server!.listen(0, '127.0.0.1', resolve));
    this.port = (this.server.address() as AddressInfo).port;
  }

  async stop(): Promise<void> {
    for (const socket of this.sockets) socket.destroy();
    await new Promise<void>((resolve) => this.server?.close(() => resolve()));
  }
}

// ---------------------------------------------------------------------------------------------
// The embedded store's files, read without opening the store (opening it rewrites the files)

/** The documents of a nedb file as they stand: each line is a document's latest state. */
function readNedb<T extends { _id: string }>(dataDir: string, collection: string): T[] {
  const docs = new Map<string, T>();
  let text: string;
  try {
    text = readFileSync(path.join(dataDir, `${collection}.db`), 'utf8');
  } catch {
    return [];
  }
  for (const line of text.split('\n')) {
    if (!line.trim()) continue;
    const doc = JSON.parse(line);
    if (doc.$$deleted) docs.delete(doc._id);
    else if (typeof doc._id === 'string') docs.set(doc._id, doc);
  }
  return [...docs.values()];
}

// ---------------------------------------------------------------------------------------------
// The move request and what its approval should deliver

interface Cast {
  sam: TeamsUser;
  hana: TeamsUser;
  harry: TeamsUser;
  pat: TeamsUser;
}

function castOn(connector: FakeConnector, botUrl: () => string): Cast {
  return {
    sam: new TeamsUser(PEOPLE.sam, botUrl, connector),
    hana: new TeamsUser(PEOPLE.hana, botUrl, connector),
    harry: new TeamsUser(PEOPLE.harry, botUrl, connector),
    pat: new TeamsUser(PEOPLE.pat, botUrl, connector),
  };
}

/** Everyone opens the bot once (so it can write to them); Sam asks for a move; both Heads of Service get the card. */
async function requestMove(connector: FakeConnector, cast: Cast): Promise<string> {
  for (const user of [cast.hana, cast.harry, cast.pat]) await user.say('hi');
  await cast.sam.say('request a move');
  const submitted = await cast.sam.pressButton('Send for approval', validMoveForm());
  expect(submitted.status).toBe(200);
  expect(cardText(submitted.body.value)).toContain('Sent for approval as PM-');
  const ref = /PM-\d{4}-\d{4}/.exec(cardText(submitted.body.value))![0];
  for (const approver of [cast.hana, cast.harry]) {
    await connector.waitFor(() =>
      connector.sentTo(approver.conversationId).find((a) => a.kind === 'send' && cardText(firstCard(a.activity)).includes(`Placement move request ${ref}`)),
    );
  }
  await connector.waitFor(() =>
    connector.sentTo(cast.sam.conversationId).find((a) => cardText(firstCard(a.activity)).includes(`${ref} for Jamie Example (CR-1001) sent for approval`)),
  );
  return ref;
}

/** What the connector received about the approval of `ref`, per notification. */
function decisionDeliveries(connector: FakeConnector, cast: Cast, ref: string) {
  const notices = (user: TeamsUser, text: string) => connector.sentTo(user.conversationId).filter((a) => a.kind === 'send' && cardText(firstCard(a.activity)).includes(text));
  const updates = (user: TeamsUser) => connector.sentTo(user.conversationId).filter((a) => a.kind === 'update');
  return {
    requesterTold: notices(cast.sam, `${ref} for Jamie Example (CR-1001) approved by Hana Head`),
    placementsTold: notices(cast.pat, `${ref} authorised: you may now look for a placement`),
    hanaCardUpdated: updates(cast.hana),
    harryCardUpdated: updates(cast.harry),
  };
}

type Deliveries = ReturnType<typeof decisionDeliveries>;
const allDelivered = (d: Deliveries) => Object.values(d).every((list) => list.length > 0);

/** Each notification of the decision was delivered exactly once, and the card copies show the outcome. */
function expectEachDeliveredOnce(d: Deliveries): void {
  expect(Object.fromEntries(Object.entries(d).map(([name, list]) => [name, list.length]))).toEqual({
    requesterTold: 1,
    placementsTold: 1,
    hanaCardUpdated: 1,
    harryCardUpdated: 1,
  });
  for (const update of [...d.hanaCardUpdated, ...d.harryCardUpdated] as SentActivity[]) {
    expect(cardText(firstCard(update.activity))).toContain('Approved by Hana Head');
    expect(cardActions(firstCard(update.activity)).has('Approve')).toBe(false);
  }
}

/** After the restarted bot has stopped: one decision, one audit entry, each follow-up task created once, every message sent. */
async function expectStoredOnce(records: Records, ref: string): Promise<void> {
  const request = (await records.moveRequests.get(ref))!;
  expect(request).toMatchObject({ state: 'approved', decision: { outcome: 'approved', byName: 'Hana Head' }, pendingEffects: [] });
  const audit = await records.audit.find({ subject: ref });
  expect(audit.filter((e) => e.action === 'move.approved')).toHaveLength(1);
  const tasks = await records.tasks.find({ sourceRef: ref });
  expect(tasks.length).toBeGreaterThan(0);
  expect(
    audit
      .filter((e) => e.action === 'task.created')
      .map((e) => e.details.task)
      .sort(),
  ).toEqual(tasks.map((t) => t._id).sort());
  const messages = await records.outbox.find({ subjectRef: ref });
  expect(messages.filter((m) => m.state !== 'sent').map((m) => `${m._id}: ${m.state}`)).toEqual([]);
}

// ---------------------------------------------------------------------------------------------

describe('the bot process killed between a decision and its notifications', () => {
  let connector: FakeConnector;
  let gate: ConnectorGate;
  const cleanups: Array<() => Promise<void>> = [];

  beforeEach(async () => {
    connector = new FakeConnector();
    await connector.start();
    gate = new ConnectorGate(connector.url);
    await gate.start();
    // Users' activities carry the gate's address as serviceUrl: the bot's messages all pass it.
    connector.url = gate.url;
  });

  afterEach(async () => {
    killBotProcesses();
    await gate.stop();
    await connector.stop();
    for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
  });

  test('killed while the notifications are being sent: after a restart on the same data, each is delivered once', async () => {
    const dataDir = mkdtempSync(path.join(tmpdir(), 'psb-killed-'));
    const first = startBotProcess({ DATA_DIR: dataDir });
    let botUrl = `http://127.0.0.1:${await listeningPort(first)}`;
    expect(first.output()).toContain('loaded the made-up example roster'); // local mode, empty store: examples/
    const cast = castOn(connector, () => botUrl);
    const ref = await requestMove(connector, cast);
    // The request's messages are recorded as sent before the connector stops answering (with Sam's
    // form, which became the request's card: recorded as a copy already shown).
    await waitUntil("the request's messages to be recorded as sent", () => {
      const messages = readNedb<OutboxDoc>(dataDir, 'outbox').filter((m) => m.subjectRef === ref);
      return messages.length === 4 && messages.every((m) => m.state === 'sent');
    });

    gate.holding = true;
    const decided = await cast.hana.pressButton('Approve', { comment: '' }, { on: ref });
    expect(cardText(decided.body.value)).toContain('Your decision is recorded');
    expect(cardText(decided.body.value)).toContain('Approved by Hana Head');
    await waitUntil('the bot to start sending a notification', () => gate.held.length > 0);
    first.child.kill('SIGKILL');
    expect(await first.exited).toEqual({ code: null, signal: 'SIGKILL' });
    expect(gate.held).toHaveLength(1); // the sender sends one at a time: the rest were still waiting

    // What the dead process left: the decision and its queued messages, none of them sent.
    const request = readNedb<MoveRequestDoc>(dataDir, 'move_requests').find((r) => r._id === ref)!;
    expect(request).toMatchObject({ state: 'approved', decision: { outcome: 'approved', byName: 'Hana Head' }, pendingEffects: [] });
    expect(readNedb<AuditDoc>(dataDir, 'audit').filter((e) => e.subject === ref && e.action === 'move.approved')).toHaveLength(1);
    const queued = readNedb<OutboxDoc>(dataDir, 'outbox').filter((m) => m.subjectRef === ref && m.state !== 'sent');
    expect(queued.map((m) => m._id.replace(/:update:v\d+$/, ':update')).sort()).toEqual(
      [
        `${ref}:approval:hana.head@example.org:update`,
        `${ref}:approval:harry.hos@example.org:update`,
        `${ref}:card:requester:update`,
        `${ref}:approved:placements:pat.placements@example.org`,
        `${ref}:decision:requester`,
      ].sort(),
    );
    expect(queued.map((m) => m.state).sort()).toEqual(['pending', 'pending', 'pending', 'pending', 'sending']);
    expect(allDelivered(decisionDeliveries(connector, cast, ref))).toBe(false);
    expect(Object.values(decisionDeliveries(connector, cast, ref)).flat()).toEqual([]);
    expect(JSON.parse(readFileSync(path.join(dataDir, '.lock'), 'utf8')).pid).toBe(first.child.pid);

    // Restart on the same data, the connector answering again. The dead process's lock is taken over.
    gate.holding = false;
    const second = startBotProcess({ DATA_DIR: dataDir });
    botUrl = `http://127.0.0.1:${await listeningPort(second)}`;
    await waitUntil('every notification of the decision', () => allDelivered(decisionDeliveries(connector, cast, ref)));
    // Nothing further can arrive once the outbox holds nothing unsent for the request.
    await waitUntil('the outbox to hold nothing unsent for the request', () =>
      readNedb<OutboxDoc>(dataDir, 'outbox')
        .filter((m) => m.subjectRef === ref)
        .every((m) => m.state === 'sent'),
    );
    expectEachDeliveredOnce(decisionDeliveries(connector, cast, ref));
    expect(gate.held).toHaveLength(1);

    second.child.kill('SIGTERM');
    expect((await second.exited).code).toBe(0);
    const store = await openEmbeddedStore(dataDir);
    cleanups.push(() => store.close());
    await expectStoredOnce(await openRecords(store), ref);
  }, 300_000);

  test('killed after the decision was written but before its effects were queued: the restart queues and sends each once', async () => {
    const wire: WireServer = await startWireServer();
    cleanups.push(() => wire.stop());
    const mongo = new WireGate(Number(/127\.0\.0\.1:(\d+)/.exec(wire.uri)![1]));
    await mongo.start();
    cleanups.push(() => mongo.stop());
    const env = {
      MONGODB_URI: `mongodb://127.0.0.1:${mongo.port}/?directConnection=true&serverMonitoringMode=poll`,
      MONGODB_DB: 'psb_killed_process',
      DATA_DIR: mkdtempSync(path.join(tmpdir(), 'psb-killed-mongo-')),
    };
    const first = startBotProcess(env);
    let botUrl = `http://127.0.0.1:${await listeningPort(first)}`;
    const cast = castOn(connector, () => botUrl);
    const ref = await requestMove(connector, cast);

    // Approve; the bot writes the decision, then stops at its first outbox insert, and is killed there.
    mongo.holdNext(commandOn('insert', 'outbox'));
    const pressed = cast.hana.pressButton('Approve', { comment: '' }, { on: ref }).then(
      () => 'answered',
      () => 'no answer',
    );
    await waitUntil("the bot to queue the decision's first message", () => mongo.held > 0);
    first.child.kill('SIGKILL');
    expect(await first.exited).toEqual({ code: null, signal: 'SIGKILL' });
    expect(await pressed).toBe('no answer'); // Hana's press got no answer: Teams would show an error

    // What the dead process left: the decision with its effect still pending, and nothing queued.
    const direct = await openMongoStore(wire.uri, env.MONGODB_DB, { serverSelectionTimeoutMS: 5000 });
    cleanups.push(() => direct.close());
    const records = await openRecords(direct);
    expect(await records.moveRequests.get(ref)).toMatchObject({ state: 'approved', decision: { outcome: 'approved', byName: 'Hana Head' }, pendingEffects: ['decided'] });
    expect(await records.audit.count({ subject: ref, action: 'move.approved' })).toBe(1);
    expect((await records.outbox.find({ subjectRef: ref })).map((m) => m._id).sort()).toEqual(
      [`${ref}:approval:hana.head@example.org`, `${ref}:approval:harry.hos@example.org`, `${ref}:card:requester`, `${ref}:requested:requester`].sort(),
    );
    expect(Object.values(decisionDeliveries(connector, cast, ref)).flat()).toEqual([]);

    const second = startBotProcess(env);
    botUrl = `http://127.0.0.1:${await listeningPort(second)}`;
    expect(logLines(second).find((l) => l.msg === 'finished effects left by a previous run')).toMatchObject({ resumed: 1 });
    await waitUntil('every notification of the decision', () => allDelivered(decisionDeliveries(connector, cast, ref)));
    // Pressing Approve again (on the card as it was, a double click) shows the decision that was stored, and changes nothing.
    const again = await cast.hana.press('move.decide', { ref, outcome: 'approved', comment: '' });
    expect(cardText(again.body.value)).toContain(`${ref} was already approved by Hana Head`);
    // Nothing further can arrive once the outbox holds nothing unsent for the request.
    await waitUntil('the outbox to hold nothing unsent for the request', async () => (await records.outbox.find({ subjectRef: ref })).every((m) => m.state === 'sent'));
    expectEachDeliveredOnce(decisionDeliveries(connector, cast, ref));

    second.child.kill('SIGTERM');
    expect((await second.exited).code).toBe(0);
    await expectStoredOnce(records, ref);
  }, 300_000);
});
