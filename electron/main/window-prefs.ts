import type { WebPreferences } from 'electron';

/**
 * The main window's webPreferences, kept in a module with no runtime 'electron' import so that
 * window.test.ts can assert them without the Electron binary. Each value is the safe one, spelt out
 * even where it is Electron's default, so that a default changing upstream cannot weaken the app.
 */
export const SECURE_WEB_PREFERENCES = {
  contextIsolation: true,
  sandbox: true,
  nodeIntegration: false,
  nodeIntegrationInWorker: false,
  nodeIntegrationInSubFrames: false,
  webSecurity: true,
  allowRunningInsecureContent: false,
  experimentalFeatures: false,
  webviewTag: false,
  navigateOnDragDrop: false,
  safeDialogs: true,
  spellcheck: false,
} as const satisfies WebPreferences;

/** The preferences with the (sandboxed, CommonJS) preload of this build. */
export function webPreferencesFor(preloadPath: string): WebPreferences {
  return { ...SECURE_WEB_PREFERENCES, preload: preloadPath };
}

export const WINDOW_TITLE = '信访举报工作台';
