import type { MapPanelOut, QuotaPanelOut } from '@ancha/core';
import { Flex, Typography } from 'antd';
import L from 'leaflet';
import markerIcon from 'leaflet/dist/images/marker-icon.png';
import { useEffect, useRef, useState } from 'react';
import { CITY_SEATS, HENAN_BOUNDS } from '../fieldwork/cities.ts';
import { fmtClock, OUTCOME_CODES, OUTCOME_HEX, outcomeLabel } from '../fieldwork/labels.ts';
import { attachBaseMap, type BaseState } from '../fieldwork/mapSetup.ts';
import { baseNote, OutlineLegend } from '../fieldwork/OutlineLegend.tsx';

/** A city's seat for a division name (郑州市 → 郑州; 济源 is 济源示范区 in the code table). */
function seatOf(name: string) {
  return CITY_SEATS.find((c) => name.startsWith(c.name));
}

/**
 * The day on a map: each record a dot coloured by outcome, each team's latest position a pin,
 * each stationed city a badge with the day's count. Without a tile server (or when its tiles
 * cannot be reached) the map stands on the city and county outlines, so where things are still reads.
 */
export function DashboardMap({
  data,
  quota,
  height,
  fitKey,
}: {
  data: MapPanelOut | undefined;
  quota: QuotaPanelOut | undefined;
  height: number;
  fitKey: string;
}) {
  const box = useRef<HTMLDivElement>(null);
  const map = useRef<L.Map | null>(null);
  const layers = useRef<{ points: L.FeatureGroup; teams: L.FeatureGroup; cities: L.LayerGroup } | null>(null);
  const fitted = useRef<string | null>(null);
  const [base, setBase] = useState<BaseState>('pending');

  useEffect(() => {
    if (!box.current) return;
    const m = L.map(box.current, { attributionControl: false, zoomSnap: 0.5 });
    m.fitBounds(HENAN_BOUNDS);
    m.createPane('points').style.zIndex = '620';
    L.control.scale({ imperial: false }).addTo(m);
    const points = L.featureGroup().addTo(m);
    const teams = L.featureGroup().addTo(m);
    const cities = L.layerGroup().addTo(m);
    L.control.layers(undefined, { 检查点位: points, 小组最新位置: teams, 各市今日记录数: cities }).addTo(m);
    layers.current = { points, teams, cities };
    map.current = m;
    const stopBase = attachBaseMap(m, setBase);
    return () => {
      stopBase();
      m.remove();
      map.current = null;
      layers.current = null;
    };
  }, []);

  useEffect(() => {
    const m = map.current;
    const l = layers.current;
    if (!m || !l) return;
    l.points.clearLayers();
    l.teams.clearLayers();
    l.cities.clearLayers();
    const severity = (o: string) => OUTCOME_CODES.indexOf(o);
    for (const p of [...(data?.points ?? [])].sort((a, b) => severity(a.outcome) - severity(b.outcome))) {
      L.circleMarker([p.lat, p.lng], {
        pane: 'points',
        radius: 5,
        color: '#fff',
        weight: 1,
        fillColor: OUTCOME_HEX[p.outcome] ?? '#595959',
        fillOpacity: 0.9,
      })
        .bindTooltip(
          `${p.siteName} · 第${p.groupNumber}组 · ${fmtClock(p.startedAt)} · ${outcomeLabel(p.outcome)}`,
        )
        .addTo(l.points);
    }
    for (const g of quota?.groups ?? []) {
      for (const t of g.teamItems) {
        if (!t.lastPosition) continue;
        L.marker([t.lastPosition.lat, t.lastPosition.lng], { zIndexOffset: -100 })
          .bindTooltip(
            `第${t.groupNumber}组第${t.teamNumber}小组 最新位置 ${fmtClock(t.lastAt)}（${t.sites}/${t.minSites}）`,
          )
          .addTo(l.teams);
      }
      const seat = seatOf(g.stationedCity.name);
      const c = data?.cities.find((x) => x.cityCode === g.stationedCity.code);
      if (!seat) continue;
      L.marker([seat.lat, seat.lng], {
        keyboard: false,
        icon: L.divIcon({
          className: 'dashboard-city-count',
          html: `<span title="${g.stationedCity.name}">${c?.inspections ?? 0}</span>`,
          iconSize: [36, 20],
          iconAnchor: [18, -6],
        }),
      })
        .bindTooltip(
          `${g.stationedCity.name}（第${g.groupNumber}组）今日记录 ${c?.inspections ?? 0} 条，发现问题 ${c?.withProblems ?? 0} 条`,
        )
        .addTo(l.cities);
    }
    const bounds = l.points.getBounds();
    if (fitted.current !== fitKey && bounds.isValid()) {
      fitted.current = fitKey;
      m.fitBounds(bounds, { padding: [30, 30], maxZoom: 12 });
    }
  }, [data, quota, fitKey]);

  const dot = (colour: string) => (
    <span style={{ width: 10, height: 10, borderRadius: 5, background: colour, display: 'inline-block' }} />
  );
  return (
    <>
      <section
        className={`fieldwork-map${base === 'tiles' ? '' : ' blank'}`}
        style={{ height, borderRadius: 4, border: '1px solid #f0f0f0', overflow: 'hidden' }}
        aria-label="今日检查点位地图"
      >
        <div ref={box} style={{ height: '100%' }} />
      </section>
      <Flex wrap gap={12} style={{ marginTop: 6, fontSize: 12 }} align="center" aria-label="图例">
        {OUTCOME_CODES.map((o) => (
          <Flex key={o} gap={4} align="center">
            {dot(OUTCOME_HEX[o]!)}
            <Typography.Text style={{ fontSize: 12 }}>检查点位：{outcomeLabel(o)}</Typography.Text>
          </Flex>
        ))}
        <Flex gap={4} align="center">
          <img src={markerIcon} alt="" width={8} height={13} />
          <Typography.Text style={{ fontSize: 12 }}>小组最新位置</Typography.Text>
        </Flex>
        <Flex gap={4} align="center">
          <span className="dashboard-city-count">
            <span>12</span>
          </span>
          <Typography.Text style={{ fontSize: 12 }}>进驻市今日记录数</Typography.Text>
        </Flex>
        <OutlineLegend base={base} />
        <Typography.Text type="secondary" style={{ fontSize: 12 }}>
          {data?.truncated ? `仅显示最新 ${data.points.length} 个点位；` : ''}
          {baseNote(base)}
        </Typography.Text>
      </Flex>
    </>
  );
}
