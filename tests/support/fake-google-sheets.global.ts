// Vitest global setup (Node) for the worker project: starts the fake Google token + Sheets
// server on a free port and hands its address and the test service-account key to the tests.
import type {} from 'vitest';
import type { TestProject } from 'vitest/node';
import { type FakeGoogleInfo, startFakeGoogle } from './fake-google-sheets';

declare module 'vitest' {
  export interface ProvidedContext {
    fakeGoogleSheets: FakeGoogleInfo;
  }
}

export default async function setup(project: TestProject) {
  const server = await startFakeGoogle();
  const { close, ...info } = server;
  project.provide('fakeGoogleSheets', info);
  return close;
}
