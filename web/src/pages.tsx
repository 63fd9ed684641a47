/** The staff app's pages: path, menu label, icon, the permission each needs, and the page itself (loaded on first visit). */
import { lazy, type ComponentType, type ReactNode } from 'react';
import { HomeOutlined, ApartmentOutlined, TeamOutlined, KeyOutlined, AuditOutlined, FileTextOutlined, DashboardOutlined, SettingOutlined, ContactsOutlined, MailOutlined, FundOutlined, SolutionOutlined, ClusterOutlined, BarChartOutlined, SafetyOutlined, CompassOutlined } from '@ant-design/icons';
import type { Me } from '../../core/schemas/auth.schema';

/** A page component takes the signed-in user. */
type Page = ComponentType<{ me: Me }>;
const load = <K extends string>(f: () => Promise<Record<K, Page>>, name: K) => lazy(() => f().then((m) => ({ default: m[name] })));

export interface PageEntry {
  path: string;
  key: string;
  icon: ReactNode;
  /** The permission the page needs, or several it needs all of; null: everyone signed in. */
  permission: string | readonly string[] | null;
  Page: Page;
  /** The optional sub-path the same page answers (a case, a people tab). */
  child?: string;
  /** For the breadcrumb: the strings' key prefix naming a sub-path (people tabs: 'people.' + tab); none shows it as is (a case code). */
  childKey?: string;
}

/** Menu entries in order. */
export const pages: PageEntry[] = [
  { path: '/', key: 'nav.home', icon: <HomeOutlined />, permission: null, Page: load(() => import('./features/home/HomePage'), 'HomePage') },
  { path: '/cases', key: 'nav.cases', icon: <FileTextOutlined />, permission: 'case:read', Page: load(() => import('./features/cases/CasesPage'), 'CasesPage'), child: ':code' },
  { path: '/petitions', key: 'nav.petitions', icon: <MailOutlined />, permission: 'petition:read', Page: load(() => import('./features/petitions/PetitionsPage'), 'PetitionsPage'), child: ':code' },
  // 信访态势: the leaders' petition figures; it opens the workbench's overdue box, hence petition:read too.
  { path: '/petition-overview', key: 'nav.petitionOverview', icon: <FundOutlined />, permission: ['kpi:read', 'petition:read'], Page: load(() => import('./features/petitions/PetitionOverviewPage'), 'PetitionOverviewPage') },
  { path: '/mediation', key: 'nav.mediation', icon: <SolutionOutlined />, permission: 'dispute:read', Page: load(() => import('./features/mediation/DisputesPage'), 'DisputesPage'), child: ':code' },
  // 调解态势: the leaders' mediation figures, 调解能手 and 以案定补; its rows open the workbench filtered, hence dispute:read too.
  { path: '/mediation-overview', key: 'nav.mediationOverview', icon: <BarChartOutlined />, permission: ['kpi:read', 'dispute:read'], Page: load(() => import('./features/mediation-stats/MediationOverviewPage'), 'MediationOverviewPage'), child: ':tab', childKey: 'mediationStats.tab.' },
  { path: '/mediation-org', key: 'nav.mediationOrg', icon: <ClusterOutlined />, permission: 'mediation:admin', Page: load(() => import('./features/mediation/OrganisationPage'), 'OrganisationPage'), child: ':tab', childKey: 'mediation.org.' },
  // ── Session 11, helper T: 走访覆盖 (无人脱管、无人漏管) ──
  { path: '/coverage', key: 'nav.coverage', icon: <SafetyOutlined />, permission: 'field:read', Page: load(() => import('./features/coverage/CoveragePage'), 'CoveragePage') },
  // ── Session 12, helper C: 巡查 (一日一巡 compliance, patrols and their tracks) ──
  { path: '/patrols', key: 'nav.patrols', icon: <CompassOutlined />, permission: 'field:read', Page: load(() => import('./features/patrols/PatrolsPage'), 'PatrolsPage') },
  { path: '/dashboard', key: 'nav.dashboard', icon: <DashboardOutlined />, permission: 'kpi:read', Page: load(() => import('./features/dashboard/DashboardPage'), 'DashboardPage') },
  { path: '/people', key: 'nav.people', icon: <ContactsOutlined />, permission: 'person:read', Page: load(() => import('./features/people/PeoplePage'), 'PeoplePage'), child: ':tab', childKey: 'people.' },
  { path: '/grids', key: 'nav.grids', icon: <ApartmentOutlined />, permission: 'grid:read', Page: load(() => import('./features/grids/GridBrowser'), 'GridBrowser') },
  { path: '/users', key: 'nav.users', icon: <TeamOutlined />, permission: 'user:read', Page: load(() => import('./features/users/UsersPage'), 'UsersPage') },
  { path: '/tokens', key: 'nav.tokens', icon: <KeyOutlined />, permission: 'token:manage', Page: load(() => import('./features/tokens/TokensPage'), 'TokensPage') },
  { path: '/audit', key: 'nav.audit', icon: <AuditOutlined />, permission: 'audit:read', Page: load(() => import('./features/audit/AuditPage'), 'AuditPage') },
  { path: '/catalog', key: 'nav.catalog', icon: <SettingOutlined />, permission: 'catalog:manage', Page: load(() => import('./features/catalog/CatalogPage'), 'CatalogPage') },
];

/** The page a path belongs to, among those given (the longest path that matches). */
export function pageOf(list: PageEntry[], pathname: string): PageEntry | undefined {
  return [...list].sort((a, b) => b.path.length - a.path.length).find((p) => pathname === p.path || pathname.startsWith(`${p.path === '/' ? '' : p.path}/`));
}

/** The pages a user may open. */
export function pagesFor(me: Me): PageEntry[] {
  return pages.filter((p) => (typeof p.permission === 'string' ? [p.permission] : (p.permission ?? [])).every((x) => me.permissions.includes(x)));
}
