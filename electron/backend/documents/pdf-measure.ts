// Test utility: converts .docx to PDF with LibreOffice and measures the laid-out text with poppler
// (pdftotext -bbox-layout), so tests can check page geometry in points. Used only by tests and dev scripts.
import { execFile as execFileCb } from 'node:child_process';
import { accessSync, constants, existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { promisify } from 'node:util';

const execFile = promisify(execFileCb);

export const PT_PER_MM = 72 / 25.4;

const PROJECT_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');
const FONTS_CONF = path.join(PROJECT_ROOT, 'build/fonts/fonts.conf');

export interface MeasuredWord {
  text: string;
  xMin: number;
  yMin: number;
  xMax: number;
  yMax: number;
}
export interface MeasuredLine {
  /** The words joined without spaces. */
  text: string;
  xMin: number;
  yMin: number;
  xMax: number;
  yMax: number;
  words: MeasuredWord[];
  /** Median of yMax - yMin over the line's words: the glyph box, about 1.3 × the point size for LibreOffice's CJK fonts. */
  fontSize: number;
}
export interface MeasuredPage {
  width: number;
  height: number;
  /** Sorted by yMin then xMin. */
  lines: MeasuredLine[];
}

/** Whether soffice, pdftotext and pdftoppm are on PATH. */
export function pdfToolsAvailable(): boolean {
  const dirs = (process.env.PATH ?? '').split(path.delimiter).filter(Boolean);
  const onPath = (tool: string) =>
    dirs.some((dir) => {
      try {
        accessSync(path.join(dir, tool), constants.X_OK);
        return true;
      } catch {
        return false;
      }
    });
  return ['soffice', 'pdftotext', 'pdftoppm'].every(onPath);
}

/** Converts .docx files to PDF in one soffice call; returns the PDF paths (same basenames) in outDir. */
export async function convertToPdf(docxPaths: string[], outDir: string): Promise<string[]> {
  mkdirSync(outDir, { recursive: true });
  const pdfs = docxPaths.map((docx) => path.join(outDir, `${path.basename(docx, path.extname(docx))}.pdf`));
  pdfs.forEach((pdf) => rmSync(pdf, { force: true })); // a stale PDF must not pass for a fresh one
  // A private profile per call: concurrent soffice processes sharing one profile fail or hand off to each other.
  const profile = mkdtempSync(path.join(os.tmpdir(), 'xinfang-soffice-'));
  let stderr = '';
  try {
    const args = ['--headless', '--norestore', `-env:UserInstallation=${pathToFileURL(profile).href}`, '--convert-to', 'pdf', '--outdir', outDir, ...docxPaths];
    const result = await execFile('soffice', args, { timeout: 120_000, env: { ...process.env, FONTCONFIG_FILE: FONTS_CONF } }).catch((err: Error & { stderr?: string }) => {
      throw new Error(`soffice failed: ${err.message}\n${err.stderr ?? ''}`);
    });
    stderr = result.stderr;
  } finally {
    rmSync(profile, { recursive: true, force: true });
  }
  pdfs.forEach((pdf, i) => {
    if (!existsSync(pdf)) throw new Error(`soffice produced no ${pdf} for ${docxPaths[i]}; stderr: ${stderr.trim() || '(empty)'}`);
  });
  return pdfs;
}

const ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };

function decodeXml(s: string): string {
  return s.replace(/&(#x[0-9a-f]+|#\d+|\w+);/gi, (whole, ref: string) => {
    if (ref[0] !== '#') return ENTITIES[ref] ?? whole;
    return String.fromCodePoint(ref[1] === 'x' || ref[1] === 'X' ? parseInt(ref.slice(2), 16) : parseInt(ref.slice(1), 10));
  });
}

function attr(tag: string, name: string): number {
  const m = new RegExp(`\\b${name}="([-\\d.]+)"`).exec(tag);
  if (!m?.[1]) throw new Error(`pdftotext output: no ${name} in ${tag}`);
  return Number(m[1]);
}

const box = (tag: string) => ({ xMin: attr(tag, 'xMin'), yMin: attr(tag, 'yMin'), xMax: attr(tag, 'xMax'), yMax: attr(tag, 'yMax') });

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

function makeLine(words: MeasuredWord[]): MeasuredLine {
  words.sort((a, b) => a.xMin - b.xMin);
  return {
    text: words.map((w) => w.text).join(''),
    xMin: Math.min(...words.map((w) => w.xMin)),
    yMin: Math.min(...words.map((w) => w.yMin)),
    xMax: Math.max(...words.map((w) => w.xMax)),
    yMax: Math.max(...words.map((w) => w.yMax)),
    words,
    fontSize: median(words.map((w) => w.yMax - w.yMin)),
  };
}

/** Parses `pdftotext -bbox-layout` XHTML (exported for unit tests without poppler). */
export function parseBboxLayout(xhtml: string): MeasuredPage[] {
  const pages: MeasuredPage[] = [];
  for (const [, pageTag = '', pageBody = ''] of xhtml.matchAll(/(<page\b[^>]*>)([\s\S]*?)<\/page>/g)) {
    // Words of each pdftotext line; lines of different blocks on the same baseline are merged below.
    const rawLines: MeasuredWord[][] = [];
    for (const [, lineBody = ''] of pageBody.matchAll(/<line\b[^>]*>([\s\S]*?)<\/line>/g)) {
      const words = [...lineBody.matchAll(/(<word\b[^>]*>)([\s\S]*?)<\/word>/g)].map(([, tag = '', text = '']) => ({ text: decodeXml(text), ...box(tag) }));
      if (words.length) rawLines.push(words);
    }
    rawLines.sort((a, b) => Math.min(...a.map((w) => w.yMin)) - Math.min(...b.map((w) => w.yMin)));
    const merged: MeasuredWord[][] = [];
    for (const words of rawLines) {
      const last = merged.at(-1);
      if (last && Math.abs(Math.min(...last.map((w) => w.yMin)) - Math.min(...words.map((w) => w.yMin))) < 2) last.push(...words);
      else merged.push([...words]);
    }
    const lines = merged.map(makeLine).sort((a, b) => a.yMin - b.yMin || a.xMin - b.xMin);
    pages.push({ width: attr(pageTag, 'width'), height: attr(pageTag, 'height'), lines });
  }
  return pages;
}

/** Runs `pdftotext -bbox-layout` and returns pages → lines → words in points, origin top-left. */
export async function measurePdf(pdfPath: string): Promise<MeasuredPage[]> {
  const { stdout } = await execFile('pdftotext', ['-bbox-layout', '-enc', 'UTF-8', pdfPath, '-'], { maxBuffer: 64 << 20 });
  return parseBboxLayout(stdout);
}

/** Renders every page to PNG (`<outPrefix>-<n>.png`) for a human to look at; returns the PNG paths. */
export async function renderPng(pdfPath: string, outPrefix: string, dpi = 60): Promise<string[]> {
  const dir = path.dirname(outPrefix);
  const base = path.basename(outPrefix);
  // pdftoppm zero-pads the page number to the width of the page count (x-1.png or x-01.png …).
  const pngs = () => (existsSync(dir) ? readdirSync(dir) : []).filter((f) => f.startsWith(`${base}-`) && /^\d+\.png$/.test(f.slice(base.length + 1)));
  pngs().forEach((f) => rmSync(path.join(dir, f))); // stale pages of an earlier, longer render
  mkdirSync(dir, { recursive: true });
  await execFile('pdftoppm', ['-r', String(dpi), '-png', pdfPath, outPrefix], { timeout: 120_000 });
  return pngs()
    .sort()
    .map((f) => path.join(dir, f));
}
