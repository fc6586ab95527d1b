// « Corriger » beside a document's warning: the sidebar that edits the record the warning
// names, opened on that record with the field to fix marked (the Diagnostic for a territory,
// the Synthèses du programme for the programme's texts, the sheet of a workshop or an action).
import type { DiagnosticFocus, RecordToFix, SidebarName } from './api';
import { showSidebar } from './menu';

const SIDEBAR_OF: Record<RecordToFix['type'], SidebarName> = {
  territory: 'diagnostic',
  'programme-assessment': 'syntheses',
  workshop: 'atelier',
  action: 'action',
  blocker: 'verrous',
  session: 'journal',
};

export function openRecordForm(r: RecordToFix): void {
  const fn = SIDEBAR_OF[r?.type];
  if (!fn) return;
  const issues = [{ path: String(r.field ?? ''), message: String(r.message ?? '') }];
  const focus: DiagnosticFocus =
    r.type === 'territory'
      ? { territoryId: String(r.id), issues }
      : { territoryId: '', recordId: String(r.id), issues };
  showSidebar(fn, { focus });
}
