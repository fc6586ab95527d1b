// The add-on's sidebars and menu commands, declared once. The menu is built from this table
// (only the items the user's role may use, in this order, a separator between groups), and
// the build turns each row into the Apps Script entry point its menu item calls
// (`show<Template>`, a real top-level function of Code.js): nothing else names a sidebar.
// Pure data: the build reads it from the bundle without any Apps Script service.
import type { Role } from '../shared/schemas/enums';
import type { SidebarName } from './api';

const ALL: readonly Role[] = ['admin', 'consultant', 'viewer'];
const WRITERS: readonly Role[] = ['admin', 'consultant'];
const ADMINS: readonly Role[] = ['admin'];

export interface SidebarRow {
  name: SidebarName;
  /** The sidebar's title bar. */
  title: string;
  /** Its item in Extensions ▸ VELI VELO. */
  menu: string;
  /** Who gets the item; the worker checks every call anyway. */
  roles: readonly Role[];
  /** The built HTML file (from `addon/sidebars/<template in lower case>/`); rows may share one. */
  template: string;
  /** Items of one group sit together; a separator between groups. */
  group: number;
}

export interface CommandRow {
  /** The top-level function of Code.js the item runs (an export of addon/main.ts). */
  fn: string;
  menu: string;
  roles: readonly Role[];
  group: number;
}

export const SIDEBAR_TABLE: readonly SidebarRow[] = [
  {
    name: 'journal',
    title: 'Journal de séance',
    menu: 'Journal de séance',
    roles: WRITERS,
    template: 'Journal',
    group: 1,
  },
  { name: 'verrous', title: 'Verrous', menu: 'Verrous', roles: WRITERS, template: 'Verrous', group: 1 },
  {
    name: 'indicateurs',
    title: 'Indicateurs',
    menu: 'Indicateurs',
    roles: WRITERS,
    template: 'Indicateurs',
    group: 1,
  },
  {
    name: 'atelier',
    title: 'Atelier collectif',
    menu: 'Atelier collectif',
    roles: WRITERS,
    template: 'Atelier',
    group: 1,
  },
  {
    name: 'action',
    title: 'Fiche action',
    menu: 'Fiche action',
    roles: WRITERS,
    template: 'Action',
    group: 1,
  },
  {
    name: 'diagnostic',
    title: 'Diagnostic du territoire',
    menu: 'Diagnostic du territoire',
    roles: WRITERS,
    template: 'Diagnostic',
    group: 1,
  },
  {
    name: 'quotas',
    title: 'Quotas et alertes',
    menu: 'Quotas et alertes',
    roles: ALL,
    template: 'Quotas',
    group: 2,
  },
  {
    name: 'syntheses',
    title: 'Synthèses du programme',
    menu: 'Synthèses du programme',
    roles: WRITERS,
    template: 'Syntheses',
    group: 2,
  },
  {
    name: 'document',
    title: 'Générer un document',
    menu: 'Générer un document',
    roles: WRITERS,
    template: 'Document',
    group: 2,
  },
  {
    name: 'historique',
    title: 'Historique',
    menu: 'Historique de la ligne sélectionnée',
    roles: ALL,
    template: 'Historique',
    group: 2,
  },
  {
    name: 'import',
    title: 'Importer un onglet existant',
    menu: 'Importer un onglet existant',
    roles: WRITERS,
    template: 'Import',
    group: 3,
  },
  { name: 'membres', title: 'Membres', menu: 'Membres', roles: ADMINS, template: 'Membres', group: 3 },
  {
    name: 'parametres',
    title: 'Paramètres',
    menu: 'Paramètres',
    roles: ADMINS,
    template: 'Parametres',
    group: 3,
  },
  // Who one is and which server one talks to, read only: the settings' page without its form.
  {
    name: 'compte',
    title: 'Mon compte',
    menu: 'Mon compte',
    roles: ['consultant', 'viewer'],
    template: 'Parametres',
    group: 3,
  },
];

export const COMMANDS: readonly CommandRow[] = [
  { fn: 'resyncTabs', menu: 'Resynchroniser les onglets', roles: ADMINS, group: 3 },
  // GET /v1/export/<table>.csv is the admins' and the viewers' (contract v1.2).
  { fn: 'exportData', menu: 'Exporter les données (CSV)', roles: ['admin', 'viewer'], group: 3 },
  { fn: 'checkInstallation', menu: 'Diagnostic de l’installation', roles: ADMINS, group: 3 },
];

/** The entry point a sidebar's menu item calls: `journal` → `showJournal`. */
export const entryPoint = (row: Pick<SidebarRow, 'name'>) =>
  `show${row.name.charAt(0).toUpperCase()}${row.name.slice(1)}`;

export type MenuItem = { label: string; fn: string } | null;

/**
 * The menu for a role; `null` (not known yet: no sign-in in this opening) gives the items every
 * role has, and the command that asks the server who the user is and rebuilds the menu.
 */
export function menuItems(role: Role | null): MenuItem[] {
  const rows = [
    ...SIDEBAR_TABLE.map((r) => ({ label: r.menu, fn: entryPoint(r), roles: r.roles, group: r.group })),
    ...COMMANDS.map((c) => ({ label: c.menu, fn: c.fn, roles: c.roles, group: c.group })),
    ...(role ? [] : [{ label: 'Afficher toutes mes commandes', fn: 'refreshMenu', roles: [], group: 9 }]),
  ]
    .filter((r) => (role ? r.roles.includes(role) : r.roles.length === 0 || r.roles.length === ALL.length))
    .sort((a, b) => a.group - b.group);
  const items: MenuItem[] = [];
  rows.forEach((r, i) => {
    if (i > 0 && rows[i - 1]!.group !== r.group) items.push(null);
    items.push({ label: r.label, fn: r.fn });
  });
  return items;
}
