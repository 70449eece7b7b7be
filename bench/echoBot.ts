// The baseline for the load bench: a bare echo bot on the same stack as the real one (botbuilder
// TeamsAdapter with the same local-mode credentials, a teams-ai Application, restify with the same
// JSON body reader), with turn state in memory. A message is answered with its own text; a card button
// (Action.Execute) with a small card naming the verb. Runs as its own process and reports its port.
import { Application, TeamsAdapter, TurnState } from '@microsoft/teams-ai';
import { ConfigurationServiceClientCredentialFactory, MemoryStorage } from 'botbuilder';
import restify from 'restify';
import { MAX_BODY_BYTES } from '../src/http/server';
import { readJsonBody } from '../src/http/jsonBody';
import { MAX_ACTIVITY_DEPTH } from '../src/teams/incomingActivity';

async function main(): Promise<void> {
  const adapter = new TeamsAdapter({}, new ConfigurationServiceClientCredentialFactory({ MicrosoftAppType: 'MultiTenant' }));
  const app = new Application<TurnState>({ adapter, botAppId: '', storage: new MemoryStorage(), startTypingTimer: false, removeRecipientMention: true });
  app.activity('message', async (context) => {
    await context.sendActivity(context.activity.text ?? '');
  });
  app.adaptiveCards.actionExecute(/.*/, async (context) => ({
    type: 'AdaptiveCard',
    version: '1.5',
    body: [{ type: 'TextBlock', text: `You pressed ${(context.activity.value as { action?: { verb?: string } })?.action?.verb ?? 'a button'}.`, wrap: true }],
  }));

  const server = restify.createServer({ name: 'echo-bot', handleUncaughtExceptions: false });
  server.post('/api/messages', async (req, res) => {
    req.body = await readJsonBody(req, { maxBytes: MAX_BODY_BYTES, maxDepth: MAX_ACTIVITY_DEPTH });
    await adapter.process(req, res, (context) => app.run(context).then(() => undefined));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
  const port = (server.address() as { port: number }).port;

  process.on('message', (m: { id: number; command: string; gc?: boolean }) => {
    if (m.command === 'memory') {
      if (m.gc && typeof global.gc === 'function') global.gc();
      const usage = process.memoryUsage();
      process.send?.({ id: m.id, result: { rssMb: usage.rss / 1048576, heapMb: usage.heapUsed / 1048576 } });
    }
    if (m.command === 'cpu') {
      const used = process.cpuUsage();
      process.send?.({ id: m.id, result: (used.user + used.system) / 1000 });
    }
    if (m.command === 'stop') server.close(() => process.exit(0));
  });
  process.on('disconnect', () => process.exit(0));
  process.on('SIGTERM', () => process.exit(0));
  process.send?.({ ready: true, port });
}

main().catch((err) => {
  process.send?.({ error: String(err?.stack ?? err) });
  process.exit(1);
});
