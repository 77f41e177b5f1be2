/**
 * A row's function total in each capture of A, then of B, as a small line (SVG, no text): the change in the table is
 * one number, the sparkline shows whether it came gradually, at once, or from one outlying capture.
 */
const WIDTH_PX = 90;
const HEIGHT_PX = 16;

export function Sparkline({ series }: { series: { base: number[]; target: number[] } }) {
  const values = [...series.base, ...series.target];
  const max = Math.max(...values, 0);
  if (values.length < 2 || !(max > 0)) return null;
  const step = WIDTH_PX / (values.length - 1);
  const y = (v: number): number => HEIGHT_PX - 1 - (v / max) * (HEIGHT_PX - 2);
  const points = (from: number, part: number[]): string =>
    part.map((v, i) => `${((from + i) * step).toFixed(1)},${y(v).toFixed(1)}`).join(' ');
  const split = series.base.length;
  return (
    <svg
      className="diff-sparkline"
      data-testid="diff-sparkline"
      data-values={values.join(',')}
      width={WIDTH_PX}
      height={HEIGHT_PX}
      viewBox={`0 0 ${WIDTH_PX} ${HEIGHT_PX}`}
      aria-hidden="true"
    >
      {split > 0 && split < values.length && (
        <line
          className="diff-sparkline-split"
          x1={split * step - step / 2}
          x2={split * step - step / 2}
          y1={0}
          y2={HEIGHT_PX}
        />
      )}
      <polyline className="diff-sparkline-a" points={points(0, series.base)} />
      <polyline className="diff-sparkline-b" points={points(split, series.target)} />
    </svg>
  );
}
