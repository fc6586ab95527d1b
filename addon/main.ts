// Apps Script entry points, and nothing else: the build turns every export of this file into
// a real top-level function of Code.js (menu items, triggers, google.script.run targets).
import type {
  ActionRecord,
  DiagnosticFocus,
  SessionRecord,
  SidebarName,
  TerritoryRecord,
  WorkshopRecord,
} from './api';
import { sidebarContext } from './context';
import { exportToDrive } from './data-export';
import { showDoctorDialog } from './doctor';
import * as docs from './documents';
import { createDocument, fileDocument as file } from './documents';
import { loadHistory as history, selectedRecord } from './history';
import { importableTabs, importTab as runImport } from './importer';
import * as members from './members';
import { showSidebar } from './menu';
import * as ops from './operations';
import { changeReminders, changeSettings, menuForRole, settings } from './profile';
import * as texts from './programme-texts';
import { openRecordForm as openForm } from './record-forms';
import { quotasAndAlerts, resyncWithToast } from './resync';
import { buildMenu, knownRole } from './role-menu';
import { path } from './worker-client';

/** The simple trigger: the menu for the role last known (none in AuthMode.NONE: no properties). */
export function onOpen(e?: { authMode?: GoogleAppsScript.Script.AuthMode }): void {
  buildMenu(e?.authMode === ScriptApp.AuthMode.NONE ? null : knownRole());
}
export function onInstall(): void {
  buildMenu(knownRole());
}

/** Every sidebar's menu item: the build writes `function showJournal() { … openSidebar('journal') }`. */
export function openSidebar(name: SidebarName): void {
  showSidebar(name, name === 'historique' ? { row: selectedRecord() } : {});
}
export { SIDEBAR_TABLE } from './sidebar-table';

export function resyncTabs(): void {
  resyncWithToast();
}
/** « Afficher toutes mes commandes »: who the user is (one request when not cached), then their menu. */
export function refreshMenu(): void {
  menuForRole();
}
export function exportData(): void {
  exportToDrive();
}
export function checkInstallation(): void {
  showDoctorDialog();
}

// google.script.run targets. The sidebars' calls are typed from these exports (sidebars/common/server.ts).
export const loadContext = (_sidebar: SidebarName, fresh?: boolean) => sidebarContext(Boolean(fresh));
export const submitSession = ops.logSession;
export const listMySessions = ops.mySessions;
export const loadSession = (id: string) => ops.loadVersioned<SessionRecord>(path`/v1/sessions/${id}`);
export const updateSession = ops.patchSession;
export const deleteSession = ops.removeSession;
export const listBlockers = ops.listBlockers;
export const submitBlocker = ops.createBlocker;
export const updateBlocker = ops.patchBlocker;
export const submitIndicator = ops.createIndicator;
export const loadWorkshop = (id: string) => ops.loadVersioned<WorkshopRecord>(path`/v1/workshops/${id}`);
export const submitWorkshop = ops.createWorkshop;
export const updateWorkshop = ops.patchWorkshop;
export const loadAction = (id: string) => ops.loadVersioned<ActionRecord>(path`/v1/actions/${id}`);
export const submitAction = ops.createAction;
export const updateAction = ops.patchAction;
export const loadTerritory = (id: string) => ops.loadVersioned<TerritoryRecord>(path`/v1/territories/${id}`);
export const submitAssessment = ops.putAssessment;
/** Opens the Diagnostic for a territory with the fields to shorten marked (DOES_NOT_FIT). */
export const openDiagnostic = (focus: DiagnosticFocus): void =>
  showSidebar('diagnostic', {
    focus: {
      territoryId: String(focus?.territoryId ?? ''),
      issues: (Array.isArray(focus?.issues) ? focus.issues : []).map((i) => ({
        path: String(i.path),
        message: String(i.message),
      })),
    },
  });
export const loadQuotasAndAlerts = quotasAndAlerts;
export const generateDocument = createDocument;
export const fileDocument = file;
/** Issue 17: the first page and warnings before generating, the workflow, versions, sharing. */
export const previewDocument = docs.previewDocument;
export const submitDocument = docs.submitDocument;
export const validateDocument = docs.validateDocument;
export const requestDocumentChanges = docs.requestDocumentChanges;
export const listDocumentVersions = docs.listDocumentVersions;
export const shareDocument = docs.shareDocument;
/** Opens the sidebar that edits the record a warning names, the field to fix marked. */
export const openRecordForm = openForm;
/** The programme's syntheses (report 1, report 2, final COPIL, critical view), read and saved. */
export const loadProgrammeTexts = texts.loadProgrammeTexts;
export const saveProgrammeTexts = texts.saveProgrammeTexts;
export const listImportableTabs = importableTabs;
export const importTab = runImport;
export const loadSettings = settings;
export const saveSettings = changeSettings;
/** The caller's choice of the nightly reminders by e-mail (PUT /v1/me). */
export const saveReminderPreference = changeReminders;
/** The history of one record (GET /v1/audit?entity=&id=), its actors named. */
export const loadHistory = history;
export const loadMembers = members.loadMembers;
export const saveMember = members.saveMember;
export const removeMember = members.removeMember;
export const saveConsultants = members.saveConsultants;
