/** How a comparison's numbers read: a signed change with its percentage, and whether it is more than noise. */

/** "+1.2 s, +35%" from A to B; "new" when A is 0, "gone" when B is. */
export function changeText(a: number, b: number, format: (value: number) => string): string {
  const delta = b - a;
  const signed = `${delta > 0 ? '+' : delta < 0 ? '−' : '±'}${format(Math.abs(delta))}`;
  if (a === 0) return b === 0 ? 'no change' : `${signed}, new`;
  if (b === 0) return `${signed}, gone`;
  const percent = (100 * delta) / Math.abs(a);
  return `${signed}, ${percent > 0 ? '+' : ''}${percent.toFixed(Math.abs(percent) >= 10 ? 0 : 1)}%`;
}

/** "significant (p = 3e-12)", "within noise (p = 0.4)", or why it was not tested. */
export function significanceText(significant: boolean | null, pValue: number | null): string {
  if (significant === null || pValue === null) return 'not tested: the sample counts are unknown';
  const p = pValue < 1e-4 ? pValue.toExponential(0) : pValue.toPrecision(2);
  return significant ? `more than noise (p = ${p})` : `within sampling noise (p = ${p})`;
}
