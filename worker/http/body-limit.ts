import type { MiddlewareHandler } from 'hono';
import { MSG } from '../../shared/i18n/messages';
import type { AppEnv } from '../env';
import { ApiError } from './errors';

export const MAX_BODY_BYTES = 64 * 1024;

const tooLarge = () => new ApiError('PAYLOAD_TOO_LARGE', MSG.tooLarge(MAX_BODY_BYTES / 1024));

/**
 * Refuses bodies over 64 KB before anything parses them: first from `Content-Length`, then by
 * counting the bytes actually read (a chunked body, or a header that lies), and stops reading
 * as soon as the limit is passed. The bytes read are handed on to the route unchanged.
 */
export const bodyLimit: MiddlewareHandler<AppEnv> = async (c, next) => {
  const raw = c.req.raw;
  const declared = raw.headers.get('content-length');
  if (declared !== null && Number(declared) > MAX_BODY_BYTES) throw tooLarge();
  if (!raw.body) return next();
  const reader = raw.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > MAX_BODY_BYTES) {
      await reader.cancel().catch(() => undefined);
      throw tooLarge();
    }
    chunks.push(value);
  }
  const bytes = new Uint8Array(size);
  let offset = 0;
  for (const chunk of chunks) {
    bytes.set(chunk, offset);
    offset += chunk.byteLength;
  }
  c.req.raw = new Request(raw, { body: bytes });
  return next();
};
