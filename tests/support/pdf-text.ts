// The text of a PDF printed by Chromium, page by page, as a reader would copy it: what the
// tests check for headings, identification and typography is what was printed, not the HTML.
// Chromium (Skia) writes Type0 fonts with a ToUnicode CMap, shows glyphs with Tj/TJ, and marks
// no-break spaces drawn with the space glyph as `/Span << /ActualText <FEFF00A0> >> BDC … EMC`:
// the actual text is taken there, so U+00A0 and U+202F come out as themselves.
import { inflateSync } from 'node:zlib';

interface PdfObject {
  dict: string;
  stream?: Buffer;
}

function parseObjects(pdf: Buffer): Map<number, PdfObject> {
  const text = pdf.toString('latin1');
  const objects = new Map<number, PdfObject>();
  for (const m of text.matchAll(/(\d+) 0 obj\b/g)) {
    const start = (m.index ?? 0) + m[0].length;
    const end = text.indexOf('endobj', start);
    const body = text.slice(start, end);
    const s = body.indexOf('stream');
    if (s < 0) {
      objects.set(Number(m[1]), { dict: body });
      continue;
    }
    let from = start + s + 'stream'.length;
    if (text[from] === '\r') from++;
    if (text[from] === '\n') from++;
    const to = text.lastIndexOf('endstream', end);
    const raw = pdf.subarray(from, to);
    const dict = body.slice(0, s);
    let stream = raw;
    if (/\/FlateDecode/.test(dict)) {
      try {
        stream = inflateSync(raw);
      } catch {
        stream = inflateSync(raw.subarray(0, raw.length - 1));
      }
    }
    objects.set(Number(m[1]), { dict, stream });
  }
  return objects;
}

const ref = (dict: string, key: string) => {
  const m = new RegExp(`/${key}\\s+(\\d+) 0 R`).exec(dict);
  return m ? Number(m[1]) : null;
};

/**
 * glyph code (hex) → Unicode text, from a ToUnicode CMap's bfchar and bfrange entries. Codes
 * are 2 bytes in Chromium's TrueType fonts, 1 byte in its Type 3 ones (synthetic bold of a
 * fallback font): the map remembers the width, in hex digits, under the key ''.
 */
function parseCMap(cmap: string): Map<string, string> {
  const map = new Map<string, string>();
  const range = /<([0-9A-Fa-f]+)>\s*<[0-9A-Fa-f]+>\s*endcodespacerange/.exec(cmap);
  map.set('', String(range?.[1]?.length ?? 4));
  const hex = (h: string) =>
    String.fromCodePoint(...(h.match(/.{4}/g) ?? []).map((x) => Number.parseInt(x, 16)));
  for (const block of cmap.matchAll(/beginbfchar([\s\S]*?)endbfchar/g))
    for (const [, src, dst] of (block[1] ?? '').matchAll(/<([0-9A-Fa-f]+)>\s*<([0-9A-Fa-f]+)>/g))
      map.set(src!.toUpperCase(), hex(dst!));
  for (const block of cmap.matchAll(/beginbfrange([\s\S]*?)endbfrange/g)) {
    for (const [, lo, hi, dst] of (block[1] ?? '').matchAll(
      /<([0-9A-Fa-f]+)>\s*<([0-9A-Fa-f]+)>\s*<([0-9A-Fa-f]+)>/g,
    )) {
      const a = Number.parseInt(lo!, 16);
      const b = Number.parseInt(hi!, 16);
      const base = Number.parseInt(dst!, 16);
      for (let g = a; g <= b; g++)
        map.set(g.toString(16).toUpperCase().padStart(lo!.length, '0'), String.fromCodePoint(base + g - a));
    }
  }
  return map;
}

/** Font resource name → glyph map, for one page. */
function pageFonts(objects: Map<number, PdfObject>, page: PdfObject): Map<string, Map<string, string>> {
  const fonts = new Map<string, Map<string, string>>();
  let resources = page.dict;
  const resRef = ref(page.dict, 'Resources');
  if (resRef !== null) resources = objects.get(resRef)?.dict ?? '';
  const fontDict = /\/Font\s*<<([\s\S]*?)>>/.exec(resources)?.[1] ?? '';
  for (const [, name, num] of fontDict.matchAll(/\/(\S+?)\s+(\d+) 0 R/g)) {
    const font = objects.get(Number(num));
    const tu = font ? ref(font.dict, 'ToUnicode') : null;
    const cmap = tu !== null ? objects.get(tu)?.stream?.toString('latin1') : undefined;
    fonts.set(name!, cmap ? parseCMap(cmap) : new Map());
  }
  return fonts;
}

