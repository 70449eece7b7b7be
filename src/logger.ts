// Structured logs. Records carry case references and roster ids, never a child's name; the
// redaction below is a second line of defence for fields that might hold one.
import pino from 'pino';

/** What the bot logs through: pino in a running bot, silentLogger in tests and the CLI. */
export interface Logger {
  info(obj: object, msg?: string): void;
  warn(obj: object, msg?: string): void;
  error(obj: object, msg?: string): void;
  debug(obj: object, msg?: string): void;
}

export const silentLogger: Logger = { info() {}, warn() {}, error() {}, debug() {} };

export function createLogger(level: string): Logger & pino.Logger {
  return pino({
    level,
    base: { service: 'placement-stability-bot' },
    redact: { paths: ['*.name', '*.childName', '*.text', 'name', 'childName'], censor: '[redacted]' },
  });
}
