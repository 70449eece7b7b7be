// Entry point: read the configuration, start the bot, stop cleanly on SIGTERM / SIGINT.
import { ConfigError, loadConfig } from './config';
import { createLogger } from './logger';
import { startBot } from './startBot';
import { StoreLockedError } from './store/embeddedStore';

async function main(): Promise<void> {
  let config;
  try {
    config = loadConfig();
  } catch (err) {
    if (err instanceof ConfigError) {
      process.stderr.write(`${err.message}\nSee .env.example for every setting.\n`);
      process.exit(2);
    }
    throw err;
  }
  const log = createLogger(config.LOG_LEVEL);
  let bot;
  try {
    bot = await startBot(config, { log });
  } catch (err) {
    if (err instanceof StoreLockedError) {
      log.fatal(err.message);
      process.exit(3);
    }
    // A newcomer's most common first failure: one plain line, not a stack trace.
    if ((err as NodeJS.ErrnoException).code === 'EADDRINUSE') {
      // The log is written asynchronously: what it holds comes out first, so this line is the last.
      await new Promise<void>((resolve) => log.flush(() => resolve()));
      process.stderr.write(`port ${config.PORT} is in use: set PORT or stop the other process\n`);
      process.exit(4);
    }
    throw err;
  }
  const shutdown = (signal: string) => {
    log.info({ signal }, 'stopping: finishing turns in flight');
    bot!
      .stop()
      .then(() => process.exit(0))
      .catch((err) => {
        log.error({ err: String(err) }, 'unclean stop');
        process.exit(1);
      });
  };
  process.once('SIGTERM', () => shutdown('SIGTERM'));
  process.once('SIGINT', () => shutdown('SIGINT'));
}

void main();
