import { PersonErased, PersonExport } from '../../shared/api/people';
import { MSG } from '../../shared/i18n/messages';
import { adminEmails } from '../auth/access';
import { ADMIN } from '../auth/policy';
import { auditStatement } from '../db/audit';
import { collectPerson, erasePerson } from '../db/people';
import { fieldError } from '../http/errors';
import { type Ctx, route } from '../http/route';
import { auditContext } from './context';

type ByEmail = { params: { email: string } };

function emailParam({ params }: ByEmail): string {
  const email = params.email.trim().toLowerCase();
  if (!/^[^\s@]+@[^\s@]+$/.test(email) || email.length > 254) throw fieldError('email', MSG.invalidEmail);
  return email;
}

/**
 * Personal data: an admin exports everything stored about one email address, or erases that
 * person's contact details (contact entries, consultant seats, membership). Both are audited.
 */
async function exportPerson(c: Ctx, input: ByEmail) {
  const email = emailParam(input);
  const person = await collectPerson(c.env.DB, email);
  const ctx = auditContext(c);
  const counts = {
    member: person.member !== null,
    consultantOf: person.consultantOf.length,
    contactIn: person.contactIn.length,
    auditLines: person.audit.asActor.length + person.audit.mentioning.length,
  };
  await auditStatement(c.env.DB, ctx, 'export', 'person', email, null, counts, false).run();
  return c.json({
    ...person,
    configAdmin: adminEmails(c.env).has(email),
    exportedAt: ctx.at,
    exportedBy: ctx.actor,
    retention: MSG.personalDataRetained,
  });
}

async function erase(c: Ctx, input: ByEmail) {
  const email = emailParam(input);
  const erased = await erasePerson(c.env.DB, auditContext(c), email);
  return c.json({
    email,
    erased: {
      member: erased.member !== null,
      consultantOf: erased.consultantOf,
      contactsRemoved: erased.contactIn.reduce((n, t) => n + t.contacts, 0),
      territories: [...new Set(erased.contactIn.map((t) => t.territoryId))],
    },
    configAdmin: adminEmails(c.env).has(email),
    retention: MSG.personalDataRetained,
  });
}

export const peopleRoutes = [
  route('GET /v1/people/:email', ADMIN, 'Exporter les données d’une personne', PersonExport, exportPerson),
  route('POST /v1/people/:email/erase', ADMIN, 'Effacer les coordonnées d’une personne', PersonErased, erase),
];
