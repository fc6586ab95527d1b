import { LABELS } from '../../shared/i18n/labels';
import { frDate, nf, plural, qty } from '../../shared/i18n/typography';
import { de, joinColon, lowerLabel, parens } from '../../shared/i18n/wording';
import { reproducibilityDegree, reproducibilityScore } from '../../shared/reproducibility';
import { recordAsOf, withAsOfNote } from './as-of';
import { co2Range, co2Text, veliOf } from './co2';
import { identification } from './identify';
import { co2Blocks, kmByPartner, seriesOf, targetText, trendText, valuesText } from './indicators';
import type { Block, DocumentModel, Section } from './model';
import { properNames } from './names';
import type { ActionRec, Edition, IndicatorRec, ProgrammeRecord } from './record';
import { typeset } from './typeset';

export const ACTION_HEADINGS = {
  status: 'Statut, calendrier et acteurs',
  description: 'Description',
  blockers: 'Verrous et solutions',
  results: 'Résultats',
  reproducibility: 'Degré de reproductibilité',
} as const;

export const actionTitle = (a: ActionRec) => `Fiche action — ${a.title}`;

/** How the degree is scored, printed wherever a degree is (shared/reproducibility.ts). */
export const REPRODUCIBILITY_METHOD =
  'Méthode : facilité de mise en œuvre (1 à 3) + potentiel de duplication (1 à 3) + note du nombre ' +
  'd’acteurs impliqués (3 pour deux acteurs ou moins, 2 de trois à cinq, 1 au-delà : moins il y a ' +
  'd’acteurs, plus l’action se reproduit facilement), soit un score sur 9 ; 8 ou 9 : élevé, 6 ou 7 : moyen, 5 ou moins : faible.';

const SCALE: Record<1 | 2 | 3, string> = {
  1: '1 sur 3 (faible)',
  2: '2 sur 3 (moyen)',
  3: '3 sur 3 (élevé)',
};

function statusRows(r: ProgrammeRecord, a: ActionRec): [string, string][] {
  const partner = r.partners.find((p) => p.id === a.partnerId);
  const territory = r.territories.find((t) => t.id === a.territoryId);
  return [
    ['Statut', a.status ? LABELS.actionStatus[a.status] : 'Non renseigné'],
    [
      'Dates',
      `${a.startDate ? `début le ${frDate(a.startDate)}` : 'début non renseigné'} ; ${a.endDate ? `fin le ${frDate(a.endDate)}` : 'fin non renseignée'}`,
    ],
    ['Délai de mise en œuvre', a.implementationDelay],
    ['Territoire', territory?.name ?? a.territoryId],
    [
      'Partenaire (acteur)',
      partner ? `${partner.name} ${parens(LABELS.partnerKind[partner.kind])}` : a.partnerId,
    ],
    ['Cas d’usage', partner ? LABELS.useCase[partner.useCase.category] : '—'],
    ['VELI déployé', a.vehicleType ? LABELS.veliType[a.vehicleType] : 'Non précisé'],
    ['Acteurs impliqués', a.actors],
  ];
}

/** The blockers as written on the sheet, their solutions, and the partner's blockers of the record. */
function blockerBlocks(r: ProgrammeRecord, a: ActionRec, labelled = false): Block[] {
  const names = properNames(r);
  const out: Block[] = [{ kind: 'p', text: labelled ? joinColon('Verrous', a.blockers, names) : a.blockers }];
  if (a.solutions?.trim()) out.push({ kind: 'p', text: joinColon('Solutions', a.solutions, names) });
  const recorded = r.blockers.filter((b) => b.partnerId === a.partnerId);
  if (recorded.length)
    out.push({
      kind: 'table',
      columns: ['Verrou du registre', 'Statut', 'Solution'],
      widths: [4, 1.6, 6],
      rows: recorded.map((b) => [b.title, LABELS.blockerStatus[b.status], b.solution?.trim() || '—']),
    });
  return out;
}

