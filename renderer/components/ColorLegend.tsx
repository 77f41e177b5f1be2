/** The packages with the largest share of the flame graph and their colours, when frames are coloured by package. */
import { useMemo } from 'react';
import type { FlameTree } from '../../shared/ipc/contract';
import { formatPercent } from '../../shared/format/units';
import { packageColor } from '../flame/frameColor';
import { topPackages } from '../flame/packageLegend';

/** Enough to name what dominates a profile without crowding the toolbar. */
const LEGEND_PACKAGES = 10;

interface ColorLegendProps {
  tree: FlameTree;
  /** Package of each function of the tree. */
  packages: readonly string[];
  dark: boolean;
}

export function ColorLegend({ tree, packages, dark }: ColorLegendProps) {
  const shares = useMemo(() => topPackages(tree, packages, LEGEND_PACKAGES), [tree, packages]);
  const grandTotal = tree.total[0] ?? 0;
  if (shares.length === 0) return null;
  return (
    <ul className="color-legend" data-testid="color-legend" aria-label="Colours by package (share of self time)">
      {shares.map(({ pkg, self }) => {
        const color = packageColor(pkg, dark);
        const label = pkg === '' ? '(no package)' : pkg;
        return (
          <li key={pkg} className="color-legend-item" data-testid="legend-package" data-package={pkg} title={label}>
            <span
              className="color-legend-swatch"
              data-testid="legend-swatch"
              data-color={color}
              style={{ background: color }}
              aria-hidden="true"
            />
            <span className="color-legend-name">{label}</span>
            <span className="color-legend-share">{formatPercent(grandTotal > 0 ? self / grandTotal : 0)}</span>
          </li>
        );
      })}
    </ul>
  );
}
