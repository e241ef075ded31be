import { describe, expect, it } from 'vitest';
import { resolveCampaignSettings } from '../campaign/settings.ts';
import { DEFAULT_HANDOVER_NUMBER_FORMAT, formatHandoverNumber } from '../problems/numbering.ts';
import { reportMailboxSchema } from './reportMailbox.ts';

describe('report settings of a campaign', () => {
  it('defaults to the plan: warning 19:00, deadline 20:00, no mailbox until one is set', () => {
    const s = resolveCampaignSettings('{}');
    expect(s.dailyPackage).toEqual({ warningTime: '19:00', sendTime: '20:00' });
    expect(s.reportMailbox).toBeNull();
    const set = resolveCampaignSettings(
      JSON.stringify({
        reportMailbox: 'sqzxxd@163.com',
        dailyPackage: { warningTime: '18:30', sendTime: '19:45' },
      }),
    );
    expect(set).toMatchObject({
      reportMailbox: 'sqzxxd@163.com',
      dailyPackage: { warningTime: '18:30', sendTime: '19:45' },
    });
  });

  it('falls back when the warning is not before the deadline', () => {
    const s = resolveCampaignSettings(
      JSON.stringify({ dailyPackage: { warningTime: '20:30', sendTime: '20:00' } }),
    );
    expect(s.dailyPackage).toEqual({ warningTime: '19:00', sendTime: '20:00' });
  });
});

describe('handover numbers (GB/T 9704 7.2.4)', () => {
  it('write 机关代字〔年份〕序号 without leading zeros or 第 by default', () => {
    expect(formatHandoverNumber(DEFAULT_HANDOVER_NUMBER_FORMAT, 2020, 1)).toBe('豫环暗查〔2020〕1号');
    expect(formatHandoverNumber(DEFAULT_HANDOVER_NUMBER_FORMAT, 2020, 127)).toBe('豫环暗查〔2020〕127号');
  });
});

describe('the designated mailboxes (指定邮箱)', () => {
  it('takes one or more addresses however they are separated, and keeps them as the mailer takes them', () => {
    expect(reportMailboxSchema.parse(' sqzxxd@163.com ')).toBe('sqzxxd@163.com');
    expect(reportMailboxSchema.parse('a@x.cn；b@y.cn、c@z.cn, d@w.cn')).toBe(
      'a@x.cn, b@y.cn, c@z.cn, d@w.cn',
    );
  });

  it('says in Chinese which address is wrong, and refuses repeats, blanks and too many', () => {
    const msg = (v: string) => reportMailboxSchema.safeParse(v).error?.issues[0]?.message;
    expect(msg('a@x.cn，b@')).toBe('邮箱格式不正确：b@');
    expect(msg('a@x.cn; A@x.cn')).toBe('邮箱地址重复');
    expect(msg(' ；')).toBe('请填写指定邮箱');
    expect(msg(['1', '2', '3', '4', '5', '6'].map((n) => `u${n}@x.cn`).join(','))).toBe('指定邮箱最多5个');
  });
});
