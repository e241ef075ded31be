/**
 * Handover numbers (交办单编号). Default 豫环暗查〔2020〕第0001号; `{year}` and `{seq}`
 * (zero-padded to `{seq:N}` digits) are placeholders. Numbers are gap-free per campaign:
 * the sequence is taken in the approving transaction, so a rollback gives it back.
 */
export const DEFAULT_HANDOVER_NUMBER_FORMAT = '豫环暗查〔{year}〕第{seq:4}号';

export function formatHandoverNumber(format: string, year: number, seq: number): string {
  return format
    .replace(/\{year\}/g, String(year))
    .replace(/\{seq(?::(\d+))?\}/g, (_m, width?: string) =>
      String(seq).padStart(width ? Number(width) : 1, '0'),
    );
}
