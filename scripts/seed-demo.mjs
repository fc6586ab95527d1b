// The demo programme: ten real Occitanie territories (central cities over 4,500 inhabitants),
// 1–3 partners each and some months of sessions, blockers, indicators, workshops and actions.
// Every record has a fixed id and a fixed body, so a second run replays (200) and adds nothing.
import { client } from './lib.mjs';

const CLAIRE = 'claire.martin@amo.example';
const JULIEN = 'julien.roux@amo.example';
const VIEWER = 'lecteur@ademe.example';

const TERRITORIES = [
  ['t-albi', 'Communauté d’agglomération de l’Albigeois', 'ca', '81004', CLAIRE],
  ['t-carcassonne', 'Carcassonne Agglo', 'ca', '11069', CLAIRE],
  ['t-auch', 'Grand Auch Cœur de Gascogne', 'ca', '32013', CLAIRE],
  ['t-rodez', 'Rodez Agglomération', 'ca', '12202', CLAIRE],
  ['t-castelnaudary', 'PETR du Pays Lauragais', 'petr', '11076', CLAIRE],
  ['t-figeac', 'Communauté de communes Grand-Figeac', 'cc', '46102', JULIEN],
  ['t-millau', 'Parc naturel régional des Grands Causses', 'pnr', '12145', JULIEN],
  ['t-tarbes', 'Tarbes-Lourdes-Pyrénées', 'ca', '65440', JULIEN],
  ['t-ales', 'Alès Agglomération', 'ca', '30007', JULIEN],
  ['t-lodeve', 'Pays Cœur d’Hérault', 'pays', '34142', JULIEN],
];

const PARTNER_TEMPLATES = [
  [
    'company',
    'commute',
    'Entreprise',
    'Prêt de vélos cargos électriques aux salariés pour les trajets domicile-travail.',
    ['Vélo cargo électrique', 'VAE'],
  ],
  [
    'tourism',
    'tourism',
    'Office de tourisme',
    'Location de VAE familiaux aux visiteurs, en complément des usages de l’année.',
    ['VAE familial', 'Vélo cargo biporteur'],
  ],
  [
    'care',
    'regular-rounds',
    'EHPAD',
    'Tournées du personnel soignant en véhicule léger électrique (L6e).',
    ['Quadricycle léger L6e'],
  ],
  [
    'logistics',
    'last-mile-logistics',
    'Transporteur',
    'Livraisons du dernier kilomètre en triporteur électrique dans l’hypercentre.',
    ['Triporteur électrique'],
  ],
  [
    'public',
    'public-fleet',
    'Services techniques',
    'Remplacement de véhicules utilitaires de la flotte municipale par des VELI.',
    ['Vélo utilitaire', 'Vélomobile'],
  ],
];

const pad = (n) => String(n).padStart(2, '0');

