// The "VELI VELO" menu under Extensions and the sidebars it opens.

export const SIDEBARS = {
  showJournal: { file: 'Journal', title: 'Journal de séance' },
  showVerrous: { file: 'Verrous', title: 'Verrous' },
  showIndicateurs: { file: 'Indicateurs', title: 'Indicateurs' },
  showAtelier: { file: 'Atelier', title: 'Atelier collectif' },
  showAction: { file: 'Action', title: 'Fiche action' },
  showDiagnostic: { file: 'Diagnostic', title: 'Diagnostic du territoire' },
  showQuotas: { file: 'Quotas', title: 'Quotas et alertes' },
  showDocument: { file: 'Document', title: 'Générer un document' },
  showParametres: { file: 'Parametres', title: 'Paramètres' },
} as const;
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
  { label: 'Resynchroniser les onglets', fn: 'resyncTabs' },
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

export function showSidebar(fn: SidebarFunction): void {
  const { file, title } = SIDEBARS[fn];
  SpreadsheetApp.getUi().showSidebar(HtmlService.createHtmlOutputFromFile(file).setTitle(title));
}
