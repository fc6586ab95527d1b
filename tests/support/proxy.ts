// What the tests' small HTTP proxies in front of the local worker share: the request's body read
// whole, and the headers a proxy passes on (the body is re-sent whole, decoded).
import type { IncomingMessage } from 'node:http';

export async function readText(req: IncomingMessage): Promise<string> {
  let body = '';
  for await (const chunk of req) body += chunk;
  return body;
}

/** Hop-by-hop headers and those of the body as it travelled are not passed on. */
const HOP = new Set(['host', 'connection', 'content-length', 'transfer-encoding', 'content-encoding']);
export const passOn = (headers: Iterable<[string, string | string[] | undefined]>) =>
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
