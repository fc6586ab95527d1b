// Vitest globalSetup (runs in Node): starts the fake Google server once for the Google-backed
// worker tests and hands its address and service-account key to the workerd project.
import type { TestProject } from 'vitest/node';
import { startFakeGoogle } from './fake-google';

declare module 'vitest' {
  export interface ProvidedContext {
    googleBase: string;
    googleServiceAccountKey: string;
  }
}

export default async function setup(project: TestProject) {
  const google = await startFakeGoogle();
  project.provide('googleBase', google.base);
  project.provide('googleServiceAccountKey', google.serviceAccountKey);
  return () => google.close();
}
