import { typeset } from './messages';
import { plural } from './typography';

/** What the operations routes say (health, exports, restore, doctor): French, typeset. */
export const OPS_MSG = typeset({
  starting: (missing: number) =>
    missing
      ? `Le service démarre : ${plural(missing, 'migration')} de la base ${missing >= 2 ? 'restent' : 'reste'} à appliquer. Réessayez dans quelques secondes.`
      : 'Le service démarre : la base de données ne répond pas encore. Réessayez dans quelques secondes.',
  archiveMissing: (key: string) =>
    `Archive introuvable dans le compartiment R2 « BACKUPS » : ${key}. Les archives nocturnes s’appellent archives/veli-velo-AAAA-MM-JJT013000Z.jsonl.`,
  notEmpty:
    'Restauration refusée : la base contient déjà des données (ou une autre restauration est en cours). Une archive ne se restaure que dans une base vide, migrée, sans aucun enregistrement.',
  backupsUnbound: 'Le compartiment R2 « BACKUPS » n’est pas lié au worker (wrangler.toml, [[r2_buckets]]).',
});
