import { app, BrowserWindow, type Session, type WebContents } from 'electron';
import { APP_ENTRY_URL, isAllowedNavigation } from './trust.js';
import { WINDOW_TITLE, webPreferencesFor } from './window-prefs.js';

/**
 * Guards for every webContents the app ever creates (the main window's included): no navigation away from our
 * own pages, no new windows, no <webview>. Installed once, before the first window.
 */
export function installWebContentsGuards(): void {
  app.on('web-contents-created', (_event, contents: WebContents) => {
    contents.on('will-navigate', (event) => {
      if (!isAllowedNavigation(event.url)) event.preventDefault();
    });
    contents.on('will-redirect', (event) => {
      if (!isAllowedNavigation(event.url)) event.preventDefault();
    });
    contents.setWindowOpenHandler(() => ({ action: 'deny' }));
    contents.on('will-attach-webview', (event) => event.preventDefault());
  });
}

/** The app needs no camera, microphone, notifications, geolocation…: every request and check is refused. */
function denyAllPermissions(session: Session): void {
  session.setPermissionRequestHandler((_contents, _permission, callback) => callback(false));
  session.setPermissionCheckHandler(() => false);
}

export function createMainWindow(options: { preloadPath: string }): BrowserWindow {
  const win = new BrowserWindow({
    title: WINDOW_TITLE,
    width: 1360,
    height: 860,
    minWidth: 1024,
    minHeight: 640,
    show: false,
    backgroundColor: '#ffffff',
    webPreferences: webPreferencesFor(options.preloadPath),
  });
  denyAllPermissions(win.webContents.session);
  // Electron's default menu is English and offers developer tools; the app's own UI carries every command.
  win.removeMenu();
  win.once('ready-to-show', () => win.show());
  void win.loadURL(APP_ENTRY_URL);
  return win;
}
