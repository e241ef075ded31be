import { shanghaiDate } from '@ancha/core';
import type { Person } from '../../lib/api.ts';

/**
 * How an enforcement certificate reads today. The plan sends back any nominee without a valid
 * certificate of their own locality, so a missing or expired one is flagged where people are listed.
 */
export function certStatus(p: Person, today = shanghaiDate(new Date())) {
  if (!p.certNumber) return { text: '未登记执法证', tag: true, color: 'warning' };
  if (!p.certValidUntil) return { text: '—', tag: false, color: '' };
  if (p.certValidUntil < today) return { text: `${p.certValidUntil}（已过期）`, tag: true, color: 'error' };
  return { text: p.certValidUntil, tag: false, color: '' };
}
