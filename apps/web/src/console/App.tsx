import { QueryClientProvider } from '@tanstack/react-query';
import { App as AntApp, ConfigProvider } from 'antd';
import zhCN from 'antd/locale/zh_CN';
import { type ComponentType, lazy, type ReactNode, Suspense } from 'react';
import { BrowserRouter, Navigate, Route, Routes } from 'react-router';
import { FullPageSpin, RequireAuth, SessionWatcher, useUser } from './auth.tsx';
import { Forbidden, NotFound } from './common/Results.tsx';
import { THEME } from './common/theme.ts';
import { ConsoleLayout } from './Layout.tsx';
import { LoginPage } from './LoginPage.tsx';
import { landingFor } from './landing.ts';
import { canOpen } from './nav.ts';
import { queryClient } from './queryClient.ts';

// Pages load on first visit: a phone on a weak network should not fetch the user admin.
const BureauHomePage = lazy(() => import('./bureau/BureauHomePage.tsx'));
const GroupDayPage = lazy(() => import('./fieldwork/GroupDayPage.tsx'));
const CampaignPage = lazy(() => import('./campaign/CampaignPage.tsx'));
const PlanningPage = lazy(() => import('./planning/PlanningPage.tsx'));
const RoundPeoplePage = lazy(() => import('./roundPeople/RoundPeoplePage.tsx'));
const NominationsPage = lazy(() => import('./nominations/NominationsPage.tsx'));
const GroupPeoplePage = lazy(() => import('./roundPeople/GroupPeoplePage.tsx'));
const RosterPage = lazy(() => import('./roster/RosterPage.tsx'));
const UsersPage = lazy(() => import('./users/UsersPage.tsx'));
const InspectionsPage = lazy(() => import('./fieldwork/InspectionsPage.tsx'));
const InspectionDetailPage = lazy(() => import('./fieldwork/InspectionDetailPage.tsx'));
const DashboardPage = lazy(() => import('./dashboard/DashboardPage.tsx'));
const SituationPage = lazy(() => import('./fieldwork/SituationPage.tsx'));
const TeamsPage = lazy(() => import('./teams/TeamsPage.tsx'));
const ProblemsPage = lazy(() => import('./problems/ProblemsPage.tsx'));
const ProblemDetailPage = lazy(() => import('./problems/ProblemDetailPage.tsx'));
const FollowUpTasksPage = lazy(() => import('./problems/FollowUpTasksPage.tsx'));
const BureauInboxPage = lazy(() => import('./bureau/BureauInboxPage.tsx'));
const InstructionsPage = lazy(() => import('./dispatch/InstructionsPage.tsx'));
const InstructionDetailPage = lazy(() => import('./dispatch/InstructionDetailPage.tsx'));
const AlertsPage = lazy(() => import('./dispatch/AlertsPage.tsx'));
const ChecklistsPage = lazy(() => import('./dispatch/ChecklistsPage.tsx'));
const CluesPage = lazy(() => import('./dispatch/CluesPage.tsx'));
const GroupTasksPage = lazy(() => import('./dispatch/GroupTasksPage.tsx'));
const LedgersPage = lazy(() => import('./places/LedgersPage.tsx'));
const SitesPage = lazy(() => import('./places/SitesPage.tsx'));
const SiteDetailPage = lazy(() => import('./places/SiteDetailPage.tsx'));
const PriorityAreasPage = lazy(() => import('./places/PriorityAreasPage.tsx'));
const TypicalCaseEditorPage = lazy(() => import('./reports/TypicalCaseEditorPage.tsx'));
const DailyPackagesPage = lazy(() => import('./reports/DailyPackagesPage.tsx'));
const RoundReportsPage = lazy(() => import('./reports/RoundReportsPage.tsx'));
const StageReportsPage = lazy(() => import('./reports/StageReportsPage.tsx'));
const VerifyPage = lazy(() => import('./reports/VerifyPage.tsx'));

// Each page is guarded by the same role table that builds the menu (nav.ts); a page under
// a menu entry (a record's detail) is guarded by that entry.
const PAGES: { path: string; Page: ComponentType; menu?: string | readonly string[] }[] = [
  { path: '/home', Page: BureauHomePage },
  { path: '/dashboard', Page: DashboardPage },
  { path: '/group-day', Page: GroupDayPage },
  { path: '/situation', Page: SituationPage },
  { path: '/inspections', Page: InspectionsPage },
  { path: '/inspections/:id', Page: InspectionDetailPage, menu: '/inspections' },
  // One problem page for all who reach it: the board, a bureau's inbox, a group's follow-ups.
  { path: '/problems', Page: ProblemsPage },
  { path: '/problems/:id', Page: ProblemDetailPage, menu: ['/problems', '/bureau', '/follow-ups'] },
  { path: '/follow-ups', Page: FollowUpTasksPage },
  { path: '/bureau', Page: BureauInboxPage },
  { path: '/dispatch/instructions', Page: InstructionsPage },
  {
    path: '/dispatch/instructions/:id',
    Page: InstructionDetailPage,
    menu: ['/dispatch/instructions', '/group-tasks'],
  },
  { path: '/dispatch/alerts', Page: AlertsPage },
  { path: '/dispatch/checklists', Page: ChecklistsPage },
  { path: '/dispatch/clues', Page: CluesPage },
  { path: '/group-tasks', Page: GroupTasksPage },
  { path: '/typical-case', Page: TypicalCaseEditorPage, menu: '/daily-packages' },
  { path: '/daily-packages', Page: DailyPackagesPage },
  { path: '/round-reports', Page: RoundReportsPage },
  { path: '/stage-reports', Page: StageReportsPage },
  { path: '/verify', Page: VerifyPage },
  { path: '/verify/:code', Page: VerifyPage, menu: '/verify' },
  { path: '/campaign', Page: CampaignPage },
  { path: '/planning', Page: PlanningPage },
  { path: '/round-people', Page: RoundPeoplePage },
  { path: '/nominations', Page: NominationsPage },
  { path: '/group-people', Page: GroupPeoplePage },
  { path: '/roster', Page: RosterPage },
  { path: '/teams', Page: TeamsPage },
  { path: '/users', Page: UsersPage },
  { path: '/ledgers', Page: LedgersPage },
  { path: '/priority-areas', Page: PriorityAreasPage },
  { path: '/sites', Page: SitesPage },
  { path: '/sites/:id', Page: SiteDetailPage, menu: '/sites' },
];

function Guard({ path, children }: { path: string | readonly string[]; children: ReactNode }) {
  const user = useUser();
  return canOpen(user.roles, path) ? children : <Forbidden />;
}

/** `/` opens the page of the user's role (landing.ts). */
function Landing() {
  const path = landingFor(useUser().roles);
  return path ? <Navigate to={path} replace /> : <Forbidden />;
}

export function App() {
  return (
    <ConfigProvider locale={zhCN} theme={THEME}>
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
