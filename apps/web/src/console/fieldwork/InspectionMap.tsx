import { Flex, Typography } from 'antd';
import L from 'leaflet';
import { useEffect, useRef, useState } from 'react';
import { useNavigate } from 'react-router';
import type { Inspection, TeamQuota } from '../../lib/api.ts';
import type { PriorityArea } from '../../lib/placesApi.ts';
import { HENAN_BOUNDS } from './cities.ts';
import { fmtClock, OUTCOME_CODES, OUTCOME_HEX, outcomeLabel } from './labels.ts';
import { attachBaseMap, type BaseState, TEAM_PIN } from './mapSetup.ts';
import { baseNote, OutlineLegend } from './OutlineLegend.tsx';
import { drawPriorityAreas, PRIORITY_HEX } from './priorityLayer.ts';

/** Fixed at build time. */
function whereOf(i: Inspection): L.LatLngTuple | null {
  if (i.position) return [i.position.lat, i.position.lng];
  if (i.site.lat != null && i.site.lng != null) return [i.site.lat, i.site.lng];
  return null;
}

function popup(i: Inspection, team: string, go: (path: string) => void): HTMLElement {
  const box = document.createElement('div');
  const line = (text: string, strong = false) => {
    const el = document.createElement(strong ? 'strong' : 'div');
    el.textContent = text;
    box.append(el);
  };
  line(i.site.name, true);
  line(`${fmtClock(i.startedAt)} · ${team}`);
  line(`${i.site.divisionName ?? ''} · ${outcomeLabel(i.outcome)}`);
  const a = document.createElement('a');
  a.href = `/inspections/${i.id}`;
  a.textContent = '查看详情';
  a.addEventListener('click', (e) => {
    e.preventDefault();
    go(`/inspections/${i.id}`);
  });
  box.append(a);
  return box;
}

/**
 * The day's inspected points coloured by outcome, and each team's latest position. With no
 * base map configured, or when its tiles cannot be reached (no internet on the government
 * network), the points stand on a blank map with a grid, city names and a scale.
 */
