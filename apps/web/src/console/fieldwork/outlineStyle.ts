/**
 * How the no-tile outlines are stroked (outlines.ts draws them, OutlineLegend shows them): kept
 * apart from outlines.ts so the legend does not pull the shapes' chunk into the page.
 */
export const CITY_LINE = { color: '#51677d', weight: 1.6 } as const;
export const COUNTY_LINE = { color: '#8a9aab', weight: 0.8, dashArray: '3 3' } as const;
