// Where the worker lives and, for the local harness only, which dev identity to send.
// The worker URL is per spreadsheet (document properties) and falls back to the one baked in
// at build time. Apps Script refuses any URL outside the manifest's urlFetchWhitelist, and a
// versioned deployment cannot change its manifest: the address must match that list, which
// the build bakes in beside the code.
import { frTypo, quoted } from '../shared/i18n/typography';

declare const __WORKER_URL__: string;
declare const __URL_ALLOWLIST__: readonly string[];

const WORKER_URL_KEY = 'VELI_WORKER_URL';
const DEV_USER_KEY = 'VELI_DEV_USER';

export const allowlist = (): readonly string[] => __URL_ALLOWLIST__;

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

/** Does the manifest let UrlFetchApp reach this URL? (prefix match, `https://*.` for subdomains) */
export function allowed(url: string, prefixes: readonly string[] = allowlist()): boolean {
  return prefixes.some((p) => {
    const wild = /^https:\/\/\*\.([^/]+)(\/.*)$/.exec(p);
    if (!wild) return url.startsWith(p);
    const m = /^https:\/\/([^/]+)(\/.*)$/.exec(url);
    return Boolean(m && m[1]!.endsWith(`.${wild[1]}`) && m[2]!.startsWith(wild[2]!));
  });
}

/** A French reason why the add-on cannot use this worker address, or null. */
export function checkWorkerUrl(url: string, prefixes: readonly string[] = allowlist()): string | null {
  const m = /^(https?):\/\/([^/?#:]+)(:\d+)?(\/[^?#]*)?$/.exec(url.trim());
  if (!m) return frTypo('Adresse attendue : https://… (sans paramètres).');
  const base = `${url.trim().replace(/\/+$/, '')}/`;
  if (!allowed(base, prefixes))
    return frTypo(
      `Le module ne peut joindre que les adresses autorisées par son manifeste (urlFetchWhitelist) : ` +
        `${prefixes.map(quoted).join(', ')}. Une autre adresse demande une nouvelle version du module.`,
    );
  return null;
}
