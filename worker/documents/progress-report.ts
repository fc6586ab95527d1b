import { frDate } from '../../shared/i18n/typography';
import { actionInReport } from './action-sheet';
import { asOfNote, recordAsOf } from './as-of';
import { SUMMARY_MAX_PAGES } from './budget';
import { identification } from './identify';
import type { DocumentModel, ReportNumber, Section, Shortened } from './model';
import type { Edition, ProgrammeRecord } from './record';
import { programmeTotals, reproducibilityMatrix } from './report-final';
import { phase2Synthesis, programmeProse, programmeSynthesis } from './report-synthesis';
import { SUMMARY_HEADINGS } from './summary-profile';
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
  worked: 'Ce qui a fonctionné',
  didNotWork: 'Ce qui n’a pas fonctionné',
  lessons: 'Enseignements',
  recommendations: 'Recommandations',
} as const;

export const REPORT_TITLES: Record<ReportNumber, string> = {
  '1': 'Rapport d’avancement n° 1 — Phase 1 : stratégie des collectivités',
  '2': 'Rapport d’avancement n° 2 — Phase 2 : accompagnement collectif',
  final: 'Rapport final — Phase 3 : valorisation',
};

const PURPOSE: Record<ReportNumber, string> = {
  '1':
    'Livrable de la phase 1 (cahier des charges, § 2.3.1 et 4). Le rapport s’ouvre sur la synthèse du ' +
    'programme rédigée par l’AMO : constats croisés, verrous communs et recommandations à l’ADEME. ' +
    'Suit, pour chaque territoire, sa synthèse concise de moins de 5 pages : fiche descriptive, ' +
    'stratégie, constat, enjeux et recommandations, état d’avancement, verrous et solutions, indicateurs ' +
    'retenus pour chaque action. Chaque synthèse est celle générée seule à la même date ; le calendrier ' +
    'du programme n’y est pas répété.',
  '2':
    'Livrable de la phase 2 (cahier des charges, § 2.3.2 et 4). Le rapport s’ouvre sur les enseignements ' +
    'transversaux des ateliers rédigés par l’AMO. Suit une fiche par atelier collectif : problématique, ' +
    'verrous et solutions, jeu d’acteurs, exemples de réalisations et contacts, chiffres clés.',
  final:
    'Livrable de la phase 3 (cahier des charges, § 2.3.3 et 4). Le rapport s’ouvre sur le bilan global de ' +
    'l’opération : compte rendu du COPIL final et regard critique du prestataire. Suivent le bilan chiffré, ' +
    'les fiches actions synthétiques regroupées par territoire (description, acteurs, délais de mise en ' +
    'œuvre, verrous, degré de reproductibilité) et la matrice de reproductibilité.',
};

/** Sub-sections of a document: its level-2 headings become level 3 under a report's heading. */
const demote = (sections: Section[]): Section[] => sections.map((s) => ({ ...s, level: 3 }));

/**
 * Each territory's summary, at the strength the stand-alone summary takes on the same date;
 * what each one condensed goes to `shortened`, named with its territory.
 */
