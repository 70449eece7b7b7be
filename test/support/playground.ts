// Drives the Microsoft 365 Agents Playground from tests, through its HTTP and WebSocket API. That
// API is undocumented (see STACK-NOTES), so everything that knows its shape stays in this file:
// - POST /_conversation/v1/conversations/{id}/messages: a message typed by the signed-in user;
// - POST /_conversation/v1/invoke: a card button (Action.Execute) pressed; answers the bot's invoke response;
// - GET  /_internal/v1/testConfig: the ids of users, chats, teams and channels;
// - WS   /_ws_conversation/v1/conversations/stream: what the bot sends, as createMessage / updateMessage.
import { spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import http from 'node:http';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Duplex } from 'node:stream';
import {
  PLAYGROUND_BOT,
  PLAYGROUND_READY_MS,
  personalChatId,
  playgroundCli,
  playgroundPerson,
  startPlaygroundProcess,
  writePlaygroundFolder,
  type PlaygroundPerson,
  type PlaygroundProcess,
} from '../../scripts/playgroundSetup';
import { SETTLE_TIMEOUT_MS } from './processes';
import { findReceivedButton, latestCards, type ButtonChoice, type ReceivedCard } from './receivedCards';

export interface PlaygroundMessage {
  action: 'createMessage' | 'updateMessage' | string;
  conversationId: string;
  messageId: string;
  from?: { id: string };
  text?: string;
  attachments?: Array<{ contentType: string; content: any }>;
}

/** The first Adaptive Card of a message the bot sent. */
export const cardOf = (m: PlaygroundMessage | undefined): any => m?.attachments?.find((a) => a.contentType === 'application/vnd.microsoft.card.adaptive')?.content;

/**
 * Why the Playground cannot run here, or null when it can: not installed, or it fails to start
 * (tried once, synchronously, so that a test can be registered as skipped with the reason).
 */
let skipReason: string | null | undefined;
export function playgroundSkipReason(): string | null {
  if (skipReason !== undefined) return skipReason;
  if (!playgroundCli()) return (skipReason = '@microsoft/m365agentsplayground is not installed (a devDependency: run npm install)');
  const dir = writePlaygroundFolder(mkdtempSync(path.join(tmpdir(), 'psb-playground-probe-')), 'sam');
  // A plain node child starts it on a free port and stops it at "Listening on"; the reason for a
  // failure is in its output or, for a bad configuration, only in its log file.
  const probe = `
    const { spawn } = require('node:child_process');
    const { readFileSync } = require('node:fs');
    const args = [${JSON.stringify(playgroundCli())}, '-e', 'http://127.0.0.1:9/api/messages', '-c', 'msteams', '-p', '0', '--disable-telemetry'];
    const child = spawn(process.execPath, args, { env: { ...process.env, TEAMSAPPTESTER_BROWSER: 'none' } });
    let out = '';
    const fail = (why) => {
      let log = '';
      try { log = readFileSync('devTools/m365agentsplayground.log', 'utf8').trim().split('\\n').slice(-3).join(' '); } catch {}
      console.error([why, out.trim(), log].filter(Boolean).join(' ')); process.exit(1);
    };
    const onData = (d) => { out += d; if (/Listening on \\d+/.test(out)) { child.kill(); process.exit(0); } };
    child.stdout.on('data', onData); child.stderr.on('data', onData);
    child.on('exit', (code) => fail('it exited with code ' + code + '.'));
    setTimeout(() => { child.kill(); fail('it did not start within ' + ${PLAYGROUND_READY_MS / 1000} + ' s.'); }, ${PLAYGROUND_READY_MS});`;
  const result = spawnSync(process.execPath, ['-e', probe], { cwd: dir, encoding: 'utf8', timeout: PLAYGROUND_READY_MS + 10_000 });
  rmSync(dir, { recursive: true, force: true });
  skipReason =
    result.status === 0 ? null : `the Microsoft 365 Agents Playground fails to start here: ${(result.stderr || result.error?.message || `exit ${result.status}`).trim()}`;
  return skipReason;
}

