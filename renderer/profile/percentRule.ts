/**
 * The one rule for percentages (docs/PERCENTAGES.md): every share shown — legend, tables, tooltips, search — is a
 * share of the selection's total for the sample type before any filter ("% of selection"), as `go tool pprof` and
 * `kiln top` print them. Filters narrow what is shown, never what a percentage is of.
 */
export const PERCENT_RULE = '% of selection: a share of the selected items’ total before filters';
