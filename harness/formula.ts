// A small formula engine for the Sheets fake: enough of Google Sheets' language for the
// formulas the add-on writes (the "Tableau de bord" counts over the mirrored tabs), so the
// harness shows real numbers and charts. Formulas use English function names and commas, as
// Range.setFormula expects whatever the spreadsheet's locale. Anything else is #ERROR!.
import { comparable, type Value } from './sheet-values';

export type Scalar = string | number | boolean;
type Matrix = Scalar[][];
type Result = Scalar | Matrix;
export interface RefResolver {
  /** Values of a range of `sheet` (null: the formula's own sheet); `rows`/`cols` may be open. */
  read(sheet: string | null, r1: number, c1: number, r2: number | null, c2: number | null): Value[][];
}

class FormulaError extends Error {
  constructor(readonly code: string) {
    super(code);
  }
}

const TOKEN =
  /\s*(?:(\d+(?:\.\d+)?)|"((?:[^"]|"")*)"|((?:'(?:[^']|'')+'|[A-Za-zÀ-ÿ_][\wÀ-ÿ ]*?)!)?(\$?[A-Z]{1,3}\$?\d*(?::\$?[A-Z]{1,3}\$?\d*)?)(?![\w(])|([A-Z][A-Z0-9.]*)\s*\(|(<=|>=|<>|[-+*/&(),=<>]))/y;

interface Tok {
  kind: 'num' | 'str' | 'ref' | 'fn' | 'op';
  text: string;
  sheet?: string | null;
}

function tokenize(src: string): Tok[] {
  const out: Tok[] = [];
  TOKEN.lastIndex = 0;
  while (TOKEN.lastIndex < src.length) {
    if (/^\s*$/.test(src.slice(TOKEN.lastIndex))) break;
    const m = TOKEN.exec(src);
    if (!m) throw new FormulaError('#ERROR!');
    if (m[1] !== undefined) out.push({ kind: 'num', text: m[1] });
    else if (m[2] !== undefined) out.push({ kind: 'str', text: m[2].replace(/""/g, '"') });
    else if (m[4] !== undefined) {
      const sheet = m[3]
        ? m[3]
            .slice(0, -1)
            .replace(/^'(.*)'$/, '$1')
            .replace(/''/g, "'")
        : null;
      out.push({ kind: 'ref', text: m[4].replace(/\$/g, ''), sheet });
    } else if (m[5] !== undefined) out.push({ kind: 'fn', text: m[5] });
    else out.push({ kind: 'op', text: m[6]! });
  }
  return out;
}

const colNumber = (letters: string) => [...letters].reduce((n, ch) => n * 26 + ch.charCodeAt(0) - 64, 0);

function readRef(tok: Tok, refs: RefResolver): Matrix {
  const [a, b = a] = tok.text.split(':') as [string, string?];
  const parse = (s: string) => {
    const m = /^([A-Z]+)(\d*)$/.exec(s)!;
    return { col: colNumber(m[1]!), row: m[2] ? Number(m[2]) : null };
  };
  const from = parse(a);
  const to = parse(b!);
  const rows = refs.read(tok.sheet ?? null, from.row ?? 1, from.col, to.row, to.col);
  return rows.map((r) => r.map((v) => comparable(v)));
}

const num = (v: Result): number => {
  const s = Array.isArray(v) ? (v[0]?.[0] ?? 0) : v;
  if (typeof s === 'string' && s.startsWith('#')) throw new FormulaError(s);
  if (s === '' || s === false) return 0;
  if (s === true) return 1;
  const n = typeof s === 'number' ? s : Number(String(s).replace(',', '.'));
  if (Number.isNaN(n)) throw new FormulaError('#VALUE!');
  return n;
};
const scalar = (v: Result): Scalar => (Array.isArray(v) ? (v[0]?.[0] ?? '') : v);
const flat = (v: Result): Scalar[] => (Array.isArray(v) ? v.flat() : [v]);

/** A text criterion as Sheets reads it: `*` any text, `?` one character, `~` escapes them; whole cell, any case. */
function wildcard(target: string): RegExp {
  const body = target.replace(/~([*?~])|([*?])|[.+^${}()|[\]\\]/g, (m, escaped, wild) =>
    escaped ? `\\${escaped}` : wild === '*' ? '.*' : wild === '?' ? '.' : `\\${m}`,
  );
  return new RegExp(`^${body}$`, 'is');
}

/** Sheets' criteria: "Levé", ">=45658", "<>x", "<>*supprimé"; text compares case-insensitively. */
function matches(cell: Scalar, criterion: Scalar): boolean {
  let op = '=';
  let target: Scalar = criterion;
  if (typeof criterion === 'string') {
    const m = /^(<=|>=|<>|=|<|>)(.*)$/s.exec(criterion);
    if (m) {
      op = m[1]!;
      target = m[2]!;
    }
  }
  const asNumber = typeof target === 'number' ? target : target !== '' ? Number(target) : Number.NaN;
  if (!Number.isNaN(asNumber) && typeof cell === 'number') {
    const d = cell - asNumber;
    return { '=': d === 0, '<>': d !== 0, '<': d < 0, '>': d > 0, '<=': d <= 0, '>=': d >= 0 }[op]!;
  }
  const eq = wildcard(String(target)).test(String(cell));
  if (op === '=') return eq && cell !== '';
  if (op === '<>') return !eq;
  return false;
}