/** A receive-only WebSocket client (RFC 6455): Node 20 has no WebSocket client built in. */
function openWebSocket(url: string, onText: (text: string) => void): Promise<{ close(): void }> {
  return new Promise((resolve, reject) => {
    const req = http.request(url.replace(/^ws/, 'http'), {
      headers: { Connection: 'Upgrade', Upgrade: 'websocket', 'Sec-WebSocket-Key': randomBytes(16).toString('base64'), 'Sec-WebSocket-Version': '13' },
    });
    req.once('error', reject);
    req.once('response', (res) => reject(new Error(`WebSocket refused: HTTP ${res.statusCode}`)));
    req.once('upgrade', (_res, socket: Duplex, head: Buffer) => {
      let buffer = head;
      let fragments: Buffer[] = [];
      // Frames from a client must be masked; these are only pongs and the closing frame.
      const send = (opcode: number, payload: Buffer) => {
        const mask = randomBytes(4);
        const masked = Buffer.from(payload.map((b, i) => b ^ mask[i % 4]!));
        socket.write(Buffer.concat([Buffer.from([0x80 | opcode, 0x80 | payload.length]), mask, masked]));
      };
      socket.on('data', (data: Buffer) => {
        buffer = Buffer.concat([buffer, data]);
        for (;;) {
          if (buffer.length < 2) return;
          const [b0, b1] = [buffer[0]!, buffer[1]!];
          let length = b1 & 0x7f;
          let at = 2;
          if (length === 126) {
            if (buffer.length < 4) return;
            length = buffer.readUInt16BE(2);
            at = 4;
          } else if (length === 127) {
            if (buffer.length < 10) return;
            length = Number(buffer.readBigUInt64BE(2));
            at = 10;
          }
          const mask = b1 & 0x80 ? buffer.subarray(at, (at += 4)) : null;
          if (buffer.length < at + length) return;
          const payload = Buffer.from(buffer.subarray(at, at + length));
          if (mask) for (let i = 0; i < payload.length; i++) payload[i]! ^= mask[i % 4]!;
          buffer = buffer.subarray(at + length);
          const opcode = b0 & 0x0f;
          if (opcode === 0x9) send(0xa, payload.subarray(0, 125));
          else if (opcode === 0x8) socket.end();
          else if (opcode === 0x1 || opcode === 0x0) {
            fragments.push(payload);
            if (b0 & 0x80) {
              onText(Buffer.concat(fragments).toString('utf8'));
              fragments = [];
            }
          }
        }
      });
      socket.on('error', () => undefined);
      resolve({
        close: () => {
          if (!socket.destroyed) send(0x8, Buffer.from([0x03, 0xe8]));
          socket.destroy();
        },
      });
    });
    req.end();
  });
}

/** One person's Playground: what they type and press, and what the bot sends them. */
export class Playground {
  /** Every message the bot created or updated in this Playground, in order. */
  readonly messages: PlaygroundMessage[] = [];
  private waiters = new Set<() => void>();
  /** Cards the bot answered a press with (shown in place of the pressed card), with how many messages had come by then. */
  private readonly responses: Array<{ after: number; messageId: string; conversationId: string; card: any }> = [];

  private constructor(
    readonly process: PlaygroundProcess,
    private readonly socket: { close(): void },
    private readonly dir: string,
  ) {}

  static async start(options: { person: string; botEndpoint: string }): Promise<Playground> {
    const dir = writePlaygroundFolder(mkdtempSync(path.join(tmpdir(), `psb-playground-${options.person}-`)), options.person);
    const proc = await startPlaygroundProcess({ cwd: dir, person: playgroundPerson(options.person), botEndpoint: options.botEndpoint });
    let playground: Playground | null = null;
    const early: PlaygroundMessage[] = [];
    // Connect at once: the Playground buffers frames until a client connects, then replays them.
    const socket = await openWebSocket(`ws://127.0.0.1:${proc.port}/_ws_conversation/v1/conversations/stream`, (text) => {
      const frame = JSON.parse(text) as { action?: string; actionConversationId?: string; message?: Omit<PlaygroundMessage, 'action' | 'conversationId'> };
      if (!frame.message || !frame.actionConversationId) return;
      const message = { ...frame.message, action: frame.action ?? '', conversationId: frame.actionConversationId } as PlaygroundMessage;
      if (playground) playground.received(message);
      else early.push(message);
    }).catch(async (err: Error) => {
      await proc.stop();
      throw new Error(`${proc.person.name}'s Playground: its WebSocket did not open: ${err.message}`);
    });
    playground = new Playground(proc, socket, dir);
    early.forEach((m) => playground!.received(m));
    return playground;
  }

  get person(): PlaygroundPerson {
    return this.process.person;
  }

  get personalChat(): string {
    return personalChatId(this.person.key);
  }

  private received(message: PlaygroundMessage): void {
    this.messages.push(message);
    for (const wake of this.waiters) wake();
  }

