/** The packages with the largest share of the flame graph and their colours, when frames are coloured by package. */
import { useMemo } from 'react';
import type { FlameShares } from '../../shared/ipc/contract';
import { formatPercent } from '../../shared/format/units';
import { packageColor } from './flame/frameColor';
import { topPackages } from './flame/packageLegend';

/** Enough to name what dominates a profile without crowding the toolbar. */
const LEGEND_PACKAGES = 10;

interface ColorLegendProps {
  /** The view's exact per-function self values and the selection's total (never the drawn, folded nodes). */
  shares: FlameShares;
  /** Package of each function of the tree. */
  packages: readonly string[];
  dark: boolean;
}

export function ColorLegend({ shares, packages, dark }: ColorLegendProps) {
  const top = useMemo(() => topPackages(shares.functionSelf, packages, LEGEND_PACKAGES), [shares, packages]);
  const whole = shares.selectionTotal;
  if (top.length === 0) return null;
  return (
    <ul
      className="color-legend"
      data-testid="color-legend"
      aria-label="Colours by package (self, % of selection)"
      title="Self value of each package's functions, as a share of the selection's total before filters"
    >
      <li className="color-legend-caption">Self, % of selection</li>
      {top.map(({ pkg, self }) => {
        const color = packageColor(pkg, dark);
        const label = pkg === '' ? '(no package)' : pkg;
        return (
          <li
            key={pkg}
            className="color-legend-item"
            data-testid="legend-package"
            data-package={pkg}
            data-self={self}
            title={label}
          >
            <span
              className="color-legend-swatch"
              data-testid="legend-swatch"
              data-color={color}
              style={{ background: color }}
              aria-hidden="true"
            />
            <span className="color-legend-name">{label}</span>
            <span className="color-legend-share">{formatPercent(whole > 0 ? self / whole : 0)}</span>
          </li>
        );
      })}
    </ul>
  );
}
