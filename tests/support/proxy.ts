// What the tests' small HTTP proxies in front of the local worker share: the request's body read
// whole (the Google stand-ins read theirs with it too), and the headers a proxy passes on (the
// body is re-sent whole, decoded).
import type { IncomingMessage } from 'node:http';

/** The request's body, its bytes joined before decoding (a chunk may end inside a character). */
export async function readBytes(req: IncomingMessage): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

/** The request's body as UTF-8 text. */
export const readText = async (req: IncomingMessage) => (await readBytes(req)).toString('utf8');

/** Hop-by-hop headers and those of the body as it travelled are not passed on. */
const HOP = new Set(['host', 'connection', 'content-length', 'transfer-encoding', 'content-encoding']);
const passOn = (headers: Iterable<[string, string | string[] | undefined]>) =>
  Object.fromEntries([...headers].filter(([k, v]) => !HOP.has(k) && v !== undefined)) as Record<
    string,
    string
  >;

/** The worker's answer to `req` (its body `body`), written to `res` as it came. */
export async function forward(
  req: IncomingMessage,
  body: string,
  res: import('node:http').ServerResponse,
  base: string,
) {
  const answer = await fetch(base + (req.url ?? ''), {
    method: req.method ?? 'GET',
    headers: passOn(Object.entries(req.headers)),
    body: body || null,
  });
  const headers: [string, string][] = [];
  answer.headers.forEach((v, k) => {
    headers.push([k, v]);
  });
  res.writeHead(answer.status, passOn(headers));
  res.end(Buffer.from(await answer.arrayBuffer()));
}