  private async call(method: string, route: string, body?: unknown): Promise<any> {
    const res = await fetch(`http://127.0.0.1:${this.process.port}${route}`, {
      method,
      headers: body ? { 'content-type': 'application/json' } : {},
      body: body ? JSON.stringify(body) : undefined,
    });
    const text = await res.text();
    if (!res.ok) throw new Error(`Playground ${method} ${route} answered ${res.status}: ${text}`);
    return text ? JSON.parse(text) : null;
  }

  testConfig(): Promise<any> {
    return this.call('GET', '/_internal/v1/testConfig');
  }

  /**
   * The signed-in person types `text` into a conversation (their personal chat by default). In a
   * channel or group chat the bot hears only messages that @mention it, so those get the mention.
   */
  async say(text: string, conversationId = this.personalChat): Promise<{ messageId: string }> {
    const mention = conversationId !== this.personalChat;
    const at = `<at>${PLAYGROUND_BOT.name}</at>`;
    return this.call('POST', `/_conversation/v1/conversations/${encodeURIComponent(conversationId)}/messages`, {
      type: 'text',
      text: mention ? `${at} ${text}` : text,
      textFormat: 'plain',
      from: { id: this.person.id },
      ...(mention ? { mentions: [{ mentioned: { id: PLAYGROUND_BOT.id }, text: at }] } : {}),
    });
  }

  /** Every card this person has received in a conversation (their personal chat by default): the latest version of each, newest first. */
  receivedCards(conversationId = this.personalChat): ReceivedCard[] {
    const versions = [
      ...this.messages.map((m, i) => ({ at: i, conversationId: m.conversationId, messageId: m.messageId, card: cardOf(m) })),
      ...this.responses.map((r) => ({ at: r.after - 0.5, conversationId: r.conversationId, messageId: r.messageId, card: r.card })),
    ];
    return latestCards(versions.filter((v) => v.conversationId === conversationId).sort((a, b) => a.at - b.at));
  }

  /**
   * Presses the button titled `title` on the newest card this person received that has it, with
   * `inputs` typed into the card; refuses when no card they received has it (see receivedCards.ts).
   */
  async pressButton(title: string, inputs: Record<string, unknown> = {}, choice: ButtonChoice & { conversationId?: string } = {}): Promise<any> {
    const conversationId = choice.conversationId ?? this.personalChat;
    const button = findReceivedButton(this.person.name, this.receivedCards(conversationId), title, inputs, choice);
    const response = await this.press(button.messageId, button.verb, button.data, { conversationId });
    if (response?.type === 'application/vnd.microsoft.card.adaptive')
      this.responses.push({ after: this.messages.length, messageId: button.messageId, conversationId, card: response.value });
    return response;
  }

  /** Presses an Action.Execute button on the bot's message `replyToId`; resolves with the bot's invoke response. Flows use pressButton; this is for forged presses. */
  press(replyToId: string, verb: string, data: Record<string, unknown>, options: { conversationId?: string; as?: PlaygroundPerson } = {}): Promise<any> {
    return this.call('POST', '/_conversation/v1/invoke', {
      name: 'adaptiveCard/action',
      value: { action: { type: 'Action.Execute', verb, data } },
      from: { id: (options.as ?? this.person).id },
      conversation: { id: options.conversationId ?? this.personalChat },
      replyToId,
    });
  }

  /** Resolves with the first message (old or new) the predicate accepts. */
  async waitFor(predicate: (m: PlaygroundMessage) => boolean, what: string, timeoutMs = SETTLE_TIMEOUT_MS): Promise<PlaygroundMessage> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const found = this.messages.find(predicate);
      if (found) return found;
      if (Date.now() > deadline) {
        const seen = this.messages.map((m) => `${m.action} ${m.conversationId}: ${m.text ?? JSON.stringify(cardOf(m))?.slice(0, 120)}`).join('\n  ');
        throw new Error(`${this.person.name}'s Playground: no ${what} within ${timeoutMs / 1000} s. Seen:\n  ${seen || '(nothing)'}`);
      }
      await new Promise<void>((resolve) => {
        const wake = () => {
          this.waiters.delete(wake);
          clearTimeout(timer);
          resolve();
        };
        const timer = setTimeout(wake, 100);
        this.waiters.add(wake);
      });
    }
  }

  async stop(): Promise<void> {
    this.socket.close();
    await this.process.stop();
    rmSync(this.dir, { recursive: true, force: true });
  }
}
