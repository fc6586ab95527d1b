// Where the worker lives and, for the local harness only, which dev identity to send.
// The worker URL is per spreadsheet (document properties) and falls back to the one baked
// in at build time; the dev identity is per user and only honoured by a worker in dev mode.

declare const __WORKER_URL__: string;

const WORKER_URL_KEY = 'VELI_WORKER_URL';
const DEV_USER_KEY = 'VELI_DEV_USER';

export function workerUrl(): string {
  const stored = PropertiesService.getDocumentProperties().getProperty(WORKER_URL_KEY);
  return (stored || __WORKER_URL__).replace(/\/+$/, '');
}

export function setWorkerUrl(url: string): void {
  PropertiesService.getDocumentProperties().setProperty(WORKER_URL_KEY, url.replace(/\/+$/, ''));
}

/** Set by the local harness; production never sets it, and a production worker ignores it. */
export function devUser(): string | null {
  return PropertiesService.getUserProperties().getProperty(DEV_USER_KEY);
}

/** https anywhere; plain http only towards this machine (the local harness and worker). */
export function checkWorkerUrl(url: string): string | null {
  const m = /^(https?):\/\/([^/?#:]+)(:\d+)?(\/[^?#]*)?$/.exec(url.trim());
  if (!m) return 'Adresse attendue : https://… (sans paramètres).';
  const local = m[2] === '127.0.0.1' || m[2] === 'localhost';
  if (m[1] === 'http' && !local)
    return 'Le serveur doit être en https (http n’est accepté que pour un serveur local).';
  return null;
}
