import { LABELS } from '../../shared/i18n/labels';
import { frDate, nf } from '../../shared/i18n/typography';
import { lowerFirst } from '../../shared/i18n/wording';
import type { Quota } from '../../shared/quotas/rules';
import type { StoredAssessment } from '../../shared/schemas/programme';
import { milestoneRows, milestoneText } from './calendar';
import type { Block, MissingText, Section } from './model';
import type { ProgrammeRecord } from './record';
import { progressWords, quotaBar, quotaText } from './summary-progress';
import { workshopSession } from './workshop-sheet';

export const SYNTHESIS_HEADINGS = {
  programme: 'Synthèse du programme',
  crossFindings: 'Constats croisés, verrous communs et recommandations à l’ADEME',
  dashboard: 'Les dix territoires en un tableau',
  calendar: 'Calendrier du programme',
  phase2: 'Synthèse de la phase 2',
  lessons: 'Enseignements transversaux des ateliers',
  workshops: 'Ateliers collectifs tenus',
  supports: 'Appuis collectifs par territoire',
} as const;

type ProseField = 'report1Synthesis' | 'report2Lessons' | 'finalCopilMinutes';

/**
 * Programme prose written by people (the Synthèses du programme sidebar): the text, or a note
 * that it is still to write, which the consistency checks report as an empty section.
 */
export function programmeProse(
  a: StoredAssessment | null,
  field: ProseField | `criticalView.${string}`,
  label: string,
): Block {
  const [head, part] = field.split('.') as [string, string | undefined];
  const text = part
    ? (a?.criticalView as Record<string, string | undefined> | undefined)?.[part]
    : (a as Record<string, string | undefined> | null)?.[head];
  if (text?.trim()) return { kind: 'p', text };
  const missing: MissingText = { subject: { type: 'programme-assessment', id: 'programme' }, field, label };
  return {
    kind: 'note',
    text: `À rédiger dans « Synthèses du programme » : ${lowerFirst(label)}.`,
    missing,
  };
}

const quotaOf = (r: ProgrammeRecord, territoryId: string, key: Quota['key']) =>
  r.territoryQuotas.get(territoryId)?.find((q) => q.key === key);

/** Support of report 1's synthesis: one row per territory, what differs between them. */
function dashboard(r: ProgrammeRecord): Block[] {
  const mpd = r.programme.minutesPerDay;
  const rows = r.territories.map((t) => {
    const blockers = r.blockers.filter((b) => b.territoryId === t.id);
    const lifted = blockers.filter((b) => b.status === 'resolved').length;
    const diagnostic = quotaOf(r, t.id, 'diagnostic');
    return [
      t.name,
      diagnostic ? `${quotaText(diagnostic, mpd)}, ${progressWords(diagnostic)}` : '—',
      t.assessment ? 'Rédigée' : 'À rédiger',
      blockers.length ? `${nf(lifted)} levé${lifted > 1 ? 's' : ''} sur ${nf(blockers.length)}` : 'Aucun',
    ];
  });
  return [
    {
      kind: 'table',
      columns: ['Territoire', 'Diagnostic et accompagnement', 'Synthèse territoriale', 'Verrous'],
      widths: [4.4, 3.2, 2.2, 2.2],
      rows,
    },
  ];
}

/** The tender's calendar for the whole programme, once per report. */
export function calendarBlock(r: ProgrammeRecord, asOf: string): Block {
  return {
    kind: 'table',
    columns: ['Jalon du programme', 'Échéance', 'État au regard du registre'],
    widths: [5, 3, 4],
    rows: milestoneRows(r, asOf).map((m) => [
      m.milestone.label,
      m.milestone.start
        ? `du ${frDate(m.milestone.start)} au ${frDate(m.milestone.due)}`
        : frDate(m.milestone.due),
      milestoneText(m),
    ]),
  };
}

/** Report 1: the consultants' cross-territory synthesis, then the tables that support it. */
export function programmeSynthesis(r: ProgrammeRecord, asOf: string): Section[] {
  const h = SYNTHESIS_HEADINGS;
  return [
    { heading: h.programme, level: 2, blocks: [] },
    {
      heading: h.crossFindings,
      level: 3,
      blocks: [programmeProse(r.assessment, 'report1Synthesis', h.crossFindings)],
    },
    { heading: h.dashboard, level: 3, blocks: dashboard(r) },
    { heading: h.calendar, level: 3, blocks: [calendarBlock(r, asOf)] },
  ];
}

function workshopsTable(r: ProgrammeRecord): Block {
  const list = [...r.workshops].sort((a, b) => a.number - b.number);
  const name = (id: string) => r.territories.find((t) => t.id === id)?.name ?? id;
  if (!list.length) return { kind: 'note', text: 'Aucune fiche atelier à cette date.' };
  return {
    kind: 'table',
    columns: ['N°', 'Date', 'Thème', 'Territoire hôte', 'Format', 'Participants'],
    widths: [0.7, 2.2, 4.5, 2.8, 1.9, 1.6],
    rows: list.map((w) => [
      nf(w.number),
      frDate(workshopSession(r.sessions, w)?.date ?? w.date),
      w.theme,
      name(w.hostTerritoryId),
      w.format ? LABELS.workshopFormat[w.format] : '—',
      nf(w.participants),
    ]),
  };
}

function supportsFigure(r: ProgrammeRecord): Block {
  const mpd = r.programme.minutesPerDay;
  const rows = r.territories.flatMap((t) => {
    const q = quotaOf(r, t.id, 'collective-support');
    return q ? [quotaBar(q, t.name, mpd)] : [];
  });
  return {
    kind: 'bars',
    caption: `Appuis collectifs de deux heures tenus par territoire (${nf(r.programme.quotas.collectiveSupportsPerTerritory)} prévus chacun)`,
    rows,
  };
}

/** Report 2: the transversal lessons people wrote, then the workshops and supports held. */
export function phase2Synthesis(r: ProgrammeRecord): Section[] {
  const h = SYNTHESIS_HEADINGS;
  return [
    { heading: h.phase2, level: 2, blocks: [] },
    { heading: h.lessons, level: 3, blocks: [programmeProse(r.assessment, 'report2Lessons', h.lessons)] },
    { heading: h.workshops, level: 3, blocks: [workshopsTable(r)] },
    { heading: h.supports, level: 3, blocks: [supportsFigure(r)] },
  ];
}
