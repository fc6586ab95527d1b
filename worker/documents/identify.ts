import { PROGRAMME_PRESET } from '../../shared/programme/preset';
import type { Identification } from './model';
import type { Edition, ProgrammeRecord } from './record';

/**
 * The identification every deliverable carries: the contracting authority and consultation
 * (from the programme; a programme stored before these fields existed is the tender's, so it
 * takes the preset's), the contractor, the subject, the author, version, status and dates.
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
    author: ed.author ?? 'Non renseigné',
    version: ed.version,
    status: ed.status ?? 'draft',
    asOf: ed.asOf ?? ed.date,
    generatedOn: ed.date,
  };
}
