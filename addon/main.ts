// Apps Script entry points, and nothing else: the build turns every export of this file into
// a real top-level function of Code.js (menu items, triggers, google.script.run targets).
import type { ActionRecord, ServerApi, SessionRecord, TerritoryRecord, WorkshopRecord } from './api';
import { sidebarContext } from './context';
import { exportToDrive } from './data-export';
import { showDoctorDialog } from './doctor';
import { createDocument, fileDocument as file } from './documents';
import { importableTabs, importTab as runImport } from './importer';
import { buildMenu, showSidebar } from './menu';
import * as ops from './operations';
import { changeReminders, changeSettings, settings } from './profile';
import { quotasAndAlerts, resyncWithToast } from './resync';
import { path } from './worker-client';

export function onOpen(): void {
  buildMenu();
}
export function onInstall(): void {
  buildMenu();
}

export function showJournal(): void {
  showSidebar('showJournal');
}
export function showVerrous(): void {
  showSidebar('showVerrous');
}
export function showIndicateurs(): void {
  showSidebar('showIndicateurs');
}
export function showAtelier(): void {
  showSidebar('showAtelier');
}
export function showAction(): void {
  showSidebar('showAction');
}
export function showDiagnostic(): void {
  showSidebar('showDiagnostic');
}
export function showQuotas(): void {
  showSidebar('showQuotas');
}
export function showDocument(): void {
  showSidebar('showDocument');
}
export function showImport(): void {
  showSidebar('showImport');
}
export function showParametres(): void {
  showSidebar('showParametres');
}
export function resyncTabs(): void {
  resyncWithToast();
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
  showSidebar('showDiagnostic', {
    territoryId: String(focus?.territoryId ?? ''),
    issues: (Array.isArray(focus?.issues) ? focus.issues : []).map((i) => ({
      path: String(i.path),
      message: String(i.message),
    })),
  });
export const loadQuotasAndAlerts: ServerApi['loadQuotasAndAlerts'] = () => quotasAndAlerts();
export const generateDocument: ServerApi['generateDocument'] = (input) => createDocument(input);
export const fileDocument: ServerApi['fileDocument'] = (doc) => file(doc);
export const listImportableTabs: ServerApi['listImportableTabs'] = () => importableTabs();
export const importTab: ServerApi['importTab'] = (request) => runImport(request);
export const loadSettings: ServerApi['loadSettings'] = () => settings();
export const saveSettings: ServerApi['saveSettings'] = (input) => changeSettings(input);
export const saveReminderPreference: ServerApi['saveReminderPreference'] = (on) => changeReminders(on);
