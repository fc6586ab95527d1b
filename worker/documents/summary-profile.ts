import { LABELS } from '../../shared/i18n/labels';
import { frDate, nf, plural } from '../../shared/i18n/typography';
import { joinColon, parens } from '../../shared/i18n/wording';
import type { Block, Section } from './model';
import { properNames } from './names';
import { flat } from './prose';
import { notEntered, prose, proseBlock, type SummaryCtx } from './summary-context';

/** The headings the tender names for the phase 1 summary; tests check each one. */
export const SUMMARY_HEADINGS = {
  descriptive: 'Fiche descriptive',
  strategy: 'Stratégie du territoire',
  needs: 'Besoins du territoire',
  infrastructure: 'Infrastructures, partage de l’espace et stationnement',
  complementarities: 'Complémentarités avec les autres modes',
  planning: 'Place des VELI dans les documents stratégiques',
  assessment: 'Constat, enjeux et recommandations',
  findings: 'Constat',
  stakes: 'Enjeux',
  recommendations: 'Recommandations',
  progress: 'État d’avancement',
  quotas: 'Accompagnement réalisé',
  calendar: 'Calendrier du programme',
  blockers: 'Verrous et solutions',
  indicators: 'Indicateurs par action',
  co2: 'Kilomètres parcourus et CO₂ évité',
} as const;

/** Named contacts (name and role), never e-mail addresses or phone numbers. */
function contactsText(ctx: SummaryCtx): string {
  const all = ctx.t.contacts;
  if (!all.length) return 'Aucun contact nommé à cette date';
  const shown = all.slice(0, ctx.b.contacts).map((c) => `${c.name} ${parens(c.role)}`);
  const rest = all.length - shown.length;
  return `${shown.join(' ; ')}${rest > 0 ? ` ; et ${plural(rest, 'autre contact', 'autres contacts')}` : ''}`;
}

function partnersTable(ctx: SummaryCtx): Block[] {
  let cut = false;
  const rows = ctx.partners.map((p) => {
    const k = prose(
      ctx,
      `partners.${p.id}.useCase.description`,
      `Cas d’usage — ${p.name}`,
      flat(p.useCase.description),
      ctx.b.useCase,
    );
    cut ||= Boolean(k.shortened);
    return [
      p.name,
      LABELS.partnerKind[p.kind],
      joinColon(LABELS.useCase[p.useCase.category], k.text, properNames(ctx.r)),
      (p.vehicles ?? []).join(', ') || '—',
    ];
  });
  const table: Block = {
    kind: 'table',
    columns: ['Partenaire', 'Type', 'Cas d’usage', 'Véhicules'],
    widths: [2.2, 2, 5.5, 2.3],
    rows,
    rest: cut
      ? 'Descriptions abrégées à la fin d’une phrase ([…]) ; le texte intégral reste dans le registre.'
      : undefined,
  };
  return [table];
}

export function descriptive(ctx: SummaryCtx): Section {
  const { t, r } = ctx;
  const c = t.centralCity;
  const contractor = r.programme.contractor ?? 'AMO';
  const blocks: Block[] = [
    {
      kind: 'fields',
      rows: [
        ['Territoire', t.name],
        ['Forme juridique', LABELS.legalForm[t.legalForm]],
        ['Ville centre', `${c.name} (code INSEE ${c.insee}, département ${c.departement})`],
        ['Population de la ville centre (INSEE)', `${nf(c.population)} habitants`],
        ['Contacts du territoire', contactsText(ctx)],
        ['Accompagnement', `${contractor} ${parens(plural(t.consultants.length, 'consultant'))}`],
        [
          'Partenaires',
          ctx.partners.length
            ? `${nf(ctx.partners.length)} sur ${nf(r.programme.maxPartnersPerTerritory)} possibles`
            : 'Aucun partenaire enregistré à cette date',
        ],
      ],
    },
  ];
  if (ctx.partners.length) blocks.push(...partnersTable(ctx));
  return { heading: SUMMARY_HEADINGS.descriptive, level: 2, blocks };
}

function planningTable(ctx: SummaryCtx): Block {
  const docs = ctx.t.assessment?.planningDocuments ?? [];
  if (!docs.length)
    return {
      kind: 'note',
      text: 'Aucun document stratégique renseigné (PDM, PLU ou PLUi, PCAET, PPA, schéma cyclable…).',
    };
  const shown = docs.slice(0, ctx.b.planningRows);
  let cut = false;
  const rows = shown.map((d, i) => {
    const k = prose(
      ctx,
      `assessment.planningDocuments.${i}.veliIntegration`,
      `Documents stratégiques — ${d.title}`,
      flat(d.veliIntegration),
      ctx.b.planningChars,
    );
    cut ||= Boolean(k.shortened);
    return [
      `${LABELS.planningDocumentKind[d.kind]} — ${d.title}`,
      LABELS.planningDocumentStatus[d.status],
      d.revisionDate ? frDate(d.revisionDate) : '—',
      k.text,
    ];
  });
  const left = docs.slice(shown.length);
  const notes = [
    left.length
      ? `${plural(left.length, 'autre document', 'autres documents')} dans le registre : ${left.map((d) => d.title).join(', ')}.`
      : '',
    cut
      ? 'Propositions abrégées à la fin d’une phrase ([…]) ; le texte intégral reste dans le registre.'
      : '',
  ].filter(Boolean);
  return {
    kind: 'table',
    columns: ['Document', 'Statut', 'Révision', 'Ce qui est proposé pour les VELI'],
    widths: [3.2, 1.6, 1.8, 5.4],
    rows,
    rest: notes.join(' ') || undefined,
  };
}

const STRATEGY_FIELDS = [
  ['needs', SUMMARY_HEADINGS.needs],
  ['infrastructure', SUMMARY_HEADINGS.infrastructure],
  ['complementarities', SUMMARY_HEADINGS.complementarities],
] as const;

/** Phase 1's objective: the place of VELI in the territory's strategy and planning documents. */
export function strategy(ctx: SummaryCtx): Section[] {
  const a = ctx.t.assessment;
  const out: Section[] = [{ heading: SUMMARY_HEADINGS.strategy, level: 2, blocks: [] }];
  for (const [key, heading] of STRATEGY_FIELDS) {
    const text = a?.[key]?.trim();
    out.push({
      heading,
      level: 3,
      blocks: [
        text
          ? proseBlock(ctx, `assessment.${key}`, heading, text, ctx.b.prose)
          : notEntered(ctx, key, heading),
      ],
    });
  }
  out.push({ heading: SUMMARY_HEADINGS.planning, level: 3, blocks: [planningTable(ctx)] });
  return out;
}

/** Constat, enjeux, recommandations: the last are never shortened. */
export function assessment(ctx: SummaryCtx): Section[] {
  const a = ctx.t.assessment;
  const h = SUMMARY_HEADINGS;
  const block = (key: 'findings' | 'stakes' | 'recommendations', label: string, max?: number) =>
    a ? proseBlock(ctx, `assessment.${key}`, label, a[key], max) : notEntered(ctx, key, label);
  return [
    { heading: h.assessment, level: 2, blocks: [] },
    { heading: h.findings, level: 3, blocks: [block('findings', h.findings, ctx.b.prose)] },
    { heading: h.stakes, level: 3, blocks: [block('stakes', h.stakes, ctx.b.prose)] },
    { heading: h.recommendations, level: 3, blocks: [block('recommendations', h.recommendations)] },
  ];
}
