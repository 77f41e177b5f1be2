/**
 * window.devicePixelRatio, re-read when it changes (browser zoom, moving the window
 * to another monitor): a canvas sized for the old ratio would look blurry.
 */
import { useEffect, useState } from 'react';

export function useDevicePixelRatio(): number {
  const [ratio, setRatio] = useState(() => window.devicePixelRatio || 1);
  useEffect(() => {
    // A media query for the current ratio stops matching as soon as the ratio changes.
    const query = window.matchMedia(`(resolution: ${ratio}dppx)`);
    const update = (): void => setRatio(window.devicePixelRatio || 1);
    query.addEventListener('change', update);
    return () => query.removeEventListener('change', update);
  }, [ratio]);
  return ratio;
}
