import { ROLE_LABELS } from '@ancha/core';
import {
  ApartmentOutlined,
  AuditOutlined,
  BarChartOutlined,
  DashboardOutlined,
  FileDoneOutlined,
  FileSearchOutlined,
  HomeOutlined,
  InboxOutlined,
  LogoutOutlined,
  MailOutlined,
  MenuOutlined,
  RetweetOutlined,
  SafetyCertificateOutlined,
  TeamOutlined,
  UsergroupAddOutlined,
  UserOutlined,
} from '@ant-design/icons';
import { Button, Drawer, Flex, Layout, Menu, Tag, Typography } from 'antd';
import { type ReactNode, Suspense, useState } from 'react';
import { Outlet, useLocation, useNavigate } from 'react-router';
import { useLogout, useUser } from './auth.tsx';
import { Loading } from './common/Loading.tsx';
import { useIsMobile } from './common/useIsMobile.ts';
import { type NavItem, navFor } from './nav.ts';
import { ReviewCount } from './problems/ReviewCount.tsx';

const ICONS: Record<NavItem['icon'], ReactNode> = {
  home: <HomeOutlined />,
  campaign: <ApartmentOutlined />,
  roster: <TeamOutlined />,
  users: <UserOutlined />,
  situation: <DashboardOutlined />,
  inspections: <FileSearchOutlined />,
  teams: <UsergroupAddOutlined />,
  problems: <AuditOutlined />,
  followups: <RetweetOutlined />,
  bureau: <InboxOutlined />,
  daily: <MailOutlined />,
  report: <FileDoneOutlined />,
  stage: <BarChartOutlined />,
  verify: <SafetyCertificateOutlined />,
};

const HEADER_BG = '#0f3d6b';

function roleLabels(roles: { role: keyof typeof ROLE_LABELS }[]): string[] {
  return [...new Set(roles.map((r) => ROLE_LABELS[r.role]))];
}

export function ConsoleLayout() {
  const user = useUser();
  const logout = useLogout();
  const mobile = useIsMobile();
  const navigate = useNavigate();
  const { pathname } = useLocation();
  const [drawerOpen, setDrawerOpen] = useState(false);
  const [collapsed, setCollapsed] = useState(false);

  const items = navFor(user.roles).map((n) => ({
    key: n.path,
    icon: ICONS[n.icon],
    label: n.badge === 'review' ? <ReviewCount label={n.label} /> : n.label,
  }));
  const selected = items.find((i) => pathname.startsWith(i.key))?.key;
  const labels = roleLabels(user.roles);
  const menu = (
    <Menu
      mode="inline"
      selectedKeys={selected ? [selected] : []}
      items={items}
      onClick={({ key }) => {
        navigate(key);
        setDrawerOpen(false);
      }}
      style={{ borderInlineEnd: 'none' }}
    />
  );

  return (
    <Layout style={{ minHeight: '100vh' }}>
      <Layout.Header
        style={{
          background: HEADER_BG,
          paddingInline: mobile ? 12 : 24,
          display: 'flex',
          alignItems: 'center',
          gap: 12,
        }}
      >
        {mobile ? (
          <Button
            type="text"
            aria-label="打开菜单"
            icon={<MenuOutlined style={{ color: '#fff', fontSize: 18 }} />}
            onClick={() => setDrawerOpen(true)}
          />
        ) : null}
        <Typography.Text strong style={{ color: '#fff', fontSize: mobile ? 16 : 18, whiteSpace: 'nowrap' }}>
          暗访核查平台
        </Typography.Text>
        <Flex align="center" gap={8} style={{ marginInlineStart: 'auto', minWidth: 0 }}>
          <Typography.Text style={{ color: '#fff', whiteSpace: 'nowrap' }} ellipsis>
            {user.displayName}
          </Typography.Text>
          {mobile
            ? null
            : labels.map((l) => (
                <Tag key={l} color="blue" style={{ marginInlineEnd: 0 }}>
                  {l}
                </Tag>
              ))}
          <Button
            size="small"
            ghost
            icon={<LogoutOutlined />}
            loading={logout.isPending}
            onClick={() => logout.mutate()}
          >
            退出
          </Button>
        </Flex>
      </Layout.Header>
      <Layout>
        {mobile ? (
          <Drawer
            title="功能菜单"
            placement="left"
            size={240}
            open={drawerOpen}
            onClose={() => setDrawerOpen(false)}
            styles={{ body: { padding: 0 } }}
          >
            <div style={{ padding: '12px 16px', borderBottom: '1px solid #f0f0f0' }}>
              <Typography.Text strong>{user.displayName}</Typography.Text>
              <div style={{ marginTop: 4 }}>
                {labels.map((l) => (
                  <Tag key={l} color="blue">
                    {l}
                  </Tag>
                ))}
              </div>
            </div>
            {menu}
          </Drawer>
        ) : (
          <Layout.Sider
            theme="light"
            width={200}
            collapsible
            collapsed={collapsed}
            onCollapse={setCollapsed}
            style={{ borderInlineEnd: '1px solid #f0f0f0' }}
          >
            {menu}
          </Layout.Sider>
        )}
        <Layout.Content style={{ padding: mobile ? 12 : 24, minWidth: 0 }}>
          <Suspense fallback={<Loading />}>
            <Outlet />
          </Suspense>
        </Layout.Content>
      </Layout>
    </Layout>
  );
}
