import { PROGRAMME_PRESET } from '../../shared/programme/preset';
import type { Identification } from './model';
import type { Edition, ProgrammeRecord } from './record';

/**
 * What the identification prints for a version nobody has submitted yet. Submitting replaces
 * these two texts (in the stored HTML and, through the Docs API's `replaceAllText`, in the
 * Google Doc), so each must appear once in a document: they are nowhere else in it.
 */
export const DRAFT_AUTHOR = 'Désigné à la soumission';
export const DRAFT_STATUS = 'Version de travail, non soumise';

/**
 * The identification every deliverable carries: the contracting authority and consultation
 * (from the programme; a programme stored before these fields existed is the tender's, so it
 * takes the preset's), the contractor, the subject, the author (once submitted), who
 * generated it, version, status and dates.
 */
export function identification(r: ProgrammeRecord, ed: Edition, subject: string): Identification {
  const p = r.programme;
  const preset = p.id === PROGRAMME_PRESET.id ? PROGRAMME_PRESET : undefined;
  const authority = p.authority ?? preset?.authority;
  const consultation = p.consultationNumber ?? preset?.consultationNumber;
  return {
    authority: authority ?? 'Commanditaire non renseigné dans le programme',
    consultation: consultation ? `Consultation n° ${consultation}` : 'Consultation non renseignée',
    programme: p.name,
    contractor: p.contractor ?? 'Prestataire (AMO) non renseigné dans le programme',
    subject,
    author: DRAFT_AUTHOR,
    generatedBy: ed.generatedBy ?? 'Non renseigné',
    version: ed.version,
    status: 'draft',
    asOf: ed.asOf ?? ed.date,
    generatedOn: ed.date,
  };
}
