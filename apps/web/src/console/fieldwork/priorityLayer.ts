import L from 'leaflet';
import type { PriorityArea } from '../../lib/placesApi.ts';
import { CITY_SEATS } from './cities.ts';

/** The map's colour for priority areas (重点区域): a dashed ring, apart from the outcome dots. */
export const PRIORITY_HEX = '#c41d7f';

function shortName(cityName: string): string {
  return cityName.length > 2 ? cityName.replace(/市$/, '') : cityName;
}

/**
 * Where to draw a priority county: the middle of its registered sites, else near its city's seat
 * (counties have no coordinates in the division dataset), spread a little so several of one
 * city do not sit on one another.
 */
function placeOf(a: PriorityArea, nth: number): L.LatLngTuple | null {
  if (a.position) return [a.position.lat, a.position.lng];
  const seat = CITY_SEATS.find((c) => c.name === shortName(a.cityName));
  if (!seat) return null;
  const angle = (nth * 2 * Math.PI) / 6;
  return [seat.lat + 0.12 * Math.sin(angle), seat.lng + 0.15 * Math.cos(angle)];
}

/** Draws the priority areas into `layer` (cleared first). */
export function drawPriorityAreas(layer: L.LayerGroup, areas: readonly PriorityArea[]): void {
  layer.clearLayers();
  const perCity = new Map<string, number>();
  for (const a of areas) {
    const nth = perCity.get(a.cityCode) ?? 0;
    perCity.set(a.cityCode, nth + 1);
    const at = placeOf(a, nth);
    if (!at) continue;
    const text = `重点区域：${a.cityName}${a.countyName}${a.pm25 != null ? `（PM2.5 ${a.pm25}，倒数第${a.rankFromWorst}）` : ''}`;
    L.circleMarker(at, {
      radius: 16,
      color: PRIORITY_HEX,
      weight: 2,
      dashArray: '4 3',
      fillColor: PRIORITY_HEX,
      fillOpacity: 0.08,
      interactive: true,
    })
      .bindTooltip(text, { direction: 'top' })
      .addTo(layer);
  }
}
