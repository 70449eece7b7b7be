// Structured logs. Records carry case references and roster ids, never a child's name; the
// redaction below is a second line of defence for fields that might hold one.
import pino from 'pino';
import type { Logger } from './services/context';

export function createLogger(level: string): Logger & pino.Logger {
  return pino({
    level,
    base: { service: 'placement-stability-bot' },
    redact: { paths: ['*.name', '*.childName', '*.text', 'name', 'childName'], censor: '[redacted]' },
  });
}
