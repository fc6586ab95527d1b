// Apps Script entry points, and nothing else: the build turns every export of this file into
// a real top-level function of Code.js (menu items, triggers, google.script.run targets).
import type { ServerApi } from './api';
import { buildMenu, showSidebar } from './menu';
import * as ops from './operations';

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
export function showParametres(): void {
  showSidebar('showParametres');
}
export function resyncTabs(): void {
  ops.resyncWithToast();
}

// google.script.run targets, typed by the sidebars' contract.
export const loadContext: ServerApi['loadContext'] = () => ops.loadContext();
export const submitSession: ServerApi['submitSession'] = (input) => ops.logSession(input);
export const listBlockers: ServerApi['listBlockers'] = (territoryId) => ops.listBlockers(territoryId);
export const submitBlocker: ServerApi['submitBlocker'] = (input) => ops.createBlocker(input);
export const updateBlocker: ServerApi['updateBlocker'] = (id, patch) => ops.patchBlocker(id, patch);
export const submitIndicator: ServerApi['submitIndicator'] = (input) => ops.createIndicator(input);
export const submitWorkshop: ServerApi['submitWorkshop'] = (input) => ops.createWorkshop(input);
export const submitAction: ServerApi['submitAction'] = (input) => ops.createAction(input);
export const submitAssessment: ServerApi['submitAssessment'] = (id, input) => ops.putAssessment(id, input);
export const loadQuotasAndAlerts: ServerApi['loadQuotasAndAlerts'] = () => ops.quotasAndAlerts();
export const loadDocumentChoices: ServerApi['loadDocumentChoices'] = () => ops.documentChoices();
export const generateDocument: ServerApi['generateDocument'] = (input) => ops.createDocument(input);
export const loadSettings: ServerApi['loadSettings'] = () => ops.settings();
export const saveSettings: ServerApi['saveSettings'] = (input) => ops.changeSettings(input);
