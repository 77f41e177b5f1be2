/**
 * `window.__kilnFlame`: a read-only debugging hook that reports where frames are
 * drawn, so an end-to-end test can aim a click at a frame by name. It exposes
 * geometry and names already on screen, nothing else.
 */
import { findFrameRect, nodeName, type FrameRect } from './frameLookup';
import { hitTest } from './hitTest';
import type { FlameLayout } from './layout';
import type { FlameView } from './view';
import type { VisibleFrames } from './visibleFrames';

export interface KilnFlameDebugHook {
  /** The widest drawn frame with this name, in CSS pixels relative to the canvas; null if none is drawn. */
  frameRect(name: string): FrameRect | null;
  /** Name of the frame at a canvas point (CSS pixels), or null. */
  nameAt(x: number, y: number): string | null;
}

declare global {
  interface Window {
    readonly __kilnFlame?: KilnFlameDebugHook;
  }
}

interface DrawnFlame {
  layout: FlameLayout;
  view: FlameView;
  frames: VisibleFrames;
}

let lastDrawn: DrawnFlame | null = null;

/** Called after every paint of the flame graph (null when it unmounts). */
export function publishDrawnFlame(drawn: DrawnFlame | null): void {
  lastDrawn = drawn;
}

const hook: KilnFlameDebugHook = Object.freeze({
  frameRect: (name: string) =>
    lastDrawn ? findFrameRect(lastDrawn.layout, lastDrawn.frames, name, lastDrawn.view) : null,
  nameAt(x: number, y: number) {
    if (!lastDrawn) return null;
    const node = hitTest(lastDrawn.layout, lastDrawn.view, x, y);
    return node < 0 ? null : nodeName(lastDrawn.layout, node);
  },
});

export function installFlameDebugHook(): void {
  Object.defineProperty(window, '__kilnFlame', { value: hook, writable: false, configurable: false });
}
