import { isProvincial } from '@ancha/core';
import { useQuery } from '@tanstack/react-query';
import { Badge, Flex } from 'antd';
import { api } from '../../lib/api.ts';
import { keys } from '../../lib/queries.ts';
import { useUser } from '../auth.tsx';

const PAGE = 500;

/** The menu label with the review queue's count (problems 待审核), for the provincial side. */
export function ReviewCount({ label }: { label: string }) {
  const province = isProvincial(useUser().roles);
  const waiting = useQuery({
    queryKey: keys.reviewCount,
    queryFn: async () => {
      const page = await api.problems({ state: 'submitted', limit: PAGE });
      return { count: page.items.length, more: !!page.nextCursor };
    },
    enabled: province,
    refetchInterval: 60_000,
  });
  const count = waiting.data?.count ?? 0;
  if (!province || !count) return label;
  return (
    <Flex align="center" justify="space-between" gap={8} component="span">
      <span>{label}</span>
      <Badge
        count={waiting.data?.more ? `${PAGE}+` : count}
        size="small"
        title={`审核队列：${count}${waiting.data?.more ? '+' : ''} 个问题待审核`}
      />
    </Flex>
  );
}
