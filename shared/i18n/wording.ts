// How generated French reads when the code joins words it did not write itself: elision
// (« d’EHPAD », « l’atelier », « qu’Albi »), article contraction (« du Puy »), no capital after
// a colon or inside parentheses of a generated join, acronyms kept in capitals when a label
// is lower-cased (« autre VELI »), and no parentheses inside parentheses.

/**
 * Words starting with an aspirated h (« h aspiré »): no elision before them (« de hauts
 * lieux », « le hameau »). Every other h is mute (« d’habitants », « l’hôpital »).
 */
const ASPIRATED_H = new Set(
  (
    'hache haie haine halle halte hameau hamac hanche handicap handicapé handicapée hangar hardi ' +
    'hareng haricot harnais harpe hasard hâte hausse haut haute hauteur havre hérisson hernie héros ' +
    'hêtre hibou hiérarchie hockey homard honte hors hotte houille houle housse hublot huit hurler hutte'
  ).split(' '),
);

const VOWEL = /^[aeiouyàâäéèêëîïôöùûüÿæœ]/i;

/** Whether a word is written with elision before it (« l’ », « d’ », « qu’ »). */
export function elides(next: string): boolean {
  const word = next.trim().split(/[\s’'-]/)[0] ?? '';
  if (!word) return false;
  if (VOWEL.test(word)) return true;
  if (/^h/i.test(word)) return !ASPIRATED_H.has(word.toLowerCase());
  return false;
}

const LEADING_ARTICLE = /^(Le|Les|le|les)\s+(.*)$/s;

/**
 * « de » before a name or noun: « d’EHPAD partenaire », « d’Office de tourisme », « du Puy »
 * (de + le), « des Cévennes » (de + les), « de Carcassonne », « de hauts lieux ».
 */
export function de(next: string): string {
  const m = LEADING_ARTICLE.exec(next);
  if (m) return `${m[1]?.toLowerCase() === 'le' ? 'du' : 'des'} ${m[2]}`;
  return elides(next) ? `d’${next}` : `de ${next}`;
}

/** « le » before a noun: « l’atelier », « l’hôpital », « le hameau », « le territoire ». */
export const le = (next: string) => (elides(next) ? `l’${next}` : `le ${next}`);

/** « que » before a word: « qu’Albi », « qu’il », « que le ». */
export const que = (next: string) => (elides(next) ? `qu’${next}` : `que ${next}`);

/** An acronym or a symbol kept as written: « VELI », « EHPAD », « CO₂ », « IME », « PLUi ». */
const KEEP_CASE = /^\p{Lu}[\p{Lu}\d₂]+\p{Ll}?$|^\p{Lu}[\p{Lu}\d₂]*$/u;

/**
 * A label in lower case inside a sentence, acronyms kept: « Autre VELI (quadricycle…) » →
 * « autre VELI (quadricycle…) », « Vélo à assistance électrique » → « vélo à assistance
 * électrique ».
 */
export function lowerLabel(label: string): string {
  return label
    .split(/(\s+)/)
    .map((w, i) => (i % 2 === 1 || KEEP_CASE.test(w.replace(/[(),.;:…]/g, '')) ? w : w.toLowerCase()))
    .join('');
}

/**
 * The text with its first letter in lower case when it opens with an ordinary word, for a
 * generated join after a colon or inside parentheses (« Domicile-travail : tournées… »).
 * Left as written: an acronym, a word in `names` (a territory, a partner, a person, a city),
 * and a text that opens with a quotation or a figure.
 */
export function lowerFirst(text: string, names: Iterable<string> = []): string {
  const word = /^\p{Lu}[\p{L}’'-]*/u.exec(text)?.[0];
  if (!word || KEEP_CASE.test(word)) return text;
  for (const name of names) if (name && text.startsWith(name)) return text;
  return text.charAt(0).toLowerCase() + text.slice(1);
}

/** « Label : text » with the text in lower case after the colon (see `lowerFirst`). */
export const joinColon = (label: string, text: string, names?: Iterable<string>) =>
  `${label} : ${lowerFirst(text.trim(), names)}`;

/**
 * Text in parentheses, without parentheses inside parentheses: an inner « (x) » becomes
 * « — x ». « Structure d’accueil (EHPAD, IME…) » → « (Structure d’accueil — EHPAD, IME…) ».
 */
export function parens(text: string): string {
  const flat = text.replace(/\s*\(([^()]*)\)/g, ' — $1').replace(/[()]/g, '');
  return `(${flat.trim()})`;
}

/** Whether a text holds a parenthesis opened inside another one. */
export function hasNestedParens(text: string): boolean {
  let depth = 0;
  for (const ch of text) {
    if (ch === '(') {
      depth++;
      if (depth > 1) return true;
    } else if (ch === ')') depth = Math.max(0, depth - 1);
  }
  return false;
}