function summaries(
  full: ProgrammeRecord,
  rec: ProgrammeRecord,
  ed: Edition,
  shortened: Shortened[],
): Section[] {
  return rec.territories.flatMap((t) => {
    const fit = fitTerritorySummary(full, t, ed, 0, SUMMARY_MAX_PAGES);
    shortened.push(...fit.shortened.map((x) => ({ ...x, label: `${t.name} — ${x.label}` })));
    const head: Section = { heading: summaryTitle(t), level: 2, blocks: [], pageBreakBefore: true };
    if (!fit.fits)
      head.blocks.push({
        kind: 'note',
        text: `Cette synthèse dépasse le format de 5 pages : champs à raccourcir, ${fit.overflow.map((o) => o.label).join(', ')}.`,
      });
    // The programme's calendar is given once, in the report's synthesis.
    const own = fit.doc.sections.filter((s) => s.heading !== SUMMARY_HEADINGS.calendar);
    return [head, ...demote(own)];
  });
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

/** The final report's opening: the minutes of the final COPIL and the critical view, as written. */
function overallAssessment(rec: ProgrammeRecord): Section[] {
  const h = REPORT_HEADINGS;
  const a = rec.assessment;
  const part = (key: 'worked' | 'didNotWork' | 'lessons' | 'recommendations'): Section => ({
    heading: h[key],
    level: 3,
    blocks: [programmeProse(a, `criticalView.${key}`, `${h.critical} — ${h[key].toLowerCase()}`)],
  });
  return [
    { heading: h.assessment, level: 2, blocks: [] },
    { heading: h.copil, level: 3, blocks: [programmeProse(a, 'finalCopilMinutes', h.copil)] },
    { heading: h.critical, level: 2, blocks: [] },
    part('worked'),
    part('didNotWork'),
    part('lessons'),
    part('recommendations'),
  ];
}

function actionSheets(rec: ProgrammeRecord): Section[] {
  const out: Section[] = [];
  for (const t of rec.territories) {
    const actions = rec.actions.filter((a) => a.territoryId === t.id);
    if (!actions.length) continue;
    // Sheets follow each other and the totals: several share a page, none is left half empty.
    out.push({ heading: `${REPORT_HEADINGS.actions} — ${t.name}`, level: 2, blocks: [] });
    out.push(...actions.map((a) => actionInReport(rec, a)));
  }
  if (!out.length)
    out.push({
      heading: REPORT_HEADINGS.actions,
      level: 2,
      blocks: [{ kind: 'note', text: 'Aucune fiche action à cette date.' }],
    });
  return out;
}

function reportFinal(rec: ProgrammeRecord, asOf: string): Section[] {
  return [
    ...overallAssessment(rec),
    { ...programmeTotals(rec, asOf), pageBreakBefore: true },
    ...actionSheets(rec),
    reproducibilityMatrix(rec),
  ];
}

/**
 * Cover (purpose and date) with the table of contents below it: a link to each level-2
 * section (Docs cannot number pages through its API, so the contents are section links).
 */
function frontMatter(n: ReportNumber, body: Section[], asOf: string, generatedOn: string): Section[] {
  const items = body
    .filter((s) => s.level === 2 && s.anchor)
    .map((s) => ({ text: s.heading, anchor: s.anchor! }));
  return [
    {
      heading: REPORT_HEADINGS.purpose,
      level: 2,
      blocks: [
        { kind: 'p', text: PURPOSE[n] },
        { kind: 'note', text: asOfNote(asOf, generatedOn) },
      ],
    },
    { heading: REPORT_HEADINGS.contents, level: 2, blocks: [{ kind: 'links', items }] },
  ];
}

/** `r` is the full record: the report freezes it at `ed.asOf`. */
export function buildProgressReport(r: ProgrammeRecord, n: ReportNumber, ed: Edition): DocumentModel {
  const asOf = ed.asOf ?? ed.date;
  const rec = recordAsOf(r, asOf);
  const shortened: Shortened[] = [];
  const built =
    n === '1'
      ? [...programmeSynthesis(rec, asOf), ...summaries(r, rec, ed, shortened)]
      : n === '2'
        ? report2(rec)
        : reportFinal(rec, asOf);
  const body = built.map(
    (s, i): Section =>
      s.level === 2
        ? { ...s, anchor: `s${i + 1}`, pageBreakBefore: i === 0 || Boolean(s.pageBreakBefore) }
        : s,
  );
  return typeset({
    type: 'progress-report',
    title: REPORT_TITLES[n],
    subtitle: `${r.programme.name} · situation au ${frDate(asOf)}`,
    date: ed.date,
    version: ed.version,
    identification: identification(r, ed, REPORT_TITLES[n]),
    sections: [...frontMatter(n, body, asOf, ed.date), ...body],
    shortened,
  });
}
