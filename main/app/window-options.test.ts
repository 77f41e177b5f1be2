import { describe, expect, it } from 'vitest';
import { createWindowOptions } from './window-options';

describe('createWindowOptions', () => {
  const options = createWindowOptions({ preloadPath: '/app/dist/main/preload.cjs', devTools: false });
  const prefs = options.webPreferences ?? {};

  it('pins every security-relevant web preference', () => {
    expect(prefs.contextIsolation).toBe(true);
    expect(prefs.sandbox).toBe(true);
    expect(prefs.nodeIntegration).toBe(false);
    expect(prefs.nodeIntegrationInWorker).toBe(false);
    expect(prefs.nodeIntegrationInSubFrames).toBe(false);
    expect(prefs.webSecurity).toBe(true);
    expect(prefs.allowRunningInsecureContent).toBe(false);
    expect(prefs.experimentalFeatures).toBe(false);
    expect(prefs.webviewTag).toBe(false);
    expect(prefs.navigateOnDragDrop).toBe(false);
    expect(prefs.spellcheck).toBe(false);
    expect(prefs.enableBlinkFeatures).toBeUndefined();
  });

  it('disables DevTools when asked (packaged builds), and only then', () => {
    expect(prefs.devTools).toBe(false);
    const dev = createWindowOptions({ preloadPath: '/app/dist/main/preload.cjs', devTools: true });
    expect(dev.webPreferences?.devTools).toBe(true);
  });

  it('uses the given preload and nothing else injected', () => {
    expect(prefs.preload).toBe('/app/dist/main/preload.cjs');
    expect(prefs.additionalArguments).toBeUndefined();
  });

  it('is a titled, sized window shown once ready', () => {
    expect(options.title).toBe('Kiln');
    expect(options.width).toBeGreaterThanOrEqual(1024);
    expect(options.height).toBeGreaterThanOrEqual(700);
    expect(options.backgroundColor).toMatch(/^#[0-9a-f]{6}$/i);
    expect(options.show).toBe(false);
  });
});
