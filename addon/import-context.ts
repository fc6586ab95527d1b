// What the import needs to read a tab and judge its rows, in one request: who the user is, the
// programme's day length, and every territory (with its central city) and partner by name.
import type { Programme } from '../shared/schemas/programme';
import type { Me, PartnerRecord, Result, TerritoryRecord } from './api';
import { rememberProfile } from './context';
import { type Directory, directory } from './import-names';
import { rememberNames } from './names';
import { callWorker } from './worker-client';

export interface ImportContext {
  me: Me;
  dir: Directory;
  minutesPerDay: number;
}

interface Parts {
  me: Me;
  programme: Programme;
  territories: TerritoryRecord[];
  partners: PartnerRecord[];
}

export function loadImportContext(): Result<ImportContext> {
  const res = callWorker<Parts>({
    method: 'get',
    path: '/v1/snapshot?parts=me,programme,territories,partners',
  });
  if (!res.ok) return res;
  const { me, programme, territories, partners } = res.data;
  rememberProfile({ me, programme });
  rememberNames(territories, partners);
  return {
    ok: true,
    data: {
      me,
      minutesPerDay: programme.minutesPerDay,
      dir: directory(
        territories.map((t) => ({ id: t.id, name: t.name, centralCity: t.centralCity })),
        partners.map((p) => ({ id: p.id, name: p.name, territoryId: p.territoryId })),
      ),
    },
  };
}
