// Vitest globalSetup (Node): a local stand-in for Google's JWKS endpoint. It generates an RSA
// key pair, serves the public half as Google does (GET /oauth2/v3/certs, {"keys": [...]}) on a
// free loopback port, and provides the URL and the private key to the worker test project,
// whose tests mint ID tokens with it.
import { generateKeyPairSync } from 'node:crypto';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { TestProject } from 'vitest/node';

export const TEST_KID = 'veli-test-key-1';

export default async function setup(project: TestProject) {
  const { publicKey, privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  const jwk = { ...publicKey.export({ format: 'jwk' }), kid: TEST_KID, alg: 'RS256', use: 'sig' };
  const body = JSON.stringify({ keys: [jwk] });
  const server = createServer((req, res) => {
    if (req.method === 'GET' && req.url === '/oauth2/v3/certs') {
      res.writeHead(200, { 'content-type': 'application/json', 'cache-control': 'public, max-age=3600' });
      res.end(body);
      return;
    }
    res.writeHead(404).end();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  // The keys are read with an explicit type in vitest.config.ts (`inject<string>(…)`).
  const provide = project.provide.bind(project) as (key: string, value: string) => void;
  provide('googleJwksUrl', `http://127.0.0.1:${port}/oauth2/v3/certs`);
  provide(
    'googleTestKey',
    JSON.stringify({ ...privateKey.export({ format: 'jwk' }), kid: TEST_KID, alg: 'RS256' }),
  );
  return () => new Promise<void>((resolve) => server.close(() => resolve()));
}
