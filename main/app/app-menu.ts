/**
 * The application menu. Electron's default menu has View → Toggle Developer Tools (Ctrl+Shift+I); with
 * `webPreferences.devTools` false the item does nothing, but a packaged build should not offer it at all. So a
 * packaged build gets Electron's standard menus by role without it, and a development build keeps the default.
 */
import type { MenuItemConstructorOptions } from 'electron';

/** The menu template of a packaged build, or null for Electron's default (development: DevTools wanted). */
export function appMenuTemplate(packaged: boolean, platform: NodeJS.Platform): MenuItemConstructorOptions[] | null {
  if (!packaged) return null;
  return [
    ...(platform === 'darwin' ? [{ role: 'appMenu' } as const] : []),
    { role: 'fileMenu' },
    { role: 'editMenu' },
    {
      label: 'View',
      submenu: [
        { role: 'resetZoom' },
        { role: 'zoomIn' },
        { role: 'zoomOut' },
        { type: 'separator' },
        { role: 'togglefullscreen' },
      ],
    },
    { role: 'windowMenu' },
  ];
}
