import type { ValidationFailedDetails } from '@ancha/core';
import { can } from '@ancha/core';
import { DownloadOutlined, FileWordOutlined } from '@ant-design/icons';
import { App as AntApp, Button, Tooltip } from 'antd';
import { useState, useSyncExternalStore } from 'react';
import { ApiError, api, errorMessage, type Handover, type ProblemFilter, saveBlob } from '../../lib/api.ts';
import { useUser } from '../auth.tsx';
import { todayShanghai } from '../fieldwork/dates.ts';

type Doc = 'docx' | 'ledger';

// A document route the server does not have (yet) stays disabled for the session, with the reason.
const missing = new Map<Doc, string>();
const listeners = new Set<() => void>();
const subscribe = (fn: () => void) => {
  listeners.add(fn);
  return () => listeners.delete(fn);
};
function markMissing(doc: Doc) {
  missing.set(doc, doc === 'docx' ? '交办单文档生成功能尚未开放' : '问题清单导出功能尚未开放');
  for (const fn of listeners) fn();
}

/**
 * Whether the server lacks the route (an older server). Unknown paths answer 404 with “没有这个地址”
 * (a handover out of scope is a 404 too, with its own words); `/problems/ledger.xlsx` without
 * its own route falls into `/problems/:id` and fails the id check instead.
 */
function routeMissing(err: unknown): boolean {
  if (!(err instanceof ApiError)) return false;
  if (err.status === 404) return err.message.startsWith('没有这个地址');
  const issues = (err.details as Partial<ValidationFailedDetails> | undefined)?.issues;
  return err.status === 400 && !!issues?.some((i) => i.path === 'params.id');
}

function useDownload(doc: Doc, fetchBlob: () => Promise<Blob>, filename: () => string) {
  const { message } = AntApp.useApp();
  const [busy, setBusy] = useState(false);
  const unavailable = useSyncExternalStore(subscribe, () => missing.get(doc));
  const run = async () => {
    setBusy(true);
    try {
      saveBlob(await fetchBlob(), filename());
    } catch (err) {
      if (routeMissing(err)) markMissing(doc);
      else message.error(errorMessage(err));
    } finally {
      setBusy(false);
    }
  };
  return { busy, unavailable, run };
}

/** 《环境问题交办单》 of one handover, as Word. */
export function DocxButton({
  handover,
  size,
  block,
}: {
  handover: Handover;
  size?: 'small';
  block?: boolean;
}) {
  const reader = can(useUser().roles, 'handovers.document');
  const d = useDownload(
    'docx',
    () => api.handoverDocument(handover.id),
    () => `环境问题交办单${handover.number}.docx`,
  );
  if (!reader) return null;
  const button = (
    <Button
      size={size}
      block={block}
      icon={<FileWordOutlined />}
      loading={d.busy}
      disabled={!!d.unavailable}
      onClick={d.run}
      aria-label={`下载交办单 ${handover.number}`}
    >
      {d.unavailable ? '交办单（未开放）' : size === 'small' ? '交办单' : '下载交办单'}
    </Button>
  );
  return d.unavailable ? <Tooltip title={d.unavailable}>{button}</Tooltip> : button;
}

/** 问题清单.xlsx with the board's current filters; `note` says which ones the sheet cannot apply. */
export function LedgerButton({ filter, note }: { filter: ProblemFilter; note?: string }) {
  const d = useDownload(
    'ledger',
    () => api.problemLedger(filter),
    () => `问题清单-${todayShanghai()}.xlsx`,
  );
  const button = (
    <Button icon={<DownloadOutlined />} loading={d.busy} disabled={!!d.unavailable} onClick={d.run}>
      {d.unavailable ? '问题清单（未开放）' : '下载问题清单'}
    </Button>
  );
  const tip = d.unavailable ?? note;
  return tip ? <Tooltip title={tip}>{button}</Tooltip> : button;
}