export async function seedDemo(base, admin) {
  const api = client(base, admin);
  const created = { created: 0, replayed: 0, updated: 0 };
  const put = async (method, path, body) => {
    const res = await api(method, path, body);
    if (res.status === 201) created.created++;
    else if (res.status === 200) created[method === 'POST' ? 'replayed' : 'updated']++;
    else throw new Error(`${method} ${path} → ${res.status} ${JSON.stringify(res.body)}`);
    return res.body;
  };

  for (const [email, role] of [
    [CLAIRE, 'consultant'],
    [JULIEN, 'consultant'],
    [VIEWER, 'viewer'],
  ]) {
    await put('POST', '/v1/members', { email, role });
  }

  const { assessment: _pa, ...programme } = (await api('GET', '/v1/programme')).body;
  await put('PUT', '/v1/programme', {
    ...programme,
    contractor: 'Mobilités Légères Conseil (AMO de démonstration)',
  });

  let session = 0;
  const logSession = (body) =>
    put('POST', '/v1/sessions', {
      id: `s-${pad(++session)}-${body.kind}`,
      mode: 'remote',
      participants: 4,
      ...body,
    });

  await logSession({
    kind: 'ademe-kickoff',
    date: '2025-02-12',
    durationMinutes: 90,
    summary: 'Recalage du calendrier, démarche nationale eXtrême Défi, outils existants.',
  });
  for (let m = 3; m <= 12; m++) {
    await logSession({
      kind: 'ademe-monthly',
      date: `2025-${pad(m)}-05`,
      durationMinutes: 45,
      participants: 2,
      summary: `Point mensuel ADEME — avancement du mois ${pad(m)}/2025.`,
    });
  }
  await logSession({
    kind: 'copil',
    date: '2025-02-25',
    durationMinutes: 120,
    participants: 9,
    mode: 'on-site',
    summary: 'COPIL de lancement avec la cellule France Mobilités Occitanie et la Région.',
  });
  await logSession({
    kind: 'team-building',
    date: '2025-04-15',
    durationMinutes: 240,
    participants: 28,
    mode: 'on-site',
    summary: 'Rencontre « team building » des dix territoires à Toulouse.',
  });

  for (const [i, [id, name, legalForm, insee, consultant]] of TERRITORIES.entries()) {
    await put('POST', '/v1/territories', {
      id,
      name,
      legalForm,
      centralCityInsee: insee,
      consultants: [consultant],
      contacts: [
        { name: `Référent mobilité ${name.split(' ').at(-1)}`, role: 'Chargé(e) de mission mobilité' },
      ],
    });
    const partnerCount = 1 + (i % 3);
    const partners = [];
    for (let k = 0; k < partnerCount; k++) {
      const [kind, category, label, description, vehicles] =
        PARTNER_TEMPLATES[(i + k) % PARTNER_TEMPLATES.length];
      const p = await put('POST', `/v1/territories/${id}/partners`, {
        id: `${id}-p${k + 1}`,
        name: `${label} partenaire ${k + 1} — ${name.split(' ').at(-1)}`,
        kind,
        useCase: { category, description },
        vehicles,
      });
      partners.push(p);
    }
    await logSession({
      kind: 'territory-interview',
      territoryId: id,
      date: `2025-03-${pad(10 + i)}`,
      durationMinutes: 90,
      summary: `Entretien individuel : compréhension des actions, fiche descriptive, points de blocage.`,
    });
    for (let d = 0; d < 2 + (i % 3); d++) {
      await logSession({
        kind: 'diagnostic',
        territoryId: id,
        date: `2025-04-${pad(2 + d * 7)}`,
        durationMinutes: 420,
        summary: `Journée de diagnostic n° ${d + 1} : place des VELI dans le plan de mobilité.`,
      });
    }
    for (let s = 0; s < 1 + (i % 5); s++) {
      await logSession({
        kind: 'collective-support',
        territoryId: id,
        date: `2025-0${5 + s}-${pad(12 + i)}`,
        durationMinutes: 120,
        participants: 6,
        summary: `Appui collectif n° ${s + 1} avec les partenaires impliqués.`,
      });
    }
    for (const [k, p] of partners.entries()) {
      for (let s = 0; s < (i + k) % 4; s++) {
        await logSession({
          kind: 'partner-support',
          territoryId: id,
          partnerId: p.id,
          date: `2025-${pad(9 + s)}-${pad(3 + k)}`,
          durationMinutes: 120,
          participants: 3,
          summary: `Accompagnement individuel n° ${s + 1} : levée des verrous de mise en œuvre.`,
        });
      }
      await put('POST', '/v1/indicators', {
        id: `${p.id}-usage-q4`,
        territoryId: id,
        partnerId: p.id,
        indicator: 'usage-rate',
        unit: '%',
        periodStart: '2025-10-01',
        periodEnd: '2025-12-31',
        value: 35 + ((i * 7 + k * 11) % 50),
        target: 70,
      });
      await put('POST', '/v1/indicators', {
        id: `${p.id}-km-q4`,
        territoryId: id,
        partnerId: p.id,
        indicator: 'km',
        unit: 'km',
        periodStart: '2025-10-01',
        periodEnd: '2025-12-31',
        value: 400 + i * 130 + k * 90,
      });
      await put('POST', '/v1/actions', {
        id: `${p.id}-action`,
        partnerId: p.id,
        title: `Déploiement de VELI — ${p.name}`,
        description: p.useCase.description,
        actors: 'Collectivité, partenaire, AMO, loueur de véhicules',
        implementationDelay: '3 à 6 mois',
        blockers: 'Assurance des véhicules et stationnement sécurisé.',
        status: ['in-progress', 'done', 'planned'][(i + k) % 3],
        startDate: `2025-${pad(9 + k)}-01`,
        ...((i + k) % 3 === 1 ? { endDate: '2025-12-19' } : {}),
        solutions:
          'Contrat d’assurance flotte négocié avec le loueur ; abri fermé prêté par la collectivité.',
        vehicleType: ['cargo-bike', 'e-bike', 'other-veli', 'cargo-bike', 'e-bike'][(i + k) % 5],
        reproducibility: {
          ease: 1 + ((i + k) % 3),
          duplicationPotential: 1 + ((i + 2 * k) % 3),
          actorsInvolved: 2 + ((i + k) % 5),
        },
      });
    }
    await put('POST', '/v1/blockers', {
      id: `${id}-b1`,
      territoryId: id,
      category: 'parking',
      title: 'Stationnement sécurisé des vélos cargos',
      description: 'Pas d’abri fermé adapté aux vélos cargos près des lieux de travail.',
      owner: 'territory',
      status: i % 2 ? 'resolved' : 'in-progress',
      ...(i % 2 ? { solution: 'Abri sécurisé financé par le fonds mobilités durables.' } : {}),
    });
    await put('POST', '/v1/blockers', {
      id: `${id}-b2`,
      territoryId: id,
      partnerId: partners[0].id,
      category: 'insurance',
      title: 'Assurance des véhicules prêtés',
      description: 'L’assureur du partenaire ne couvre pas le prêt de véhicules aux salariés.',
      owner: 'partner',
      status: 'open',
    });
    if (i < 6) {
      await put('PUT', `/v1/territories/${id}/assessment`, {
        findings: `${name} : des trajets courts nombreux et une forte dépendance à la voiture individuelle.`,
        stakes:
          'Réduire l’usage de la voiture sur les trajets de moins de 10 km et structurer une offre VELI.',
        recommendations:
          'Intégrer les VELI au plan de mobilité, prévoir du stationnement sécurisé, lancer des essais longue durée.',
        needs:
          'Trajets domicile-travail de 5 à 15 km vers la ville centre, peu desservis par les transports en commun ; relief modéré.',
        infrastructure:
          'Pistes cyclables trop étroites pour les vélos cargos par endroits ; aucun stationnement sécurisé adapté près des zones d’activité.',
        complementarities:
          'Rabattement vers la gare TER et les lignes de car régionales ; complément du vélo en libre-service.',
        planningDocuments: [
          {
            kind: 'pdm',
            title: `Plan de mobilité ${name.split(' ').at(-1)}`,
            status: i % 2 ? 'in-revision' : 'in-force',
            revisionDate: '2026-03-31',
            veliIntegration:
              'Une fiche action « véhicules intermédiaires » est proposée lors de la révision.',
          },
          {
            kind: 'pcaet',
            title: 'PCAET',
            status: 'in-force',
            veliIntegration: 'Ajouter les VELI aux actions de report modal de l’axe mobilité.',
          },
        ],
      });
    }
  }

  const workshops = [
    [1, 't-albi', '2025-05-20', 'Stationnement et aménagements pour les VELI'],
    [2, 't-millau', '2025-06-17', 'Modèles économiques : location longue durée et autopartage'],
    [3, 't-tarbes', '2025-09-23', 'Assurance et réglementation des véhicules intermédiaires'],
  ];
  for (const [number, host, date, theme] of workshops) {
    await logSession({
      kind: 'workshop',
      territoryId: host,
      date,
      durationMinutes: 210,
      participants: 18,
      summary: `Atelier collectif n° ${number} : ${theme}.`,
    });
    await put('POST', '/v1/workshops', {
      id: `w-${number}`,
      number,
      theme,
      date,
      hostTerritoryId: host,
      participants: 18,
      problem: `Comment lever les freins liés à : ${theme.toLowerCase()} ?`,
      blockersAndSolutions:
        'Verrous identifiés par les territoires et solutions testées par les partenaires.',
      actors: 'Collectivités, entreprises partenaires, loueurs, assureurs, ADEME.',
      examplesAndContacts: 'Retour d’expérience du territoire hôte ; contacts des référents mobilité.',
      keyFigures: [
        { label: 'Participants', value: '18' },
        { label: 'Territoires représentés', value: '8' },
      ],
      format: number === 1 ? 'eductour' : 'participatory-workshop',
      participatingTerritoryIds: TERRITORIES.slice(0, 6).map(([tid]) => tid),
      solutions: [
        {
          blocker: 'Pas de stationnement sécurisé',
          solution: 'Abris fermés financés par le fonds mobilités durables.',
          category: 'parking',
        },
        {
          blocker: 'Assurance des véhicules prêtés',
          solution: 'Contrat flotte négocié avec le loueur.',
          category: 'insurance',
        },
      ],
      examples: [
        {
          achievement: 'Abri sécurisé pour vélos cargos en gare',
          place: 'Albi',
          contact: 'Service mobilité de l’agglomération',
        },
      ],
      lessons: 'Les solutions se partagent mieux sur le terrain : chaque territoire repart avec un contact.',
    });
  }
  await logSession({
    kind: 'virtual-event',
    date: '2025-06-26',
    durationMinutes: 120,
    participants: 64,
    summary: 'Événement collectif virtuel : retours des premières expérimentations.',
  });
  await logSession({
    kind: 'copil',
    date: '2025-05-27',
    durationMinutes: 120,
    participants: 8,
    summary: 'Débrief COPIL accompagnement (phase 2).',
  });

  await put('PUT', '/v1/programme/assessment', {
    finalCopilMinutes: 'COPIL final (démonstration) : bilan des actions, suites à donner par territoire.',
    criticalView:
      'Regard critique du prestataire (démonstration) : les verrous d’assurance ont pesé plus que prévu.',
  });

  // Run the nightly check once so the demo shows alerts (same alerts on every start).
  const check = await api('POST', '/v1/checks/run', {});
  const alerts = await api('GET', '/v1/alerts?status=open');
  const alertCount =
    check.status === 200
      ? `${alerts.body?.alerts?.length ?? 0} alertes ouvertes`
      : 'contrôle nocturne non lancé';
  return `${TERRITORIES.length} territoires, ${session} séances, ${alertCount} (${created.created} enregistrements créés, ${created.replayed} déjà présents)`;
}