export function InspectionMap({
  points,
  teams,
  teamLabel,
  fitKey,
  height = 520,
  priorityAreas,
}: {
  points: Inspection[];
  teams: TeamQuota[];
  teamLabel: (groupId: string, groupNumber: number, teamNumber: number) => string;
  /** The view is fitted to the data once per key (the date), not on every live update. */
  fitKey: string;
  height?: number;
  /** 重点区域 in force, drawn as dashed rings with their own legend entry. */
  priorityAreas?: readonly PriorityArea[];
}) {
  const navigate = useNavigate();
  const box = useRef<HTMLDivElement>(null);
  const map = useRef<L.Map | null>(null);
  const layers = useRef<{ points: L.FeatureGroup; teams: L.FeatureGroup; priority: L.FeatureGroup } | null>(
    null,
  );
  const fitted = useRef<string | null>(null);
  // Labels and navigation are read when drawn, so a new function identity does not redraw the map.
  const label = useRef(teamLabel);
  label.current = teamLabel;
  const go = useRef(navigate);
  go.current = navigate;
  const [base, setBase] = useState<BaseState>('pending');

  useEffect(() => {
    if (!box.current) return;
    const m = L.map(box.current, { attributionControl: false, zoomSnap: 0.5 });
    // Only the map provider's own notice, without Leaflet's link and flag.
    m.fitBounds(HENAN_BOUNDS);
    // Points above the teams' pins: a pin stands on its team's last point and must not hide it.
    m.createPane('points').style.zIndex = '620';
    L.control.scale({ imperial: false }).addTo(m);
    const pts = L.featureGroup().addTo(m);
    const tms = L.featureGroup().addTo(m);
    const pri = L.featureGroup().addTo(m);
    L.control
      .layers(undefined, { 检查点位: pts, 小组最新位置: tms, 重点区域: pri }, { collapsed: true })
      .addTo(m);
    layers.current = { points: pts, teams: tms, priority: pri };
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
    // Problems drawn last, on top: two teams at one site must not hide a violation under a green dot.
    const severity = (i: Inspection) => OUTCOME_CODES.indexOf(i.outcome);
    for (const i of [...points].sort((a, b) => severity(a) - severity(b))) {
      const at = whereOf(i);
      if (!at) continue;
      const colour = OUTCOME_HEX[i.outcome] ?? '#595959';
      const name = `${i.site.name}：${outcomeLabel(i.outcome)}`;
      const dot = L.circleMarker(at, {
        pane: 'points',
        radius: 7,
        color: '#fff',
        weight: 2,
        fillColor: colour,
        fillOpacity: 0.95,
      })
        .bindPopup(() => popup(i, label.current(i.groupId, i.groupNumber, i.teamNumber), go.current))
        .bindTooltip(i.site.name, { direction: 'top', offset: [0, -6] })
        .addTo(l.points);
      // An SVG path has no name of its own: say what the dot is (the list below is the keyboard way in).
      dot.getElement()?.setAttribute('aria-label', name);
      dot.getElement()?.setAttribute('role', 'img');
    }
    for (const t of teams) {
      if (!t.lastPosition) continue;
      const name = `${label.current(t.groupId, t.groupNumber, t.teamNumber)} 最新位置 ${fmtClock(t.lastAt)}`;
      // Leaflet names a marker's image "Marker" unless told; its alt is what a screen reader says.
      L.marker([t.lastPosition.lat, t.lastPosition.lng], { zIndexOffset: -100, alt: name, title: name })
        .bindTooltip(name)
        .addTo(l.teams);
    }
    // Teams' last positions are among the points, and may arrive first: fit to the points.
    const bounds = l.points.getBounds();
    if (fitted.current !== fitKey && bounds.isValid()) {
      fitted.current = fitKey;
      m.fitBounds(bounds, { padding: [40, 40], maxZoom: 14 });
    }
  }, [points, teams, fitKey]);

  useEffect(() => {
    if (layers.current) drawPriorityAreas(layers.current.priority, priorityAreas ?? []);
  }, [priorityAreas]);

  const located = points.filter((p) => whereOf(p)).length;
  return (
    <>
      {/* Leaflet owns the inner element's classes; React only styles the frame around it. */}
      <section
        className={`fieldwork-map${base === 'tiles' ? '' : ' blank'}`}
        style={{ height, borderRadius: 4, border: '1px solid #f0f0f0', overflow: 'hidden' }}
        aria-label="检查点位地图"
      >
        <div ref={box} style={{ height: '100%' }} />
      </section>
      <Flex wrap gap={16} style={{ marginTop: 8 }} align="center">
        {OUTCOME_CODES.map((o) => (
          <Flex key={o} gap={6} align="center">
            <span
              style={{
                width: 10,
                height: 10,
                borderRadius: 5,
                background: OUTCOME_HEX[o],
                display: 'inline-block',
              }}
            />
            <Typography.Text style={{ fontSize: 12 }}>检查结果：{outcomeLabel(o)}</Typography.Text>
          </Flex>
        ))}
        {priorityAreas?.length ? (
          <Flex gap={6} align="center">
            <span
              style={{
                width: 12,
                height: 12,
                borderRadius: 6,
                border: `2px dashed ${PRIORITY_HEX}`,
                display: 'inline-block',
              }}
            />
            <Typography.Text style={{ fontSize: 12 }}>
              重点区域（{priorityAreas.length}个区县）
            </Typography.Text>
          </Flex>
        ) : null}
        <Flex gap={6} align="center">
          <img src={TEAM_PIN} alt="" style={{ height: 14 }} />
          <Typography.Text style={{ fontSize: 12 }}>蓝色图钉：小组最新位置（悬停查看时间）</Typography.Text>
        </Flex>
        <OutlineLegend base={base} />
        <Typography.Text type="secondary" style={{ fontSize: 12, marginInlineStart: 'auto' }}>
          点位 {located} 个{points.length > located ? `，${points.length - located} 条记录无位置信息` : ''}
          {baseNote(base) ? `；${baseNote(base)}` : ''}
        </Typography.Text>
      </Flex>
    </>
  );
}
