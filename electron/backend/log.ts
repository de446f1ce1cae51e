import { appendFileSync, mkdirSync } from 'node:fs';
import path from 'node:path';

/** Precise, English-leaning technical log for IT staff; the user sees the Chinese message of the error instead. */
export interface Logger {
  info(message: string, detail?: unknown): void;
  error(message: string, detail?: unknown): void;
}

function line(level: string, message: string, detail?: unknown): string {
  const extra =
    detail === undefined ? '' : ' ' + (detail instanceof Error ? `${detail.stack ?? detail.message}` : JSON.stringify(detail));
  return `${new Date().toISOString()} ${level} ${message}${extra}\n`;
}

export function fileLogger(dataDir: string, alsoConsole = false): Logger {
  const dir = path.join(dataDir, 'logs');
  mkdirSync(dir, { recursive: true });
  const file = path.join(dir, 'xinfang.log');
  const write = (level: string, message: string, detail?: unknown) => {
    const text = line(level, message, detail);
    try {
      appendFileSync(file, text);
    } catch {
      // logging must never take the app down
    }
    if (alsoConsole) process.stderr.write(text);
  };
  return { info: (m, d) => write('INFO', m, d), error: (m, d) => write('ERROR', m, d) };
}

export const silentLogger: Logger = { info: () => undefined, error: () => undefined };
