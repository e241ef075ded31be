import type { ThemeConfig } from 'antd';

/**
 * The console's one antd theme. antd's defaults fail WCAG 2.1 AA contrast (4.5:1 for text) in
 * many places — secondary text #8c8c8c (3.4:1), links #1677ff (4.1:1; links follow colorInfo,
 * not colorPrimary), placeholders #bfbfbf (1.8:1), green/orange/gold tags and the status
 * colours (2.2–3.4:1) — so the seeds are set here, once, and every component derives from
 * them. Never fix contrast per element; if a colour fails, fix its token here.
 * The seeds of the preset palettes (green, orange, …) set each palette's 6th shade; tags
 * write their text in the 7th, which from these seeds is ≥ 4.5:1 on the tag's own background.
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
    colorSuccess: '#2f7d0c',
    colorWarning: '#b36b00',
    colorError: '#c4161c',
    colorTextSecondary: TEXT_SECONDARY,
    colorTextTertiary: TEXT_SECONDARY,
    colorTextDescription: TEXT_SECONDARY,
    colorTextPlaceholder: '#6b6b6b',
    colorTextLabel: TEXT_SECONDARY,
    // Preset palettes (Tag color="green" etc.).
    blue: '#1a5dab',
    green: '#2f7d0c',
    cyan: '#006d75',
    lime: '#4f6f00',
    gold: '#8a6100',
    orange: '#b35300',
    volcano: '#c0360f',
    red: '#c4161c',
    magenta: '#b0126e',
    purple: '#6b2fbf',
    geekblue: '#2f4fc7',
    borderRadius: 4,
  },
  components: {
    // The header's dark band sets its own colours; the menu's selected item keeps 4.5:1.
    Menu: { itemSelectedColor: PRIMARY },
  },
};
