import { Grid } from 'antd';

/** Below antd's `md` breakpoint (768px) the console switches to its phone layout. */
export function useIsMobile(): boolean {
  const screens = Grid.useBreakpoint();
  // Before the first measurement every breakpoint is undefined; assume desktop then.
  return screens.md === false;
}