/** The text a content stream shows, a new line wherever the text moves to another line. */
function showText(content: string, fonts: Map<string, Map<string, string>>): string {
  let out = '';
  let font = new Map<string, string>();
  let actual: string | null = null;
  let lastY: number | null = null;
  const glyphs = (hex: string) => {
    const width = Number(font.get('') ?? 4);
    return (hex.match(new RegExp(`.{${width}}`, 'g')) ?? [])
      .map((g) => font.get(g.toUpperCase()) ?? '')
      .join('');
  };
  const moveTo = (y: number) => {
    if (lastY !== null && Math.abs(y - lastY) > 0.5 && !out.endsWith('\n')) out += '\n';
    lastY = y;
  };
  const tokens =
    /\/Span\s*<<\s*\/ActualText\s*<FEFF([0-9A-Fa-f]*)>\s*>>\s*BDC|EMC|\/(\S+)\s+[\d.]+\s+Tf|[-\d.]+\s+[-\d.]+\s+[-\d.]+\s+[-\d.]+\s+[-\d.]+\s+([-\d.]+)\s+Tm|[-\d.]+\s+([-\d.]+)\s+T[dD]|<([0-9A-Fa-f]*)>\s*Tj|\[([^\]]*)\]\s*TJ/g;
  for (const m of content.matchAll(tokens)) {
    if (m[1] !== undefined) {
      actual = String.fromCodePoint(...(m[1].match(/.{4}/g) ?? []).map((x) => Number.parseInt(x, 16)));
      out += actual;
    } else if (m[0] === 'EMC') actual = null;
    else if (m[2] !== undefined) font = fonts.get(m[2]) ?? new Map();
    else if (m[3] !== undefined) moveTo(Number(m[3]));
    else if (m[4] !== undefined) {
      if (Number(m[4]) !== 0) moveTo((lastY ?? 0) + Number(m[4]));
    } else if (actual === null && m[5] !== undefined) out += glyphs(m[5]);
    else if (actual === null && m[6] !== undefined)
      for (const [, h] of m[6].matchAll(/<([0-9A-Fa-f]*)>/g)) out += glyphs(h!);
  }
  return out;
}

/** The printed text of every page of a Chromium PDF. */
export function pdfPages(pdf: Buffer | Uint8Array): string[] {
  const objects = parseObjects(Buffer.from(pdf));
  const root = [...objects.values()].find(
    (o) => /\/Type\s*\/Pages\b/.test(o.dict) && !/\/Parent/.test(o.dict),
  );
  const pages: PdfObject[] = [];
  const walk = (o: PdfObject | undefined) => {
    if (!o) return;
    if (/\/Type\s*\/Page\b/.test(o.dict)) return void pages.push(o);
    const kids = /\/Kids\s*\[([^\]]*)\]/.exec(o.dict)?.[1] ?? '';
    for (const [, n] of kids.matchAll(/(\d+) 0 R/g)) walk(objects.get(Number(n)));
  };
  walk(root);
  return pages.map((page) => {
    const fonts = pageFonts(objects, page);
    const contents =
      /\/Contents\s*\[([^\]]*)\]/.exec(page.dict)?.[1] ?? /\/Contents\s+(\d+ 0 R)/.exec(page.dict)?.[1] ?? '';
    return [...contents.matchAll(/(\d+) 0 R/g)]
      .map(([, n]) => showText(objects.get(Number(n))?.stream?.toString('latin1') ?? '', fonts))
      .join('\n');
  });
}

/** Plain spaces where French wants a no-break one: before `: ; ? ! »` and after `«`. */
export function plainSpacesInFrench(text: string): string[] {
  return [...text.matchAll(/[ \t](?=[:;?!»])|«[ \t]/g)].map((m) =>
    text.slice(Math.max(0, (m.index ?? 0) - 20), (m.index ?? 0) + 20),
  );
}
