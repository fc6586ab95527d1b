import { LABELS } from '../../shared/i18n/labels';
import { reproducibilityDegree } from '../../shared/reproducibility';
import { actionSections, actionTitle } from './action-sheet';
import { SUMMARY_BUDGETS } from './budget';
import { CO2_SOURCE, co2AvoidedKg } from './co2';
import type { DocumentModel, ReportNumber, Section } from './model';
import type { Edition, ProgrammeRecord } from './record';
import { territorySections } from './territory-summary';
import { nf } from './text';
import { workshopSections, workshopTitle } from './workshop-sheet';

export const REPORT_HEADINGS = {
  overview: 'Vue d’ensemble des territoires',
  actions: 'Fiches actions',
  assessment: 'Bilan global de l’opération',
  copil: 'Compte rendu du COPIL final',
  critical: 'Regard critique du prestataire',
  workshops: 'Fiches ateliers',
  territories: 'Synthèses territoriales',
} as const;

export const REPORT_TITLES: Record<ReportNumber, string> = {
  '1': 'Rapport d’avancement n° 1 — Phase 1 : stratégie',
  '2': 'Rapport d’avancement n° 2 — Phase 2 : accompagnement collectif',
  final: 'Rapport final — Phase 3 : valorisation',
};

/** Sub-sections of a sheet: its own level-2 headings become level 3 under the sheet's title. */
const demote = (sections: Section[]): Section[] => sections.map((s) => ({ ...s, level: 3 }));

function report1(r: ProgrammeRecord, ed: Edition): Section[] {
  const out: Section[] = [
    {
      heading: REPORT_HEADINGS.territories,
      level: 2,
      blocks: [
        r.territories.length
          ? { kind: 'list', items: r.territories.map((t) => `${t.name} (${t.centralCity.name})`) }
          : { kind: 'note', text: 'Aucun territoire enregistré.' },
      ],
    },
  ];
  // Each territory's summary, at the budget the stand-alone summary uses for large records.
  for (const t of r.territories) {
    out.push({ heading: `Synthèse territoriale — ${t.name}`, level: 2, blocks: [], pageBreakBefore: true });
    out.push(...demote(territorySections(r, t, ed.date, SUMMARY_BUDGETS[2]!)));
  }
  return out;
}

function report2(r: ProgrammeRecord): Section[] {
  const workshops = [...r.workshops].sort((a, b) => a.number - b.number);
  const out: Section[] = [
    {
      heading: REPORT_HEADINGS.workshops,
      level: 2,
      blocks: [
        workshops.length
          ? { kind: 'list', items: workshops.map(workshopTitle) }
          : { kind: 'note', text: 'Aucun atelier collectif enregistré.' },
      ],
    },
  ];
  for (const w of workshops) {
    out.push({ heading: workshopTitle(w), level: 2, blocks: [], pageBreakBefore: true });
    out.push(...workshopSections(r, w, 3));
  }
  return out;
}

function overview(r: ProgrammeRecord): Section {
  const rows = r.territories.map((t) => {
    const partners = r.partners.filter((p) => p.territoryId === t.id).length;
    const sessions = r.sessions.filter((s) => s.territoryId === t.id).length;
    const blockers = r.blockers.filter((b) => b.territoryId === t.id);
    const lifted = blockers.filter((b) => b.status === 'resolved').length;
    const actions = r.actions.filter((a) => a.territoryId === t.id).length;
    const km = r.indicators
      .filter((i) => i.territoryId === t.id && i.indicator === 'km')
      .reduce((a, i) => a + i.value, 0);
    return [
      t.name,
      `${t.centralCity.name} (${nf(t.centralCity.population)} hab.)`,
      nf(partners),
      nf(sessions),
      `${nf(lifted)} / ${nf(blockers.length)}`,
      nf(actions),
      `${nf(km)} km · ${nf(co2AvoidedKg(km), 1)} kg`,
    ];
  });
  return {
    heading: REPORT_HEADINGS.overview,
    level: 2,
    blocks: rows.length
      ? [
          {
            kind: 'table',
            columns: [
              'Territoire',
              'Ville centre',
              'Partenaires',
              'Séances',
              'Verrous levés / total',
              'Actions',
              'VELI · CO₂ évité',
            ],
            widths: [3, 3, 1.5, 1.5, 2, 1.5, 3],
            rows,
          },
          { kind: 'note', text: CO2_SOURCE },
        ]
      : [{ kind: 'note', text: 'Aucun territoire enregistré.' }],
  };
}

function reportFinal(r: ProgrammeRecord): Section[] {
  const out: Section[] = [overview(r)];
  out.push({
    heading: REPORT_HEADINGS.actions,
    level: 2,
    blocks: [
      r.actions.length
        ? {
            kind: 'table',
            columns: ['Action', 'Partenaire', 'Reproductibilité'],
            widths: [5, 3, 2],
            rows: r.actions.map((a) => [
              a.title,
              r.partners.find((p) => p.id === a.partnerId)?.name ?? a.partnerId,
              LABELS.reproducibility[reproducibilityDegree(a.reproducibility)],
            ]),
          }
        : { kind: 'note', text: 'Aucune fiche action enregistrée.' },
    ],
  });
  for (const a of r.actions) {
    out.push({ heading: actionTitle(a), level: 2, blocks: [], pageBreakBefore: true });
    out.push(...actionSections(r, a, 3));
  }
  const missing = {
    kind: 'note',
    text: 'Non encore saisi (bilan global à renseigner par l’ADEME).',
  } as const;
  out.push(
    { heading: REPORT_HEADINGS.assessment, level: 2, blocks: [], pageBreakBefore: true },
    {
      heading: REPORT_HEADINGS.copil,
      level: 3,
      blocks: [r.assessment ? { kind: 'p', text: r.assessment.finalCopilMinutes } : missing],
    },
    {
      heading: REPORT_HEADINGS.critical,
      level: 3,
      blocks: [r.assessment ? { kind: 'p', text: r.assessment.criticalView } : missing],
    },
  );
  return out;
}

export function buildProgressReport(r: ProgrammeRecord, n: ReportNumber, ed: Edition): DocumentModel {
  const sections = n === '1' ? report1(r, ed) : n === '2' ? report2(r) : reportFinal(r);
  return {
    type: 'progress-report',
    title: REPORT_TITLES[n],
    subtitle: r.programme.name,
    date: ed.date,
    version: ed.version,
    sections,
  };
}