function countMask(args: Result[]): boolean[] {
  const size = flat(args[0]!).length;
  const mask = Array.from({ length: size }, () => true);
  for (let i = 0; i + 1 < args.length; i += 2) {
    const cells = flat(args[i]!);
    const crit = scalar(args[i + 1]!);
    for (let k = 0; k < size; k++) if (!matches(cells[k] ?? '', crit)) mask[k] = false;
  }
  return mask;
}

function edate(serialDate: number, months: number): number {
  const d = new Date(Date.UTC(1899, 11, 30) + serialDate * 86_400_000);
  const moved = Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + months, d.getUTCDate());
  return (moved - Date.UTC(1899, 11, 30)) / 86_400_000;
}

const FUNCTIONS: Record<string, (args: Result[]) => Result> = {
  COUNTIFS: (a) => countMask(a).filter(Boolean).length,
  COUNTIF: (a) => countMask(a).filter(Boolean).length,
  SUMIFS: ([sum, ...rest]) => {
    const values = flat(sum!);
    return countMask(rest).reduce((s, ok, k) => (ok && typeof values[k] === 'number' ? s + values[k] : s), 0);
  },
  LEN: ([x]) => String(scalar(x!)).length,
  SUM: (a) => a.flatMap(flat).reduce<number>((s, v) => (typeof v === 'number' ? s + v : s), 0),
  EDATE: ([d, m]) => edate(num(d!), num(m!)),
  DATE: ([y, m, d]) => (Date.UTC(num(y!), num(m!) - 1, num(d!)) - Date.UTC(1899, 11, 30)) / 86_400_000,
  ROUND: ([x, n]) => {
    const f = 10 ** num(n ?? 0);
    return Math.round(num(x!) * f) / f;
  },
  MIN: (a) => Math.min(...a.flatMap(flat).filter((v): v is number => typeof v === 'number')),
  MAX: (a) => Math.max(...a.flatMap(flat).filter((v): v is number => typeof v === 'number')),
};

type Node =
  | { t: 'lit'; v: Scalar }
  | { t: 'ref'; tok: Tok }
  | { t: 'neg'; e: Node }
  | { t: 'bin'; op: string; l: Node; r: Node }
  | { t: 'call'; name: string; args: Node[] };

class Parser {
  private i = 0;
  constructor(private toks: Tok[]) {}
  private peek() {
    return this.toks[this.i];
  }
  private take(text?: string) {
    const t = this.toks[this.i++];
    if (!t || (text !== undefined && t.text !== text)) throw new FormulaError('#ERROR!');
    return t;
  }
  private binary(next: () => Node, ops: string[]): Node {
    let l = next();
    for (let t = this.peek(); t?.kind === 'op' && ops.includes(t.text); t = this.peek()) {
      this.i++;
      l = { t: 'bin', op: t.text, l, r: next() };
    }
    return l;
  }
  expr(): Node {
    return this.binary(() => this.term(), ['+', '-', '&']);
  }
  private term(): Node {
    return this.binary(() => this.factor(), ['*', '/']);
  }
  private factor(): Node {
    const t = this.take();
    if (t.kind === 'num') return { t: 'lit', v: Number(t.text) };
    if (t.kind === 'str') return { t: 'lit', v: t.text };
    if (t.kind === 'ref') return { t: 'ref', tok: t };
    if (t.kind === 'op' && t.text === '-') return { t: 'neg', e: this.factor() };
    if (t.kind === 'op' && t.text === '(') {
      const e = this.expr();
      this.take(')');
      return e;
    }
    if (t.kind !== 'fn') throw new FormulaError('#ERROR!');
    const args: Node[] = [];
    if (this.peek()?.text !== ')')
      for (args.push(this.expr()); this.peek()?.text === ','; args.push(this.expr())) this.i++;
    this.take(')');
    return { t: 'call', name: t.text, args };
  }
  end() {
    if (this.i !== this.toks.length) throw new FormulaError('#ERROR!');
  }
}

function run(n: Node, refs: RefResolver): Result {
  switch (n.t) {
    case 'lit':
      return n.v;
    case 'ref':
      return readRef(n.tok, refs);
    case 'neg':
      return -num(run(n.e, refs));
    case 'bin': {
      const l = run(n.l, refs);
      const r = run(n.r, refs);
      if (n.op === '&') return `${scalar(l)}${scalar(r)}`;
      if (n.op === '+') return num(l) + num(r);
      if (n.op === '-') return num(l) - num(r);
      if (n.op === '*') return num(l) * num(r);
      if (num(r) === 0) throw new FormulaError('#DIV/0!');
      return num(l) / num(r);
    }
    case 'call': {
      if (n.name === 'IFERROR') {
        try {
          const v = run(n.args[0]!, refs);
          if (typeof scalar(v) === 'string' && String(scalar(v)).startsWith('#'))
            throw new FormulaError('#N/A');
          return v;
        } catch (e) {
          if (e instanceof FormulaError) return n.args[1] ? run(n.args[1], refs) : '';
          throw e;
        }
      }
      const f = FUNCTIONS[n.name];
      if (!f) throw new FormulaError('#NAME?');
      return f(n.args.map((a) => run(a, refs)));
    }
  }
}

/** The value of a formula (without its leading "="), or the error text Sheets would show. */
export function evaluate(formula: string, refs: RefResolver): Scalar {
  try {
    const parser = new Parser(tokenize(formula.replace(/^=/, '')));
    const tree = parser.expr();
    parser.end();
    return scalar(run(tree, refs));
  } catch (e) {
    if (e instanceof FormulaError) return e.code;
    return '#ERROR!';
  }
}
