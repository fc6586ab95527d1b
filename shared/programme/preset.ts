import type { Programme } from '../schemas/programme';

/**
 * The tender's preset (ADEME Occitanie, consultation 2024001672). These are defaults for a
 * programme record, never constants: another region or a national roll-out stores its own.
 * Milestone dates are the last day of the month the tender's calendar names.
 */
export const PROGRAMME_PRESET: Programme = {
  id: 'veli-velo-occitanie-2025',
  name: 'VELI VELO Occitanie',
  regionCode: '76',
  minCentralCityPopulation: 4500,
  maxTerritories: 10,
  maxPartnersPerTerritory: 3,
  minutesPerDay: 420,
  warnAtRatio: 0.8,
  timezone: 'Europe/Paris',
  authority: 'ADEME — Direction régionale Occitanie',
  consultationNumber: '2024001672',
  startDate: '2025-02-01',
  endDate: '2026-06-30',
  quotas: {
    diagnosticDaysPerTerritory: 4,
    territoryInterviewsPerTerritory: 1,
    collectiveSupportsPerTerritory: 5,
    collectiveSupportMinutes: 120,
    workshopsTotal: 4,
    partnerSupportsPerPartner: 4,
    partnerSupportMinutes: 120,
    copilTotal: 3,
    ademeMonthlyMaxMinutes: 60,
    teamBuildingEvents: 1,
    closingEvents: 1,
    virtualEvents: 1,
    ademeKickoffs: 1,
  },
  milestones: [
    { key: 'launch', label: 'Lancement officiel (ADEME et COPIL)', due: '2025-02-28' },
    {
      key: 'territory-contacts',
      label: 'Prise de contact individuelle avec chaque territoire',
      due: '2025-04-30',
    },
    { key: 'copil-phase-2', label: 'Débrief COPIL accompagnement (phase 2)', due: '2025-05-31' },
    { key: 'virtual-event', label: 'Événement collectif virtuel', due: '2025-06-30' },
    {
      key: 'partner-actions',
      label: 'Mise en place des actions par les partenaires',
      start: '2025-09-01',
      due: '2025-12-31',
    },
    { key: 'copil-phase-3', label: 'Débrief COPIL valorisation (phase 3)', due: '2026-03-31' },
    { key: 'closing-event', label: 'Événement de clôture', due: '2026-06-30' },
  ],
};
