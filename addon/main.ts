// Apps Script entry points, and nothing else: the build turns every export of this file into
// a real top-level function of Code.js (menu items, triggers, google.script.run targets).
import type {
  ActionRecord,
  ServerApi,
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
import { changeSettings, menuForRole, settings } from './profile';
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

// google.script.run targets, typed by the sidebars' contract.
export const loadContext: ServerApi['loadContext'] = (_sidebar, fresh) => sidebarContext(Boolean(fresh));
export const submitSession: ServerApi['submitSession'] = (input) => ops.logSession(input);
export const listMySessions: ServerApi['listMySessions'] = () => ops.mySessions();
export const loadSession: ServerApi['loadSession'] = (id) =>
  ops.loadVersioned<SessionRecord>(path`/v1/sessions/${id}`);
export const updateSession: ServerApi['updateSession'] = (id, patch, version) =>
  ops.patchSession(id, patch, version);
export const deleteSession: ServerApi['deleteSession'] = (id, version) => ops.removeSession(id, version);
export const listBlockers: ServerApi['listBlockers'] = (territoryId) => ops.listBlockers(territoryId);
export const submitBlocker: ServerApi['submitBlocker'] = (input) => ops.createBlocker(input);
export const updateBlocker: ServerApi['updateBlocker'] = (id, patch) => ops.patchBlocker(id, patch);
export const submitIndicator: ServerApi['submitIndicator'] = (input) => ops.createIndicator(input);
export const loadWorkshop: ServerApi['loadWorkshop'] = (id) =>
  ops.loadVersioned<WorkshopRecord>(path`/v1/workshops/${id}`);
export const submitWorkshop: ServerApi['submitWorkshop'] = (input) => ops.createWorkshop(input);
export const updateWorkshop: ServerApi['updateWorkshop'] = (id, patch, version) =>
  ops.patchWorkshop(id, patch, version);
export const loadAction: ServerApi['loadAction'] = (id) =>
  ops.loadVersioned<ActionRecord>(path`/v1/actions/${id}`);
export const submitAction: ServerApi['submitAction'] = (input) => ops.createAction(input);
export const updateAction: ServerApi['updateAction'] = (id, patch, version) =>
  ops.patchAction(id, patch, version);
export const loadTerritory: ServerApi['loadTerritory'] = (id) =>
  ops.loadVersioned<TerritoryRecord>(path`/v1/territories/${id}`);
export const submitAssessment: ServerApi['submitAssessment'] = (id, input, version) =>
  ops.putAssessment(id, input, version);
export const openDiagnostic: ServerApi['openDiagnostic'] = (focus) =>
  showSidebar('diagnostic', {
    focus: {
      territoryId: String(focus?.territoryId ?? ''),
      issues: (Array.isArray(focus?.issues) ? focus.issues : []).map((i) => ({
        path: String(i.path),
        message: String(i.message),
      })),
    },
  });
export const loadQuotasAndAlerts: ServerApi['loadQuotasAndAlerts'] = () => quotasAndAlerts();
export const generateDocument: ServerApi['generateDocument'] = (input) => createDocument(input);
export const fileDocument: ServerApi['fileDocument'] = (doc) => file(doc);
export const previewDocument: ServerApi['previewDocument'] = (input) => docs.previewDocument(input);
export const submitDocument: ServerApi['submitDocument'] = (id, ack) => docs.submitDocument(id, ack);
export const validateDocument: ServerApi['validateDocument'] = (id) => docs.validateDocument(id);
export const requestDocumentChanges: ServerApi['requestDocumentChanges'] = (id, comment) =>
  docs.requestDocumentChanges(id, comment);
export const listDocumentVersions: ServerApi['listDocumentVersions'] = (id) => docs.listDocumentVersions(id);
export const shareDocument: ServerApi['shareDocument'] = (id, to, role) => docs.shareDocument(id, to, role);
export const openRecordForm: ServerApi['openRecordForm'] = (record) => openForm(record);
export const loadProgrammeTexts: ServerApi['loadProgrammeTexts'] = () => texts.loadProgrammeTexts();
export const saveProgrammeTexts: ServerApi['saveProgrammeTexts'] = (input, version) =>
  texts.saveProgrammeTexts(input, version);
export const listImportableTabs: ServerApi['listImportableTabs'] = () => importableTabs();
export const importTab: ServerApi['importTab'] = (request) => runImport(request);
export const loadSettings: ServerApi['loadSettings'] = () => settings();
export const saveSettings: ServerApi['saveSettings'] = (input) => changeSettings(input);
export const loadHistory: ServerApi['loadHistory'] = (entity, id) => history(entity, id);
export const loadMembers: ServerApi['loadMembers'] = () => members.loadMembers();
export const saveMember: ServerApi['saveMember'] = (input, version) => members.saveMember(input, version);
export const removeMember: ServerApi['removeMember'] = (email) => members.removeMember(email);
export const saveConsultants: ServerApi['saveConsultants'] = (id, consultants, version) =>
  members.saveConsultants(id, consultants, version);
