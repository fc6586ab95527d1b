// Opening a sidebar: its HTML template with its context inlined (who the user is, their
// territories, the quotas), so it opens ready, without a first call back to the add-on. Which
// sidebars exist, their titles and who sees them: addon/sidebar-table.ts.
import type { DiagnosticFocus, Result, SidebarContext, SidebarName } from './api';
import { sidebarContext } from './context';
import { followRole } from './role-menu';
import { allowlist, workerUrl } from './settings';
import { SIDEBAR_TABLE } from './sidebar-table';

/** What every sidebar page starts from (window.__VELI__). */
export interface SidebarBoot {
  sidebar: SidebarName;
  workerUrl: string;
  allowlist: readonly string[];
  context: Result<SidebarContext>;
  /** The Diagnostic opened from a summary that does not fit: the territory and its fields to shorten. */
  focus?: DiagnosticFocus;
  /** The Historique opened for a row of a tab: what that row is. */
  row?: { entity: string; id: string; tab: string; label: string } | { error: string };
}

/** JSON safe inside a <script> element: no "</script>", no line separators JS would choke on. */
export const inlineJson = (v: unknown) =>
  JSON.stringify(v)
    .replace(/</g, '\\u003c')
    .replace(/\u2028/g, '\\u2028')
    .replace(/\u2029/g, '\\u2029');

export function showSidebar(name: SidebarName, extra: Pick<SidebarBoot, 'focus' | 'row'> = {}): void {
  const row = SIDEBAR_TABLE.find((r) => r.name === name);
  if (!row) throw new Error(`Unknown sidebar: ${name}`);
  const context = sidebarContext();
  if (context.ok) followRole(context.data.me.role);
  const boot: SidebarBoot = {
    sidebar: name,
    workerUrl: workerUrl(),
    allowlist: allowlist(),
    context,
    ...extra,
  };
  const template = HtmlService.createTemplateFromFile(row.template);
  template.boot = inlineJson(boot);
  SpreadsheetApp.getUi().showSidebar(template.evaluate().setTitle(row.title));
}
