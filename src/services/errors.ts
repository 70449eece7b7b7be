// The ways a use case can refuse. Doors (chat, CLI) turn each into a clear message.
import type { FieldErrors } from '../domain/moves';

export class NotOnRosterError extends Error {
  constructor() {
    super('You are not set up to use the Placement Stability Bot.');
    this.name = 'NotOnRosterError';
  }
}

/** Thrown by `authorize` (src/domain/permissions.ts), where every permission rule lives. */
export { NotPermittedError } from '../domain/permissions';

export class NotFoundError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'NotFoundError';
  }
}

/** Bad input: a message per field, nothing stored. */
export class InvalidInputError extends Error {
  constructor(readonly fields: FieldErrors) {
    super(Object.values(fields).join(' ') || 'Some answers need attention.');
    this.name = 'InvalidInputError';
  }
}

/** The record changed state in a way that makes the action pointless (e.g. already decided). */
export class ConflictError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ConflictError';
  }
}
