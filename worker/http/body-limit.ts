import type { MiddlewareHandler } from 'hono';
import { bodyLimit as honoBodyLimit } from 'hono/body-limit';
import { MSG } from '../../shared/i18n/messages';
import type { AppEnv } from '../env';
import { ApiError } from './errors';

export const MAX_BODY_BYTES = 64 * 1024;
/**
 * Routes that take many records at once: an import's rows checked in one call
 * (POST /v1/sessions/validate, 500 rows at most) need more than one record's 64 KB.
 */
export const LARGER_BODIES: Readonly<Record<string, number>> = { '/v1/sessions/validate': 1024 * 1024 };
/** A refused body is read to its end up to this size, then abandoned. */
const DRAIN_MAX_BYTES = 4 * 1024 * 1024;

/**
 * What is left of a refused body is read and discarded before the 413 goes out: an unread
 * request body (chunked or with a declared length) otherwise keeps `wrangler dev` waiting,
 * and the next request, from anyone, hangs. Past DRAIN_MAX_BYTES the stream is cancelled.
 */
async function drain(reader: ReadableStreamDefaultReader<Uint8Array>) {
  let read = 0;
  try {
    while (read <= DRAIN_MAX_BYTES) {
      const { done, value } = await reader.read();
      if (done) return;
      read += value.byteLength;
    }
    await reader.cancel();
  } catch {
    // the client went away: nothing left to drain
  }
}

/**
 * Bodies over 64 KB (or a route's larger limit) are refused before anything parses them (Hono's body limit: the declared
 * length, or the bytes of a chunked body counted as they arrive). Hono reads through a
 * pass-through stream so that this middleware keeps the source and can drain it on refusal.
 */
export const bodyLimit: MiddlewareHandler<AppEnv> = async (c, next) => {
  const raw = c.req.raw;
  if (!raw.body) return next();
  const source = raw.body.getReader();
  // No read ahead (high-water mark 0): a chunk is read only when Hono asks for it, so when
  // Hono refuses the body no read is pending and the drain may read (workerd allows one at a time).
  const passThrough = new ReadableStream<Uint8Array>(
    {
      async pull(controller) {
        const { done, value } = await source.read();
        if (done) controller.close();
        else controller.enqueue(value);
      },
    },
    { highWaterMark: 0 },
  );
  c.req.raw = new Request(raw, { body: passThrough, duplex: 'half' } as RequestInit);
  const maxSize = LARGER_BODIES[new URL(raw.url).pathname] ?? MAX_BODY_BYTES;
  const limit = honoBodyLimit({
    maxSize,
    onError: async () => {
      await drain(source);
      throw new ApiError('PAYLOAD_TOO_LARGE', MSG.tooLarge(maxSize / 1024));
    },
  });
  return limit(c, next);
};
