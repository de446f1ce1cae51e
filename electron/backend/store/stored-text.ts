/**
 * The text form of stored JSON. Store files hold ASCII-only JSON, every other character written as a \u escape:
 * V8 turns ASCII-only UTF-8 into a string about fifteen times faster than it decodes Chinese UTF-8, and at 50,000
 * cases that decoding was the largest part of reading the store. Files written before hold Chinese UTF-8 and still
 * read (more slowly); they are decoded the same way, with Buffer.toString('utf8'), which for large files also keeps
 * the text in V8's heap (latin1 would copy it to memory outside it, which the process hardly ever gives back).
 */
/** Named in every file's schema fingerprint (document.ts), so files from before the format are known and rewritten. */
export const STORED_TEXT_FORMAT = 'ascii-json';

const NON_ASCII = /[\u0080-\uffff]+/g;
const HEX = '0123456789abcdef';

function escapeRun(run: string): string {
  let out = '';
  for (let i = 0; i < run.length; i++) {
    const c = run.charCodeAt(i);
    out += `\\u${HEX[c >> 12]}${HEX[(c >> 8) & 15]}${HEX[(c >> 4) & 15]}${HEX[c & 15]}`;
  }
  return out;
}

/** JSON.stringify, then each UTF-16 unit beyond ASCII as \uXXXX (a surrogate pair becomes two escapes, as JSON allows). */
export function asciiJson(value: unknown): string {
  return JSON.stringify(value).replace(NON_ASCII, escapeRun);
}
