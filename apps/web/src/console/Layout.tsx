import { ROLE_LABELS } from '@ancha/core';
import {
  AimOutlined,
  AlertOutlined,
  ApartmentOutlined,
  AuditOutlined,
  BarChartOutlined,
  CarryOutOutlined,
  ControlOutlined,
  DashboardOutlined,
  DatabaseOutlined,
  EnvironmentOutlined,
  FileDoneOutlined,
  FileSearchOutlined,
  FundProjectionScreenOutlined,
  HomeOutlined,
  InboxOutlined,
  LogoutOutlined,
  MailOutlined,
  MenuOutlined,
  NotificationOutlined,
  PhoneOutlined,
  ProfileOutlined,
  RetweetOutlined,
  SafetyCertificateOutlined,
  SendOutlined,
  SolutionOutlined,
  TeamOutlined,
  UserAddOutlined,
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
  nominate: <UserAddOutlined />,
  affairs: <SolutionOutlined />,
  users: <UserOutlined />,
  situation: <DashboardOutlined />,
  dashboard: <FundProjectionScreenOutlined />,
  inspections: <FileSearchOutlined />,
  teams: <UsergroupAddOutlined />,
  problems: <AuditOutlined />,
  followups: <RetweetOutlined />,
  bureau: <InboxOutlined />,
  instructions: <SendOutlined />,
  alerts: <AlertOutlined />,
  checklists: <ProfileOutlined />,
  clues: <PhoneOutlined />,
  grouptasks: <CarryOutOutlined />,
  ledgers: <DatabaseOutlined />,
  sites: <EnvironmentOutlined />,
  priority: <AimOutlined />,
  daily: <MailOutlined />,
  report: <FileDoneOutlined />,
  stage: <BarChartOutlined />,
  verify: <SafetyCertificateOutlined />,
};

type MenuEntry = { key: string; icon: ReactNode; label: ReactNode; children?: MenuEntry[] };

/** Entries of one section go into a submenu where the first of them stands. */
function sectioned(nav: NavItem[]): MenuEntry[] {
  const out: MenuEntry[] = [];
  for (const n of nav) {
    const entry = {
      key: n.path,
      icon: ICONS[n.icon],
      label: n.badge === 'review' ? <ReviewCount label={n.label} /> : n.label,
    };
    if (!n.section) {
      out.push(entry);
      continue;
    }
    const group = out.find((e) => e.key === `section:${n.section}`);
    if (group) group.children!.push(entry);
    else
      out.push({
        key: `section:${n.section}`,
        icon: <NotificationOutlined />,
        label: n.section,
        children: [entry],
      });
  }
  return out;
}

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

  const nav = navFor(user.roles);
  const items = sectioned(nav);
  const selected = nav.find((i) => pathname.startsWith(i.path))?.path;
  const openSection = nav.find((i) => i.path === selected)?.section;
  const labels = roleLabels(user.roles);
  const menu = (
    <nav aria-label="功能菜单">
      <Menu
        mode="inline"
        selectedKeys={selected ? [selected] : []}
        defaultOpenKeys={openSection ? [`section:${openSection}`] : ['section:指挥调度']}
        items={items}
        onClick={({ key }) => {
          navigate(key);
          setDrawerOpen(false);
        }}
        style={{ borderInlineEnd: 'none' }}
      />
    </nav>
  );

  return (
    <Layout style={{ minHeight: '100vh' }}>
      <a className="skip-link" href="#main">
        跳到正文
      </a>
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
          <Layout.Sider theme="light" width={200} style={{ borderInlineEnd: '1px solid #f0f0f0' }}>
            {menu}
          </Layout.Sider>
        )}
        <Layout.Content
          // The route now shown (after a navigation's transition has committed): tests wait on it.
          data-path={pathname}
          id="main"
          tabIndex={-1}
          style={{ padding: mobile ? 12 : 24, minWidth: 0, outline: 'none' }}
        >
          <Suspense fallback={<Loading />}>
            <Outlet />
          </Suspense>
        </Layout.Content>
      </Layout>
    </Layout>
  );
}
