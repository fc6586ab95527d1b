import { frDate } from '../../shared/i18n/messages';
import type { DocumentModel, Section } from './model';
import type { Edition, ProgrammeRecord, WorkshopRec } from './record';
import { nf } from './text';

export const WORKSHOP_HEADINGS = {
  problem: 'Problématique',
  blockers: 'Verrous et solutions',
  actors: 'Jeu d’acteurs',
  examples: 'Exemples de réalisations et contacts',
  figures: 'Chiffres clés',
} as const;

export const workshopTitle = (w: WorkshopRec) => `Fiche atelier n° ${w.number} — ${w.theme}`;

export function workshopSections(r: ProgrammeRecord, w: WorkshopRec, level: 2 | 3 = 2): Section[] {
  const host = r.territories.find((t) => t.id === w.hostTerritoryId);
  return [
    {
      heading: 'Atelier',
      level,
      blocks: [
        {
          kind: 'fields',
          rows: [
            ['Thème', w.theme],
            ['Date', frDate(w.date)],
            ['Territoire d’accueil', host?.name ?? w.hostTerritoryId],
            ['Participants', nf(w.participants)],
          ],
        },
      ],
    },
    { heading: WORKSHOP_HEADINGS.problem, level, blocks: [{ kind: 'p', text: w.problem }] },
    { heading: WORKSHOP_HEADINGS.blockers, level, blocks: [{ kind: 'p', text: w.blockersAndSolutions }] },
    { heading: WORKSHOP_HEADINGS.actors, level, blocks: [{ kind: 'p', text: w.actors }] },
    { heading: WORKSHOP_HEADINGS.examples, level, blocks: [{ kind: 'p', text: w.examplesAndContacts }] },
    {
      heading: WORKSHOP_HEADINGS.figures,
      level,
      blocks: [
        w.keyFigures.length
          ? {
              kind: 'table',
              columns: ['Chiffre clé', 'Valeur'],
              widths: [3, 2],
              rows: w.keyFigures.map((f) => [f.label, `${f.value}${f.unit ? ` ${f.unit}` : ''}`]),
            }
          : { kind: 'note', text: 'Aucun chiffre clé saisi.' },
      ],
    },
  ];
}

export function buildWorkshopSheet(r: ProgrammeRecord, w: WorkshopRec, ed: Edition): DocumentModel {
  return {
    type: 'workshop-sheet',
    title: workshopTitle(w),
    subtitle: `${r.programme.name} · Atelier collectif (phase 2)`,
    date: ed.date,
    version: ed.version,
    sections: workshopSections(r, w),
  };
}
