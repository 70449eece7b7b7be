// Reads a JSON request body, and nothing else: no multipart, no forms, nothing written to disk.
// A gzip or deflate body is decoded as it streams in and the size limit counts the decoded bytes,
// so a small body that inflates to hundreds of megabytes is cut off at the limit instead of being
// held in memory. Every failure is an HttpError with a 4xx status, never a thrown stream error.
import type { IncomingMessage } from 'node:http';
import { createGunzip, createInflate } from 'node:zlib';
import type { Readable } from 'node:stream';
import contentType from 'content-type';
import getRawBody from 'raw-body';

export class HttpError extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
    this.name = 'HttpError';
  }
}

/** Whether the request carries a body at all (a length above zero, or a chunked one). */
export function hasBody(req: IncomingMessage): boolean {
  return req.headers['transfer-encoding'] !== undefined || Number(req.headers['content-length'] ?? 0) > 0;
}

function mediaTypeOf(req: IncomingMessage): { type: string; charset?: string } {
  try {
    const parsed = contentType.parse(req);
    return { type: parsed.type, charset: parsed.parameters.charset?.toLowerCase() };
  } catch {
    return { type: '' };
  }
}

/**
 * Whether JSON text nests arrays and objects more than `max` deep, found by counting brackets
 * outside strings. It runs before JSON.parse, which takes a third of a second on a body of 256 KB
 * of nested brackets (and a few milliseconds on a flat one).
 */
export function jsonNestedDeeperThan(text: string, max: number): boolean {
  let depth = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (inString) {
      if (c === 0x5c)
        i++; // backslash: skip the escaped character
      else if (c === 0x22) inString = false;
    } else if (c === 0x22) inString = true;
    else if (c === 0x5b || c === 0x7b) {
      if (++depth > max) return true;
    } else if (c === 0x5d || c === 0x7d) depth--;
  }
  return false;
}

export interface JsonBodyLimits {
  /** Bytes, counted after decoding (and before, for an encoded body). */
  maxBytes: number;
  /** Arrays and objects one inside another. */
  maxDepth: number;
}

/**
 * The request's body parsed as JSON. 415 unless it is `application/json` (UTF-8) with no, gzip or
 * deflate encoding; 413 past the size limit (before or after decoding); 400 for a body that is cut
 * short, is not valid gzip/deflate, nests deeper than the limit, or is not JSON.
 */
export async function readJsonBody(req: IncomingMessage, limits: JsonBodyLimits): Promise<unknown> {
  const limitBytes = limits.maxBytes;
  const { type, charset } = mediaTypeOf(req);
  if (type !== 'application/json') throw new HttpError(415, 'only application/json is accepted');
  if (charset !== undefined && charset !== 'utf-8' && charset !== 'utf8') throw new HttpError(415, 'only UTF-8 JSON is accepted');
  const encoding = (req.headers['content-encoding'] ?? 'identity').trim().toLowerCase();
  if (!['identity', 'gzip', 'x-gzip', 'deflate'].includes(encoding)) throw new HttpError(415, `content encoding "${encoding.slice(0, 20)}" is not accepted`);

  let text: string;
  if (encoding === 'identity') {
    text = await getRawBody(req, { length: req.headers['content-length'], limit: limitBytes, encoding: 'utf-8' }).catch(asHttpError);
  } else {
    text = await readDecoded(req, encoding === 'deflate' ? createInflate() : createGunzip(), limitBytes);
  }
  if (jsonNestedDeeperThan(text, limits.maxDepth)) throw new HttpError(400, `the body is nested deeper than ${limits.maxDepth} levels`);
  try {
    return JSON.parse(text);
  } catch {
    throw new HttpError(400, 'the body is not valid JSON');
  }
}

/** Streams the body through the decoder; both the encoded and the decoded bytes are limited. */
async function readDecoded(req: IncomingMessage, decoder: Readable & NodeJS.WritableStream, limitBytes: number): Promise<string> {
  let received = 0;
  let failure: HttpError | null = null;
  const stop = (error: HttpError) => {
    if (failure) return;
    failure = error;
    req.unpipe(decoder);
    // Destroying the decoder stops it inflating whatever it still holds; the error ends the read below.
    decoder.destroy(error);
  };
  const countEncoded = (chunk: Buffer) => {
    received += chunk.length;
    if (received > limitBytes) stop(new HttpError(413, 'the request body is too large'));
  };
  const cutShort = () => {
    if (!req.complete) stop(new HttpError(400, 'the request body was cut short'));
  };
  req.on('data', countEncoded);
  req.on('close', cutShort);
  // A corrupt or truncated stream is the sender's fault: it must reach us here, not crash the process.
  decoder.on('error', () => stop(new HttpError(400, 'the body is not valid gzip or deflate data')));
  req.pipe(decoder);
  try {
    return await getRawBody(decoder, { limit: limitBytes, encoding: 'utf-8' });
  } catch (err) {
    stop(toHttpError(err));
    throw failure!;
  } finally {
    req.off('data', countEncoded);
    req.off('close', cutShort);
  }
}

function toHttpError(err: unknown): HttpError {
  if (err instanceof HttpError) return err;
  const { status, type } = err as { status?: number; type?: string };
  if (type === 'entity.too.large') return new HttpError(413, 'the request body is too large');
  if (type === 'request.aborted' || type === 'request.size.invalid') return new HttpError(400, 'the request body was cut short');
  if (status && status >= 400 && status < 500) return new HttpError(status, 'the request body could not be read');
  return new HttpError(400, 'the request body could not be read');
}

function asHttpError(err: unknown): never {
  throw toHttpError(err);
}
