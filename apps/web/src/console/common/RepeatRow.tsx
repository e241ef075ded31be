import { Flex } from 'antd';
import type { ReactNode } from 'react';

/**
 * One entry of a repeatable form list (a dispatching city, a role binding), boxed so that
 * when its fields wrap on a phone they still read as one entry.
 */
export function RepeatRow({ children }: { children: ReactNode }) {
  return (
    <Flex
      gap={8}
      wrap
      align="baseline"
      style={{
        background: '#fafafa',
        border: '1px solid #f0f0f0',
        borderRadius: 4,
        padding: '8px 8px 0',
        marginBottom: 8,
      }}
    >
      {children}
    </Flex>
  );
}
