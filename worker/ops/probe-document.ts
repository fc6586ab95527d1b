import { PROGRAMME_PRESET } from '../../shared/programme/preset';
import type { DocumentModel } from '../documents/model';

const PARAGRAPH =
  'Le territoire a engagé un diagnostic de ses besoins de mobilité professionnelle : tournées des services ' +
  'techniques, livraisons du centre-ville, déplacements des agents entre les sites. Les partenaires rencontrés ' +
  'se disent prêts à essayer des vélos à assistance électrique et des vélos cargos, à condition de disposer ' +
  'd’un stationnement sécurisé et d’un accompagnement pendant les premières semaines.';

/**
 * The doctor's probe: a document shaped like a territory summary (identification, prose,
 * tables, a list), long enough to run over a page, built without any data of the record. Its
 * page count in Google's layout against the local estimate is the ratio the fitter learns.
 */
export function probeDocument(today: string, author: string): DocumentModel {
  const rows = Array.from({ length: 14 }, (_, i) => [
    `Verrou ${i + 1}`,
    'Stationnement sécurisé des vélos cargos près des commerces',
    i % 2 ? 'Levé' : 'En cours',
  ]);
  return {
    type: 'territory-summary',
    title: 'Document d’essai — diagnostic de l’installation VELI VELO',
    subtitle: 'Créé puis mis à la corbeille par le diagnostic (GET /v1/admin/doctor)',
    date: today,
    version: 1,
    identification: {
      authority: 'ADEME — Direction régionale Occitanie',
      consultation: 'Consultation n° 2024001672',
      programme: PROGRAMME_PRESET.name,
      contractor: 'AMO du programme',
      subject: 'Document d’essai',
      author,
      generatedBy: author,
      version: 1,
      status: 'draft',
      asOf: today,
      generatedOn: today,
    },
    sections: [
      {
        heading: 'Constat',
        level: 2,
        blocks: [1, 2, 3].map(() => ({ kind: 'p' as const, text: PARAGRAPH })),
      },
      {
        heading: 'Verrous et solutions',
        level: 2,
        blocks: [{ kind: 'table', columns: ['Verrou', 'Description', 'Statut'], rows, widths: [2, 6, 2] }],
      },
      {
        heading: 'Recommandations',
        level: 2,
        blocks: [
          { kind: 'list', items: rows.slice(0, 8).map((r) => `${r[1]} (${r[0]})`) },
          { kind: 'p', text: `${PARAGRAPH}\n\n${PARAGRAPH}` },
        ],
      },
    ],
  };
}
