/**
 * Counts the pages of a PDF without a PDF library (one would add hundreds of kilobytes to the
 * worker's bundle for one number): the page tree's root `/Type /Pages` dictionary carries
 * `/Count N`, the total. Intermediate nodes carry smaller counts, so the largest one wins. PDF 1.5 files may hide the page tree inside
 * compressed object streams: those are inflated and searched too. As a last resort, leaf
 * `/Type /Page` dictionaries are counted.
 */
export async function countPdfPages(bytes: Uint8Array): Promise<number> {
  const text = latin1(bytes);
  if (!text.startsWith('%PDF-')) throw new Error('not a PDF');
  let best = maxPagesCount(text);
  if (best === 0) {
    for (const body of await objectStreams(bytes, text)) best = Math.max(best, maxPagesCount(body));
  }
  if (best === 0) best = leafPages(text);
  if (best === 0) throw new Error('no page tree found');
  return best;
}

const latin1 = (bytes: Uint8Array) => {
  let s = '';
  for (let i = 0; i < bytes.length; i += 0x8000) {
    s += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  }
  return s;
};

/** Every dictionary `<< … >>` holding `/Type /Pages` (any whitespace, either key order). */
function maxPagesCount(text: string): number {
  let best = 0;
  for (const m of text.matchAll(/\/Type\s*\/Pages(?![A-Za-z])/g)) {
    const start = text.lastIndexOf('<<', m.index);
    const end = text.indexOf('>>', m.index);
    if (start < 0 || end < 0) continue;
    // The dictionary may hold nested dictionaries before /Count: search up to the object's end.
    const objEnd = text.indexOf('endobj', m.index);
    const dict = text.slice(start, objEnd > 0 ? objEnd : end + 2);
    const count = /\/Count\s+(\d+)/.exec(dict);
    if (count) best = Math.max(best, Number(count[1]));
  }
  return best;
}

const leafPages = (text: string) => [...text.matchAll(/\/Type\s*\/Page(?![A-Za-z])/g)].length;

/** The inflated content of every `/Type /ObjStm` stream compressed with FlateDecode. */
async function objectStreams(bytes: Uint8Array, text: string): Promise<string[]> {
  const out: string[] = [];
  for (const m of text.matchAll(/\/Type\s*\/ObjStm/g)) {
    const dictStart = text.lastIndexOf('<<', m.index);
    const streamAt = text.indexOf('stream', m.index);
    if (dictStart < 0 || streamAt < 0) continue;
    const dict = text.slice(dictStart, streamAt);
    if (!/\/FlateDecode/.test(dict)) continue;
    const length = /\/Length\s+(\d+)(?!\s+\d+\s+R)/.exec(dict);
    let begin = streamAt + 'stream'.length;
    if (text[begin] === '\r') begin++;
    if (text[begin] === '\n') begin++;
    const end = length ? begin + Number(length[1]) : text.indexOf('endstream', begin);
    if (end <= begin) continue;
    try {
      out.push(latin1(await inflate(bytes.subarray(begin, end))));
    } catch {
      // a damaged stream: skip it, the other strategies still apply
    }
  }
  return out;
}

async function inflate(data: Uint8Array): Promise<Uint8Array> {
  const stream = new Blob([data]).stream().pipeThrough(new DecompressionStream('deflate'));
  return new Uint8Array(await new Response(stream).arrayBuffer());
}