/** Kilometres and CO₂ of a compact sheet in one line (the report states the method once). */
function co2Line(r: ProgrammeRecord, a: ActionRec, values: readonly IndicatorRec[]): Block[] {
  const k = kmByPartner(values).get(a.partnerId);
  if (!k) return [];
  const veli = veliOf(r.actions, a.partnerId);
  return [
    {
      kind: 'p',
      text: `Kilomètres VELI : ${qty(k.km, 'km')} ${parens(plural(k.counted.length, 'période', 'périodes'))} ; CO₂ évité : ${co2Text(co2Range(k.km, veli))} ${parens(lowerLabel(LABELS.veliType[veli]))}.`,
    },
  ];
}

function resultBlocks(r: ProgrammeRecord, a: ActionRec, compact = false): Block[] {
  const values = r.indicators.filter((i) => i.partnerId === a.partnerId);
  const series = seriesOf(values);
  const table: Block = series.length
    ? {
        kind: 'table',
        columns: ['Indicateur', 'Valeurs par période', 'Cible', 'Tendance'],
        widths: [2.6, 5, 2.2, 2.2],
        rows: series.map((s) => [s.name, valuesText(s, 4), targetText(s), trendText(s)]),
      }
    : { kind: 'note', text: 'Aucune valeur d’indicateur pour une période close à cette date.' };
  return [table, ...(compact ? co2Line(r, a, values) : co2Blocks(r, values, () => a.title))];
}

export function reproducibilityRows(a: ActionRec): [string, string][] {
  const rp = a.reproducibility;
  const score = reproducibilityScore(rp);
  return [
    ['Facilité de mise en œuvre', SCALE[rp.ease]],
    ['Potentiel de duplication', SCALE[rp.duplicationPotential]],
    ['Nombre d’acteurs impliqués', `${nf(rp.actorsInvolved)} (note ${score.actors} sur 3)`],
    ['Score', `${score.total} sur 9`],
    ['Degré de reproductibilité', LABELS.reproducibility[reproducibilityDegree(rp)]],
  ];
}

/** The stand-alone sheet's sections. */
export function actionSections(r: ProgrammeRecord, a: ActionRec): Section[] {
  const h = ACTION_HEADINGS;
  return [
    { heading: h.status, level: 2, blocks: [{ kind: 'fields', rows: statusRows(r, a) }] },
    { heading: h.description, level: 2, blocks: [{ kind: 'p', text: a.description }] },
    { heading: h.blockers, level: 2, blocks: blockerBlocks(r, a) },
    { heading: h.results, level: 2, blocks: resultBlocks(r, a) },
    {
      heading: h.reproducibility,
      level: 2,
      blocks: [
        { kind: 'fields', rows: reproducibilityRows(a) },
        { kind: 'note', text: REPRODUCIBILITY_METHOD },
      ],
    },
  ];
}

/**
 * The same sheet in a report: one level-3 section, no page break, so several share a page;
 * the methods (CO₂, degree) are stated once, under the report's totals and matrix.
 */
export function actionInReport(r: ProgrammeRecord, a: ActionRec): Section {
  const rp = a.reproducibility;
  const degree = `${LABELS.reproducibility[reproducibilityDegree(rp)]} (score ${reproducibilityScore(rp).total} sur 9)`;
  return {
    heading: actionTitle(a),
    level: 3,
    blocks: [
      { kind: 'fields', rows: [...statusRows(r, a), ['Degré de reproductibilité', degree]] },
      { kind: 'p', text: joinColon('Description', a.description, properNames(r)) },
      ...blockerBlocks(r, a, true),
      ...resultBlocks(r, a, true),
    ],
  };
}

/** `r` is the full record: the sheet reads the action and its results as of `ed.asOf`. */
export function buildActionSheet(r: ProgrammeRecord, a: ActionRec, ed: Edition): DocumentModel {
  const asOf = ed.asOf ?? ed.date;
  const rec = recordAsOf(r, asOf);
  const action = rec.actions.find((x) => x.id === a.id) ?? a;
  const partner = r.partners.find((p) => p.id === a.partnerId);
  return typeset({
    type: 'action-sheet',
    title: actionTitle(action),
    subtitle: `${r.programme.name} · Action ${de(partner?.name ?? a.partnerId)} (phase 3 : valorisation)`,
    date: ed.date,
    version: ed.version,
    identification: identification(r, ed, actionTitle(action)),
    sections: withAsOfNote(actionSections(rec, action), asOf, ed.date),
  });
}
