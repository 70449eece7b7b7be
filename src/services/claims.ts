// Nothing created twice. Two kinds of claim, each a document inserted with a fixed `_id` (the one
// unique key every backend enforces, the MongoDB-wire test server included):
// - a press: the same person pressing the same form again (a double click, a retry after a slow
//   answer) gets the record their first press created, and nothing new is created, sent or invited;
// - the child's open move request: at most one at a time, even when two people submit at once. The
//   same claim carries the press that made it, so a move request needs no claim of its own: one
//   store operation more per request, not three.
import { createHash } from 'node:crypto';
import { DuplicateKeyError } from '../store/collection';
import type { ClaimDoc } from '../store/records';
import type { ServiceContext } from './context';

/** One press of one form: who pressed, the form's message (the activity the card was on) and what it sent. */
export interface Press {
  personId: string;
  formId: string;
}

/**
 * The press, when the form's message is known (Teams gives it as the activity's `replyToId`). What
 * the form sent is part of it: a double click sends the same values twice, while a card replaced in
 * place (an alert's card that convenes one meeting, then later another) sends different ones.
 */
export function pressOf(personId: string, formId: string | null | undefined, sent: unknown): Press | null {
  if (!formId) return null;
  const digest = createHash('sha256').update(stableJson(sent)).digest('base64url').slice(0, 22);
  return { personId, formId: `${formId.slice(0, 200)}:${digest}` };
}

/** JSON with object keys in order, so that the same values give the same text. */
function stableJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(stableJson).join(',')}]`;
  if (value && typeof value === 'object')
    return `{${Object.keys(value)
      .sort()
      .map((k) => `${JSON.stringify(k)}:${stableJson((value as Record<string, unknown>)[k])}`)
      .join(',')}}`;
  return JSON.stringify(value) ?? 'null';
}

export type PressKind = 'move' | 'alert' | 'meeting';
/** The press as one string: the claim's id for an alert or a meeting, and what a move request and its claim record. */
export const pressKey = (kind: PressKind, press: Press) => `press:${kind}:${press.personId}:${press.formId}`;

/**
 * The record an earlier press of the same form created, when there is one. `find` reads a record by
 * its reference.
 */
export async function recordOfEarlierPress<T>(ctx: ServiceContext, kind: PressKind, press: Press | null, find: (ref: string) => Promise<T | null>): Promise<T | null> {
  if (!press) return null;
  const claim = await ctx.records.claims.get(pressKey(kind, press));
  return claim ? find(claim.ref) : null;
}

/**
 * Creates the record of a press once. The press claims the reference it was given before anything is
 * stored; a twin press arriving at the same moment finds the claim and uses the same reference, so
 * the record is stored once (the store refuses the second insert with a DuplicateKeyError, and the
 * one stored is answered). A press whose claim is there but whose record is not (it failed half-way)
 * creates it with the claimed reference. Without a press (no form id) it simply creates.
 */
export async function createOnce<T>(
  ctx: ServiceContext,
  kind: PressKind,
  press: Press | null,
  options: { allocate: () => Promise<string>; find: (ref: string) => Promise<T | null>; create: (ref: string) => Promise<T> },
): Promise<T> {
  if (!press) return options.create(await options.allocate());
  const key = pressKey(kind, press);
  const claimed = await ctx.records.claims.get(key);
  const ref = claimed?.ref ?? (await claim(ctx, key, await options.allocate()));
  try {
    return await options.create(ref);
  } catch (err) {
    if (!(err instanceof DuplicateKeyError)) throw err;
    const stored = await options.find(ref);
    if (!stored) throw err;
    return stored;
  }
}

/** Inserts the claim `key` for `ref`, or answers the reference already claimed under `key`. */
async function claim(ctx: ServiceContext, key: string, ref: string): Promise<string> {
  const doc: ClaimDoc = { _id: key, version: 1, ref, at: ctx.now().toISOString() };
  try {
    await ctx.records.claims.insert(doc);
    return ref;
  } catch (err) {
    if (!(err instanceof DuplicateKeyError)) throw err;
    const first = await ctx.records.claims.get(key);
    if (!first) throw err;
    return first.ref;
  }
}

// ---- the child's open move request ---------------------------------------------------------------

const openMoveKey = (caseRef: string) => `open-move:${caseRef}`;

/**
 * A claim younger than this whose request is not stored yet belongs to a request being made right
 * now; an older one belongs to a press that failed half-way, and may be taken over.
 */
export const UNFINISHED_CLAIM_MS = 2 * 60_000;

/** Who holds the child's open-request claim, when it is not this press: a request still open, or one being made. */
export type OpenMoveHolder = { ref: string; stored: boolean };

/**
 * Claims "the open move request of the child" for `ref`, made by `press` (null without a form id).
 * Answers the reference to create the request under: `ref`, or when the same press claimed it a
 * moment ago (a double click whose twin is still being stored), the twin's. Throws nothing: when
 * someone else holds it, answers who (`held`): a request still open (`stored`), or one being made.
 * A claim whose request has closed (`isOpen` false) or was never stored is taken over.
 */
export async function claimOpenMove(
  ctx: ServiceContext,
  caseRef: string,
  ref: string,
  press: string | null,
  isOpen: (ref: string) => Promise<boolean | null>,
): Promise<{ ref: string } | { held: OpenMoveHolder }> {
  const key = openMoveKey(caseRef);
  for (let attempt = 0; attempt < 5; attempt++) {
    const at = ctx.now().toISOString();
    try {
      await ctx.records.claims.insert({ _id: key, version: 1, ref, at, press });
      return { ref };
    } catch (err) {
      if (!(err instanceof DuplicateKeyError)) throw err;
    }
    const held = await ctx.records.claims.get(key);
    if (!held) continue; // released meanwhile: try again
    if (held.ref === ref || (press && held.press === press)) return { ref: held.ref };
    const open = await isOpen(held.ref);
    if (open) return { held: { ref: held.ref, stored: true } };
    if (open === null && ctx.now().getTime() - Date.parse(held.at) < UNFINISHED_CLAIM_MS) return { held: { ref: held.ref, stored: false } };
    // Its request is closed, or was never stored: the claim is stale. Take it over (once: whoever updates first).
    if (await ctx.records.claims.updateIfVersion(key, held.version, { ref, at, press })) return { ref };
  }
  return { held: { ref: '', stored: false } };
}

/** Releases the child's open-request claim when `ref` holds it (its request has closed). */
export async function releaseOpenMove(ctx: ServiceContext, caseRef: string, ref: string): Promise<void> {
  await ctx.records.claims.deleteMany({ _id: openMoveKey(caseRef), ref });
}
