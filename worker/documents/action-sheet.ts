import { LABELS } from '../../shared/i18n/labels';
import { reproducibilityDegree } from '../../shared/reproducibility';
import type { DocumentModel, Section } from './model';
import type { ActionRec, Edition, ProgrammeRecord } from './record';
import { nf } from './text';

export const ACTION_HEADINGS = {
  description: 'Description',
  actor: 'Acteur',
  delay: 'Délai de mise en œuvre',
  blockers: 'Verrous',
  reproducibility: 'Degré de reproductibilité',
} as const;

const SCALE: Record<1 | 2 | 3, string> = { 1: '1/3 (faible)', 2: '2/3 (moyen)', 3: '3/3 (élevé)' };

export const actionTitle = (a: ActionRec) => `Fiche action — ${a.title}`;

export function actionSections(r: ProgrammeRecord, a: ActionRec, level: 2 | 3 = 2): Section[] {
  const partner = r.partners.find((p) => p.id === a.partnerId);
  const territory = r.territories.find((t) => t.id === a.territoryId);
  const rp = a.reproducibility;
  return [
    { heading: ACTION_HEADINGS.description, level, blocks: [{ kind: 'p', text: a.description }] },
    {
      heading: ACTION_HEADINGS.actor,
      level,
      blocks: [
        {
          kind: 'fields',
          rows: [
            ['Partenaire', partner ? `${partner.name} (${LABELS.partnerKind[partner.kind]})` : a.partnerId],
            ['Territoire', territory?.name ?? a.territoryId],
            ['Cas d’usage', partner ? LABELS.useCase[partner.useCase.category] : '—'],
          ],
        },
        { kind: 'p', text: a.actors },
      ],
    },
    { heading: ACTION_HEADINGS.delay, level, blocks: [{ kind: 'p', text: a.implementationDelay }] },
    { heading: ACTION_HEADINGS.blockers, level, blocks: [{ kind: 'p', text: a.blockers }] },
    {
      heading: ACTION_HEADINGS.reproducibility,
      level,
      blocks: [
        {
          kind: 'fields',
          rows: [
            ['Facilité de mise en œuvre', SCALE[rp.ease]],
            ['Potentiel de duplication', SCALE[rp.duplicationPotential]],
            ['Nombre d’acteurs impliqués', nf(rp.actorsInvolved)],
            ['Degré de reproductibilité', LABELS.reproducibility[reproducibilityDegree(rp)]],
          ],
        },
        {
          kind: 'note',
          text: 'Degré calculé à partir des trois critères du cahier des charges : facilité, potentiel de duplication et nombre d’acteurs (moins il y a d’acteurs, plus l’action est reproductible).',
        },
      ],
    },
  ];
}

export function buildActionSheet(r: ProgrammeRecord, a: ActionRec, ed: Edition): DocumentModel {
  const partner = r.partners.find((p) => p.id === a.partnerId);
  return {
    type: 'action-sheet',
    title: actionTitle(a),
    subtitle: `${r.programme.name} · Action de ${partner?.name ?? a.partnerId} (phase 3)`,
    date: ed.date,
    version: ed.version,
    sections: actionSections(r, a),
  };
}
