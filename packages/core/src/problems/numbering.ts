/**
 * Handover numbers (交办单编号). Default 豫环暗查〔2020〕1号 — GB/T 9704-2012 7.2.4: 机关代字〔年份〕
 * 序号, no leading zeros, no 第 (numbers already issued keep their stored text); `{year}` and `{seq}`
 * (zero-padded to `{seq:N}` digits) are placeholders. Numbers are gap-free per campaign:
 * the sequence is taken in the approving transaction, so a rollback gives it back.
 */
export const DEFAULT_HANDOVER_NUMBER_FORMAT = '豫环暗查〔{year}〕{seq}号';

export function formatHandoverNumber(format: string, year: number, seq: number): string {
  return format
    .replace(/\{year\}/g, String(year))
    .replace(/\{seq(?::(\d+))?\}/g, (_m, width?: string) =>
      String(seq).padStart(width ? Number(width) : 1, '0'),
    );
}
