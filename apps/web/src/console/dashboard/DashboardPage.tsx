import { DASHBOARD_PANELS, type DashboardPanelKey, EVENT_TYPES } from '@ancha/core';
import { useQueryClient } from '@tanstack/react-query';
import { Card, Col, DatePicker, Empty, Row } from 'antd';
import dayjs from 'dayjs';
import { useEffect, useRef, useState } from 'react';
import { useCan } from '../auth.tsx';
import { useCampaignParam } from '../common/CampaignSelect.tsx';
import { Loading } from '../common/Loading.tsx';
import { PageHeader } from '../common/PageHeader.tsx';
import { useFilterParams } from '../fieldwork/dates.ts';
import { LiveIndicator, useLive } from '../fieldwork/live.tsx';
import '../fieldwork/fieldwork.css';
import { DailyReportButton } from './DailyReportButton.tsx';
import './dashboard.css';
import { PANEL_VIEWS } from './panels.tsx';
import { panelKey } from './usePanel.ts';

/** Panels a live event refreshes are refetched once per burst (a phone back online with eight sites). */
const BURST_MS = 800;

function useViewportHeight() {
  const [h, setH] = useState(() => window.innerHeight);
  useEffect(() => {
    const on = () => setH(window.innerHeight);
    window.addEventListener('resize', on);
    return () => window.removeEventListener('resize', on);
  }, []);
  return h;
}

/**
 * 指挥大屏: the command room's landing page. Every panel is its own read model
 * (GET /dashboard/<key>); a live event refetches only the panels it affects (core's
 * DASHBOARD_PANELS[].refreshOn), never the whole screen.
 */
export default function DashboardPage() {
  const { campaigns, campaign, select } = useCampaignParam();
  const params = useFilterParams();
  const date = params.date;
  const qc = useQueryClient();
  const mayReport = useCan('reports.daily');
  const vh = useViewportHeight();
  // A row of charts and two rows of lists (the day's work, then dispatch) fill a wall screen;
  // on a laptop they keep a readable minimum and the page scrolls.
  const tall = Math.max(300, Math.round((vh - 330) * 0.5));
  const short = Math.max(160, Math.round((vh - 330 - tall - 90) / 2));

  const pending = useRef(new Map<DashboardPanelKey, ReturnType<typeof setTimeout>>());
  useEffect(() => {
    const timers = pending.current;
    return () => {
      for (const t of timers.values()) clearTimeout(t);
    };
  }, []);
  const refresh = (key: DashboardPanelKey) => {
    if (!campaign || pending.current.has(key)) return;
    pending.current.set(
      key,
      setTimeout(() => {
        pending.current.delete(key);
        qc.invalidateQueries({ queryKey: panelKey(key, campaign.id, date) });
      }, BURST_MS),
    );
  };
  const status = useLive(
    {
      onEvent: (ev) => {
        for (const p of DASHBOARD_PANELS)
          if ((p.refreshOn as readonly string[]).includes(ev.type)) refresh(p.key);
      },
      onReconnect: () => qc.invalidateQueries({ queryKey: ['dashboard'] }),
    },
    EVENT_TYPES,
  );

  const header = (
    <PageHeader
      title="指挥大屏"
      extra={
        <>
          {select}
          <DatePicker
            aria-label="日期"
            allowClear={false}
            value={dayjs(date)}
            onChange={(d) => d && params.set({ date: d.format('YYYY-MM-DD') })}
          />
          {mayReport && campaign && <DailyReportButton campaignId={campaign.id} date={date} />}
          <LiveIndicator status={status} />
        </>
      }
    />
  );
  if (campaigns.isPending) return <Loading />;
  if (!campaign)
    return (
      <>
        {header}
        <Card>
          <Empty description="暂无专项行动：请先在「专项行动」中建立或导入专项行动" />
        </Card>
      </>
    );
  return (
    <>
      {header}
      <Row gutter={[12, 12]} className="dashboard-grid">
        {DASHBOARD_PANELS.map(({ key }) => {
          const { span, tall: isTall, View } = PANEL_VIEWS[key];
          return (
            <Col key={key} xs={24} xl={span}>
              <View campaignId={campaign.id} date={date} height={isTall ? tall : short} />
            </Col>
          );
        })}
      </Row>
    </>
  );
}
