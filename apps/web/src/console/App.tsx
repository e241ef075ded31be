import { QueryClientProvider } from '@tanstack/react-query';
import { App as AntApp, ConfigProvider } from 'antd';
import zhCN from 'antd/locale/zh_CN';
import { type ComponentType, lazy, type ReactNode, Suspense } from 'react';
import { BrowserRouter, Navigate, Route, Routes } from 'react-router';
import { FullPageSpin, RequireAuth, SessionWatcher, useUser } from './auth.tsx';
import { Forbidden, NotFound } from './common/Results.tsx';
import { ConsoleLayout } from './Layout.tsx';
import { LoginPage } from './LoginPage.tsx';
import { canOpen, navFor } from './nav.ts';
import { queryClient } from './queryClient.ts';

// Pages load on first visit: a phone on a weak network should not fetch the user admin.
const HomePage = lazy(() => import('./HomePage.tsx'));
const CampaignPage = lazy(() => import('./campaign/CampaignPage.tsx'));
const RosterPage = lazy(() => import('./roster/RosterPage.tsx'));
const UsersPage = lazy(() => import('./users/UsersPage.tsx'));
const InspectionsPage = lazy(() => import('./fieldwork/InspectionsPage.tsx'));
const InspectionDetailPage = lazy(() => import('./fieldwork/InspectionDetailPage.tsx'));
const SituationPage = lazy(() => import('./fieldwork/SituationPage.tsx'));
const TeamsPage = lazy(() => import('./teams/TeamsPage.tsx'));
const ProblemsPage = lazy(() => import('./problems/ProblemsPage.tsx'));
const ProblemDetailPage = lazy(() => import('./problems/ProblemDetailPage.tsx'));
const FollowUpTasksPage = lazy(() => import('./problems/FollowUpTasksPage.tsx'));
const BureauInboxPage = lazy(() => import('./bureau/BureauInboxPage.tsx'));
const TypicalCaseEditorPage = lazy(() => import('./reports/TypicalCaseEditorPage.tsx'));
const DailyPackagesPage = lazy(() => import('./reports/DailyPackagesPage.tsx'));
const RoundReportsPage = lazy(() => import('./reports/RoundReportsPage.tsx'));
const StageReportsPage = lazy(() => import('./reports/StageReportsPage.tsx'));
const VerifyPage = lazy(() => import('./reports/VerifyPage.tsx'));

// Each page is guarded by the same role table that builds the menu (nav.ts); a page under
// a menu entry (a record's detail) is guarded by that entry.
const PAGES: { path: string; Page: ComponentType; menu?: string | readonly string[] }[] = [
  { path: '/home', Page: HomePage },
  { path: '/situation', Page: SituationPage },
  { path: '/inspections', Page: InspectionsPage },
  { path: '/inspections/:id', Page: InspectionDetailPage, menu: '/inspections' },
  // One problem page for all who reach it: the board, a bureau's inbox, a group's follow-ups.
  { path: '/problems', Page: ProblemsPage },
  { path: '/problems/:id', Page: ProblemDetailPage, menu: ['/problems', '/bureau', '/follow-ups'] },
  { path: '/follow-ups', Page: FollowUpTasksPage },
  { path: '/bureau', Page: BureauInboxPage },
  { path: '/typical-case', Page: TypicalCaseEditorPage, menu: '/daily-packages' },
  { path: '/daily-packages', Page: DailyPackagesPage },
  { path: '/round-reports', Page: RoundReportsPage },
  { path: '/stage-reports', Page: StageReportsPage },
  { path: '/verify', Page: VerifyPage },
  { path: '/verify/:code', Page: VerifyPage, menu: '/verify' },
  { path: '/campaign', Page: CampaignPage },
  { path: '/roster', Page: RosterPage },
  { path: '/teams', Page: TeamsPage },
  { path: '/users', Page: UsersPage },
];

function Guard({ path, children }: { path: string | readonly string[]; children: ReactNode }) {
  const user = useUser();
  return canOpen(user.roles, path) ? children : <Forbidden />;
}

/** `/` opens the first page the user's roles allow. */
function Landing() {
  const first = navFor(useUser().roles)[0];
  return first ? <Navigate to={first.path} replace /> : <Forbidden />;
}

export function App() {
  return (
    <ConfigProvider locale={zhCN} theme={{ token: { colorPrimary: '#1a5dab', borderRadius: 4 } }}>
      <AntApp>
        <QueryClientProvider client={queryClient}>
          <SessionWatcher />
          <BrowserRouter>
            <Suspense fallback={<FullPageSpin />}>
              <Routes>
                <Route path="/login" element={<LoginPage />} />
                <Route
                  element={
                    <RequireAuth>
                      <ConsoleLayout />
                    </RequireAuth>
                  }
                >
                  <Route index element={<Landing />} />
                  {PAGES.map(({ path, Page, menu }) => (
                    <Route
                      key={path}
                      path={path}
                      element={
                        <Guard path={menu ?? path}>
                          <Page />
                        </Guard>
                      }
                    />
                  ))}
                  <Route path="*" element={<NotFound />} />
                </Route>
              </Routes>
            </Suspense>
          </BrowserRouter>
        </QueryClientProvider>
      </AntApp>
    </ConfigProvider>
  );
}
