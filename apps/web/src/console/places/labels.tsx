import { LEDGER_STATUSES, LEDGER_VERDICTS, type LedgerVerdictOut } from '@ancha/core';
import { Tag, Tooltip } from 'antd';

type Lookup = Record<string, string>;
export const ledgerStatusLabel = (s: string) => (LEDGER_STATUSES as Lookup)[s] ?? s;
export const verdictLabel = (v: string) => (LEDGER_VERDICTS as Lookup)[v] ?? v;

/** Colours that keep AA contrast on antd's tag backgrounds; listed is calm, the rest need action. */
export const VERDICT_COLOUR: Record<string, string> = {
  listed: 'default',
  new: 'orange',
  revived: 'red',
  relocated: 'purple',
};
export const VERDICT_ORDER = ['revived', 'relocated', 'new', 'listed'] as const;

/** A verdict as a tag; the matcher's reasoning on hover (the pages also show it in words). */
export function VerdictTag({ check }: { check: LedgerVerdictOut | null | undefined }) {
  if (!check) return <span style={{ color: '#595959' }}>未核对</span>;
  const label = check.consistent && check.verdict === 'listed' ? '台账内' : check.label;
  return (
    <Tooltip title={check.reason}>
      <Tag color={VERDICT_COLOUR[check.verdict]}>
        {label}
        {check.confidence === 'medium' ? '（待核实）' : ''}
      </Tag>
    </Tooltip>
  );
}
