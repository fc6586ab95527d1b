import { ProgrammeAnswer, ProgrammeAssessmentAnswer } from '../../shared/api/programme';
import { mergeAssessment } from '../../shared/documents/assessment';
import { ProgrammeAssessment, ProgrammeUpdate } from '../../shared/schemas';
import { ADMIN, ALL, WRITERS } from '../auth/policy';
import {
  getStoredProgramme,
  putProgramme,
  putProgrammeAssessment,
  type StoredProgramme,
} from '../db/programme';
import { route } from '../http/route';
import { auditContext, type Ctx } from './context';
import { withEtag, writeVersioned } from './versioned';

/** GET /v1/programme's body (and the snapshot's `programme` part). */
export const presentProgramme = (s: StoredProgramme) => ({ ...s.programme, assessment: s.assessment });

/** The programme and its assessment share one row, one version, one ETag. */
async function readProgramme(c: Ctx) {
  const stored = await getStoredProgramme(c.env.DB);
  return withEtag(c, presentProgramme(stored), stored.version);
}

/**
 * Both PUTs replace what they name, computed from the version they read (If-Match honoured),
 * and answer the row as stored: `answer` picks their body from it.
 */
async function putVersioned(
  c: Ctx,
  write: (before: StoredProgramme) => Promise<'written' | 'stale' | 'refused'>,
  answer: (stored: StoredProgramme) => object,
) {
  const db = c.env.DB;
  await writeVersioned(c, {
    load: () => getStoredProgramme(db),
    version: (s) => s.version,
    current: presentProgramme,
    apply: write,
  });
  const stored = await getStoredProgramme(db);
  return withEtag(c, answer(stored), stored.version);
}

/** The settings replace the stored ones; an `assessment` sent back with them is ignored (its own route). */
async function replaceProgramme(c: Ctx, { body }: { body: ProgrammeUpdate }) {
  const { assessment: _readOnly, ...programme } = body;
  return putVersioned(
    c,
    (before) => putProgramme(c.env.DB, auditContext(c), before, programme),
    presentProgramme,
  );
}

/**
 * Texts sent replace the stored ones, texts left out stay (shared/documents/assessment.ts). The
 * answer is the assessment as stored (every text, the critical view in its four parts).
 */
async function putAssessment(c: Ctx, { body }: { body: ProgrammeAssessment }) {
  return putVersioned(
    c,
    (before) =>
      putProgrammeAssessment(c.env.DB, auditContext(c), before, mergeAssessment(before.assessment, body)),
    (stored) => stored.assessment ?? {},
  );
}

const FINAL =
  'Textes du programme : synthèse du rapport 1, enseignements du rapport 2, COPIL final, regard critique';

export const programmeRoutes = [
  route('GET /v1/programme', ALL, 'Lire le programme', ProgrammeAnswer, readProgramme),
  route('PUT /v1/programme', ADMIN, 'Remplacer le programme', ProgrammeAnswer, replaceProgramme, {
    body: ProgrammeUpdate,
  }),
  // The tender makes the critical view the contractor's: the AMO's consultants write it too.
  route('PUT /v1/programme/assessment', WRITERS, FINAL, ProgrammeAssessmentAnswer, putAssessment, {
    body: ProgrammeAssessment,
  }),
];
