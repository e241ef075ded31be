import type { ThemeConfig } from 'antd';

/**
 * The console's one antd theme. antd's defaults fail WCAG 2.1 AA contrast (4.5:1 for text) in
 * many places — secondary text #8c8c8c (3.4:1), links #1677ff (4.1:1; links follow colorInfo,
 * not colorPrimary), placeholders #bfbfbf (1.8:1), green/orange/gold tags and the status
 * colours (2.2–3.4:1) — so the seeds are set here, once, and every component derives from
 * them. Never fix contrast per element; if a colour fails, fix its token here.
 */
export const PRIMARY = '#1a5dab';

/** Text colours for figures outside antd's components (quota cells): each ≥ 4.5:1 on white. */
export const TEXT_OK = '#237804';
export const TEXT_BAD = '#b3141f';
export const TEXT_WARN = '#8a5300';
export const TEXT_SECONDARY = '#595959';

export const THEME: ThemeConfig = {
  token: {
    colorPrimary: PRIMARY,
    colorInfo: PRIMARY,
    colorLink: PRIMARY,
    // Status colours are text colours too (status tags, Typography type="danger"): dark enough for
    // 4.5:1 on their own light backgrounds, which are pinned to antd's usual tints (a dark seed
    // would otherwise derive muddy ones).
    colorSuccess: TEXT_OK,
    colorSuccessBg: '#f6ffed',
    colorSuccessBorder: '#b7eb8f',
    colorWarning: TEXT_WARN,
    colorWarningBg: '#fffbe6',
    colorWarningBorder: '#ffe58f',
    colorError: '#c4161c',
    colorErrorBg: '#fff1f0',
    colorErrorBorder: '#ffccc7',
    colorInfoBg: '#e6f4ff',
    colorInfoBorder: '#91caff',
    colorTextSecondary: TEXT_SECONDARY,
    colorTextTertiary: TEXT_SECONDARY,
    colorTextDescription: TEXT_SECONDARY,
    colorTextPlaceholder: '#6b6b6b',
    colorTextLabel: TEXT_SECONDARY,
    // Preset tags (Tag color="green" …) write in their palette's 7th shade on its 1st; where antd's
    // 7th falls short of 4.5:1 it is replaced by the first darker shade that reaches it. Both
    // spellings: antd also keeps the legacy 'orange-7', and both become the CSS variable --ant-orange-7.
    volcano7: '#ad2102',
    'volcano-7': '#ad2102',
    orange7: '#ad4e00',
    'orange-7': '#ad4e00',
    gold7: '#874d00',
    'gold-7': '#874d00',
    yellow7: '#876800',
    'yellow-7': '#876800',
    lime7: '#3f6600',
    'lime-7': '#3f6600',
    green7: '#237804',
    'green-7': '#237804',
    cyan7: '#006d75',
    'cyan-7': '#006d75',
    borderRadius: 4,
  },
  components: {
    Menu: { itemSelectedColor: PRIMARY },
    // An empty table's 暂无数据 is written in the disabled grey (1.8:1); it is text to read.
    Table: { colorTextDisabled: TEXT_SECONDARY },
  },
};
