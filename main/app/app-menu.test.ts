import { describe, expect, it } from 'vitest';
import type { MenuItemConstructorOptions } from 'electron';
import { appMenuTemplate } from './app-menu';

/** Every role in a template, submenus included. */
function roles(items: MenuItemConstructorOptions[]): string[] {
  return items.flatMap((item) => [
    ...(item.role ? [item.role] : []),
    ...(Array.isArray(item.submenu) ? roles(item.submenu) : []),
  ]);
}

describe('the application menu', () => {
  it('offers no developer tools in a packaged build', () => {
    for (const platform of ['linux', 'darwin', 'win32'] as const) {
      const template = appMenuTemplate(true, platform);
      expect(template).not.toBeNull();
      const all = roles(template!).map((role) => role.toLowerCase());
      expect(all).not.toContain('toggledevtools');
      expect(all).toEqual(expect.arrayContaining(['filemenu', 'editmenu', 'windowmenu', 'togglefullscreen']));
      expect(all.includes('appmenu')).toBe(platform === 'darwin');
    }
  });

  it('keeps Electron’s default menu, DevTools included, in development', () => {
    expect(appMenuTemplate(false, 'linux')).toBeNull();
  });
});
