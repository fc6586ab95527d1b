// « Corriger » beside a document's warning: the sidebar that edits the record the warning
// names, opened on that record with the field to fix marked (the Diagnostic for a territory,
// the Synthèses du programme for the programme's texts, the sheet of a workshop or an action).
import { FORM_OF } from '../shared/documents/consistency';
import type { DiagnosticFocus, RecordToFix, SidebarName } from './api';
import { showSidebar } from './menu';

export function openRecordForm(r: RecordToFix): void {
  const fn = FORM_OF[r?.type]?.sidebar as SidebarName | undefined;
  if (!fn) return;
  const issues = [{ path: String(r.field ?? ''), message: String(r.message ?? '') }];
  // The Diagnostic is opened on the territory; the Synthèses have one record (the programme's)
  // and mark the field themselves; the other forms choose the record and show what to fix.
  const focus: DiagnosticFocus =
    r.type === 'territory'
      ? { territoryId: String(r.id), issues }
      : r.type === 'programme-assessment'
        ? { territoryId: '', issues }
        : { territoryId: '', recordId: String(r.id), issues };
  showSidebar(fn, { focus });
}
