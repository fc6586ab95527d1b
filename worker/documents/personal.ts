import { seesContactDetails } from '../auth/contact-details';
import type { User } from '../env';
import type { PersonalScope } from './link';
import { PERSONAL_CLASS } from './render';

/**
 * Contacts' e-mail and phone in a document follow the v1.1 rules: ADEME (admins, viewers)
 * reads them all, a territory's consultants read their territory's, others read the document
 * without them. The renderer marks such cells (`td.pd` with `data-territory`); this blanks the
 * ones the reader may not see, as the HTML is served.
 */
export function personalScopeOf(
  user: User,
  territory: { id: string; consultants: readonly string[] } | null,
): PersonalScope {
  if (user.role !== 'consultant') return 'all';
  return territory && seesContactDetails(user, territory) ? territory.id : null;
}

const WITHHELD = 'Coordonnées réservées à l’ADEME et aux consultants du territoire';

/** The HTML with each personal cell outside `scope` blanked (nothing to do for `all`). */
export async function withoutPersonalData(html: string, scope: PersonalScope): Promise<string> {
  if (scope === 'all' || !html.includes('data-territory=')) return html;
  const rewriter = new HTMLRewriter().on(`td.${PERSONAL_CLASS}`, {
    element(el) {
      if (scope && el.getAttribute('data-territory') === scope) return;
      el.setInnerContent(WITHHELD);
    },
  });
  return rewriter.transform(new Response(html)).text();
}
