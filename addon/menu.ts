// The "VELI VELO" menu under Extensions and the sidebars it opens. A sidebar is built from its
// HTML template with its context inlined (who the user is, their territories, the quotas),
// so it opens ready, without a first call back to the add-on.
import type { DiagnosticFocus, Result, SidebarContext, SidebarName } from './api';
import { sidebarContext } from './context';
import { allowlist, workerUrl } from './settings';

export const SIDEBARS = {
  showJournal: { file: 'Journal', title: 'Journal de séance', sidebar: 'journal' },
  showVerrous: { file: 'Verrous', title: 'Verrous', sidebar: 'verrous' },
  showIndicateurs: { file: 'Indicateurs', title: 'Indicateurs', sidebar: 'indicateurs' },
  showAtelier: { file: 'Atelier', title: 'Atelier collectif', sidebar: 'atelier' },
  showAction: { file: 'Action', title: 'Fiche action', sidebar: 'action' },
  showDiagnostic: { file: 'Diagnostic', title: 'Diagnostic du territoire', sidebar: 'diagnostic' },
  showQuotas: { file: 'Quotas', title: 'Quotas et alertes', sidebar: 'quotas' },
  showDocument: { file: 'Document', title: 'Générer un document', sidebar: 'document' },
  showImport: { file: 'Import', title: 'Importer un onglet existant', sidebar: 'import' },
  showParametres: { file: 'Parametres', title: 'Paramètres', sidebar: 'parametres' },
} as const satisfies Record<string, { file: string; title: string; sidebar: SidebarName }>;
export type SidebarFunction = keyof typeof SIDEBARS;

/** Menu items in order; `null` is a separator. Each `fn` is a top-level function of Code.js. */
export const MENU: readonly ({ label: string; fn: string } | null)[] = [
  { label: 'Journal de séance', fn: 'showJournal' },
  { label: 'Verrous', fn: 'showVerrous' },
  { label: 'Indicateurs', fn: 'showIndicateurs' },
  { label: 'Atelier collectif', fn: 'showAtelier' },
  { label: 'Fiche action', fn: 'showAction' },
  { label: 'Diagnostic du territoire', fn: 'showDiagnostic' },
  null,
  { label: 'Quotas et alertes', fn: 'showQuotas' },
  { label: 'Générer un document', fn: 'showDocument' },
  null,
  { label: 'Importer un onglet existant', fn: 'showImport' },
  { label: 'Resynchroniser les onglets (administrateurs)', fn: 'resyncTabs' },
  { label: 'Exporter les données (CSV)', fn: 'exportData' },
  { label: 'Diagnostic de l’installation (administrateurs)', fn: 'checkInstallation' },
  { label: 'Paramètres', fn: 'showParametres' },
];

/** Runs in onOpen, possibly in AuthMode.NONE: no properties, no network here. */
export function buildMenu(): void {
  const menu = SpreadsheetApp.getUi().createAddonMenu();
  for (const item of MENU) {
    if (item) menu.addItem(item.label, item.fn);
    else menu.addSeparator();
  }
  menu.addToUi();
}

/** What every sidebar page starts from (window.__VELI__). */
export interface SidebarBoot {
  sidebar: SidebarName;
  workerUrl: string;
  allowlist: readonly string[];
  context: Result<SidebarContext>;
  /** The Diagnostic opened from a summary that does not fit: the territory and its fields to shorten. */
  focus?: DiagnosticFocus;
}

/** JSON safe inside a <script> element: no "</script>", no line separators JS would choke on. */
export const inlineJson = (v: unknown) =>
  JSON.stringify(v)
    .replace(/</g, '\\u003c')
    .replace(/\u2028/g, '\\u2028')
    .replace(/\u2029/g, '\\u2029');

export function showSidebar(fn: SidebarFunction, focus?: DiagnosticFocus): void {
  const { file, title, sidebar } = SIDEBARS[fn];
  const boot: SidebarBoot = {
    sidebar,
    workerUrl: workerUrl(),
    allowlist: allowlist(),
    context: sidebarContext(),
    ...(focus ? { focus } : {}),
  };
  const template = HtmlService.createTemplateFromFile(file);
  template.boot = inlineJson(boot);
  SpreadsheetApp.getUi().showSidebar(template.evaluate().setTitle(title));
}
