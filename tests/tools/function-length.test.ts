// No function of the project runs over 60 lines (issue 13): declarative tables are not functions,
// so they may be longer; everything that executes reads in one screen.
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';

const MAX_LINES = 60;

const sources = () =>
  execFileSync('git', ['ls-files', '*.ts', '*.mjs'], { encoding: 'utf8' })
    .split('\n')
    .filter((f) => f && !f.endsWith('.d.ts') && !f.includes('.generated.'));

const isFunction = (n: ts.Node) =>
  ts.isFunctionDeclaration(n) ||
  ts.isFunctionExpression(n) ||
  ts.isArrowFunction(n) ||
  ts.isMethodDeclaration(n);

/** `file:line (n lines)` for every function of `text` longer than MAX_LINES. */
function longFunctions(file: string, text: string): string[] {
  const src = ts.createSourceFile(file, text, ts.ScriptTarget.Latest, true);
  const found: string[] = [];
  const visit = (n: ts.Node) => {
    if (isFunction(n)) {
      const first = src.getLineAndCharacterOfPosition(n.getStart(src)).line;
      const lines = src.getLineAndCharacterOfPosition(n.getEnd()).line - first + 1;
      if (lines > MAX_LINES) found.push(`${file}:${first + 1} (${lines} lines)`);
    }
    ts.forEachChild(n, visit);
  };
  visit(src);
  return found;
}

describe('function length', () => {
  it('finds a function over 60 lines when there is one', () => {
    const body = Array.from({ length: MAX_LINES }, (_, i) => `  const x${i} = ${i};`).join('\n');
    expect(longFunctions('long.ts', `function long() {\n${body}\n}\n`)).toEqual(['long.ts:1 (62 lines)']);
    const table = Array.from({ length: MAX_LINES * 2 }, (_, i) => `  { n: ${i} },`).join('\n');
    expect(longFunctions('table.ts', `export const T = [\n${table}\n];\n`)).toEqual([]);
  });

  it('has none in the project (tests, scripts and harness included)', () => {
    const files = sources();
    expect(files.length).toBeGreaterThan(200);
    expect(files.flatMap((f) => longFunctions(f, readFileSync(f, 'utf8')))).toEqual([]);
  });
});
