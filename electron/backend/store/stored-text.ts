import { isAscii } from 'node:buffer';

/**
 * The text form of stored JSON. Store files hold ASCII-only JSON, every other character written as a \u escape:
 * Node 20 turns ASCII bytes into a string about fifteen times faster than it decodes Chinese UTF-8, and at
 * 50,000 cases that decoding was the largest part of opening the store. Files written before hold UTF-8 JSON and
 * still read, through the slower decoder.
 */
/** Named in every file's schema fingerprint (document.ts), so files from before the format are known and rewritten. */
export const STORED_TEXT_FORMAT = 'ascii-json';

const NON_ASCII = /[\u0080-\uffff]+/g;
const escapes = new Map<number, string>();

function escapeRun(run: string): string {
  let out = '';
  for (let i = 0; i < run.length; i++) {
    const code = run.charCodeAt(i);
    let escape = escapes.get(code);
    if (escape === undefined) escapes.set(code, (escape = `\\u${code.toString(16).padStart(4, '0')}`));
    out += escape;
  }
  return out;
}

/** JSON.stringify, then each UTF-16 unit beyond ASCII as \uXXXX (a surrogate pair becomes two escapes, as JSON allows). */
export function asciiJson(value: unknown): string {
  return JSON.stringify(value).replace(NON_ASCII, escapeRun);
}

/** Stored bytes as text: ASCII (what asciiJson writes) through the fast one-byte path, anything else as UTF-8. */
export function storedText(bytes: Buffer): string {
  return isAscii(bytes) ? bytes.toString('latin1') : bytes.toString('utf8');
}
