import { frDate } from '../../shared/i18n/typography';
import { actionInReport } from './action-sheet';
import { asOfNote, recordAsOf } from './as-of';
import { SUMMARY_MAX_PAGES } from './budget';
import { identification } from './identify';
import type { DocumentModel, ReportNumber, Section } from './model';
import type { Edition, ProgrammeRecord } from './record';
import { programmeTotals, reproducibilityMatrix } from './report-final';
import { phase2Synthesis, programmeSynthesis } from './report-synthesis';
import { fitTerritorySummary, summaryTitle } from './territory-summary';
import { typeset } from './typeset';
import { workshopSections, workshopTitle } from './workshop-sheet';

export const REPORT_HEADINGS = {
  purpose: 'Objet du rapport',
  contents: 'Sommaire',
  actions: 'Fiches actions',
  assessment: 'Bilan global de l’opération',
  copil: 'Compte rendu du COPIL final',
  critical: 'Regard critique du prestataire',
} as const;

export const REPORT_TITLES: Record<ReportNumber, string> = {
  '1': 'Rapport d’avancement n° 1 — Phase 1 : stratégie des collectivités',
  '2': 'Rapport d’avancement n° 2 — Phase 2 : accompagnement collectif',
  final: 'Rapport final — Phase 3 : valorisation',
};

const PURPOSE: Record<ReportNumber, string> = {
  '1':
    'Livrable de la phase 1 (cahier des charges, § 2.3.1 et 4) : pour chaque territoire, une synthèse ' +
    'concise de moins de 5 pages (constat, enjeux et recommandations), la fiche descriptive initiale, ' +
    'l’état d’avancement, les verrous et leurs solutions, et les indicateurs retenus pour chaque action. ' +
    'Chaque synthèse est identique à la synthèse territoriale générée seule à la même date.',
  '2':
    'Livrable de la phase 2 (cahier des charges, § 2.3.2 et 4) : une fiche par atelier collectif ' +
    '(problématique, verrous et solutions, jeu d’acteurs, exemples de réalisations et contacts, chiffres ' +
    'clés), précédée d’une synthèse de l’accompagnement collectif.',
  final:
    'Livrable de la phase 3 (cahier des charges, § 2.3.3 et 4) : les fiches actions synthétiques ' +
    '(description, acteurs, délais de mise en œuvre, verrous, degré de reproductibilité), regroupées par ' +
    'territoire, et le bilan global de l’opération : compte rendu du COPIL final et regard critique du prestataire.',
};

/** Sub-sections of a document: its level-2 headings become level 3 under a report's heading. */
const demote = (sections: Section[]): Section[] => sections.map((s) => ({ ...s, level: 3 }));

/** Each territory's summary, at the level the stand-alone summary takes on the same date. */
function summaries(full: ProgrammeRecord, rec: ProgrammeRecord, ed: Edition): Section[] {
  return rec.territories.flatMap((t) => {
    const fit = fitTerritorySummary(full, t, ed, 0, SUMMARY_MAX_PAGES);
    const head: Section = { heading: summaryTitle(t), level: 2, blocks: [], pageBreakBefore: true };
    if (!fit.fits)
      head.blocks.push({
        kind: 'note',
        text: `Cette synthèse dépasse le format de 5 pages : champs à raccourcir, ${fit.overflow.map((o) => o.label).join(', ')}.`,
      });
    return [head, ...demote(fit.doc.sections)];
  });
}

function report1(full: ProgrammeRecord, rec: ProgrammeRecord, ed: Edition, asOf: string): Section[] {
  return [programmeSynthesis(rec, asOf), ...summaries(full, rec, ed)];
}

function report2(rec: ProgrammeRecord): Section[] {
  const sheets = [...rec.workshops]
    .sort((a, b) => a.number - b.number)
    .flatMap((w) => [
      { heading: workshopTitle(w), level: 2, blocks: [], pageBreakBefore: true } satisfies Section,
      ...demote(workshopSections(rec, w)),
    ]);
  return [...phase2Synthesis(rec), ...sheets];
}

function reportFinal(rec: ProgrammeRecord, asOf: string): Section[] {
  const out: Section[] = [programmeTotals(rec, asOf)];
  let first = true;
  for (const t of rec.territories) {
    const actions = rec.actions.filter((a) => a.territoryId === t.id);
    if (!actions.length) continue;
    // Sheets follow each other: several share a page; only the first territory starts one.
    out.push({
      heading: `${REPORT_HEADINGS.actions} — ${t.name}`,
      level: 2,
      blocks: [],
      pageBreakBefore: first,
    });
    out.push(...actions.map((a) => actionInReport(rec, a)));
    first = false;
  }
  if (first)
    out.push({
      heading: REPORT_HEADINGS.actions,
      level: 2,
      blocks: [{ kind: 'note', text: 'Aucune fiche action à cette date.' }],
    });
  out.push(reproducibilityMatrix(rec));
  const missing = {
    kind: 'note',
    text: 'Non encore rédigé : à saisir par le prestataire (AMO) ou l’ADEME dans le bilan global de l’opération.',
  } as const;
  const a = rec.assessment;
  out.push(
    { heading: REPORT_HEADINGS.assessment, level: 2, blocks: [], pageBreakBefore: true },
    {
      heading: REPORT_HEADINGS.copil,
      level: 3,
      blocks: [a ? { kind: 'p', text: a.finalCopilMinutes } : missing],
    },
    {
      heading: REPORT_HEADINGS.critical,
      level: 3,
      blocks: [a ? { kind: 'p', text: a.criticalView } : missing],
    },
  );
  return out;
}

/** Cover (purpose and date) with the table of contents of the report's level-2 headings below it. */
function frontMatter(n: ReportNumber, body: Section[], asOf: string, generatedOn: string): Section[] {
  const items = body.filter((s) => s.level === 2).map((s) => s.heading);
  return [
    {
      heading: REPORT_HEADINGS.purpose,
      level: 2,
      blocks: [
        { kind: 'p', text: PURPOSE[n] },
        { kind: 'note', text: asOfNote(asOf, generatedOn) },
      ],
    },
    { heading: REPORT_HEADINGS.contents, level: 2, blocks: [{ kind: 'list', items }] },
  ];
}

/** `r` is the full record: the report freezes it at `ed.asOf`. */
export function buildProgressReport(r: ProgrammeRecord, n: ReportNumber, ed: Edition): DocumentModel {
  const asOf = ed.asOf ?? ed.date;
  const rec = recordAsOf(r, asOf);
  const body = n === '1' ? report1(r, rec, ed, asOf) : n === '2' ? report2(rec) : reportFinal(rec, asOf);
  const [firstBody, ...restBody] = body;
  return typeset({
    type: 'progress-report',
    title: REPORT_TITLES[n],
    subtitle: `${r.programme.name} · situation au ${frDate(asOf)}`,
    date: ed.date,
    version: ed.version,
    identification: identification(r, ed, REPORT_TITLES[n]),
    sections: [
      ...frontMatter(n, body, asOf, ed.date),
      ...(firstBody ? [{ ...firstBody, pageBreakBefore: true }, ...restBody] : []),
    ],
  });
}
