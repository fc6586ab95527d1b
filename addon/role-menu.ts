// The menu follows the user's role (GET /v1/me, in the profile the sidebars already load):
// viewers get the reading items, consultants no admin item, admins everything. onOpen cannot
// ask the server (no UrlFetch before the user acts), so the role the menu was last built for is
// remembered in the user's properties, per worker and identity; until it is known, the menu
// holds what every role has and a command that asks. The worker checks every call anyway.
import { ROLES, type Role } from '../shared/schemas/enums';
import { devUser, workerUrl } from './settings';
import { menuItems } from './sidebar-table';

const key = () => `veli:menu-role:${workerUrl()}:${devUser() ?? ''}`;

/** The role the menu was last built for, or null (never known, or properties out of reach). */
export function knownRole(): Role | null {
  try {
    const v = PropertiesService.getUserProperties().getProperty(key());
    return (ROLES as readonly string[]).includes(v ?? '') ? (v as Role) : null;
  } catch {
    return null;
  }
}

/** Extensions ▸ VELI VELO for this role (null: not known yet). */
export function buildMenu(role: Role | null): void {
  const menu = SpreadsheetApp.getUi().createAddonMenu();
  for (const item of menuItems(role)) {
    if (item) menu.addItem(item.label, item.fn);
    else menu.addSeparator();
  }
  menu.addToUi();
}

/** A role just read from the server: remembered, and the menu rebuilt if it was built for another. */
export function followRole(role: Role): void {
  if (knownRole() === role) return;
  try {
    PropertiesService.getUserProperties().setProperty(key(), role);
  } catch {
    // not remembered: the next opening shows the common menu again
  }
  buildMenu(role);
}
