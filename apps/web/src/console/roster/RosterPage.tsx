import { Tabs } from 'antd';
import { useSearchParams } from 'react-router';
import { PageHeader } from '../common/PageHeader.tsx';
import { PeopleTab } from './PeopleTab.tsx';
import { RoundRosterTab } from './RoundRosterTab.tsx';

/** 人员名单: the people register, and who serves in which group in each round. */
export default function RosterPage() {
  const [params, setParams] = useSearchParams();
  const tab = params.get('tab') === 'people' ? 'people' : 'round';
  return (
    <>
      <PageHeader title="人员名单" />
      <Tabs
        activeKey={tab}
        onChange={(key) =>
          setParams((p) => {
            p.set('tab', key);
            return p;
          })
        }
        items={[
          { key: 'round', label: '轮次名单', children: <RoundRosterTab /> },
          { key: 'people', label: '人员库', children: <PeopleTab /> },
        ]}
      />
    </>
  );
}
