import { useEffect, type ReactNode } from 'react';
import { NavLink, useLocation } from 'react-router';
import { useI18n, type MessageKey } from './i18n';
import { useSession } from './session';
import { DateTime } from './ui';

const NAV: Array<{ to: string; label: MessageKey; permission?: string }> = [
  { to: '/', label: 'nav.dashboard' },
  { to: '/alerts', label: 'nav.alerts', permission: 'alerts:read' },
  { to: '/approvals', label: 'nav.approvals', permission: 'alerts:approve' },
  { to: '/holds', label: 'nav.holds', permission: 'payments:read' },
  { to: '/cases', label: 'nav.cases', permission: 'cases:read' },
  { to: '/screening', label: 'nav.screening', permission: 'lists:read' },
  { to: '/lists', label: 'nav.lists', permission: 'lists:read' },
  { to: '/reports', label: 'nav.reports', permission: 'schedules:read' },
  { to: '/audit', label: 'nav.audit', permission: 'audit:read' },
  // admin pages
  { to: '/rules', label: 'nav.rules', permission: 'rules:read' },
  { to: '/users', label: 'nav.users', permission: 'users:read' },
];

export function LanguageSwitch() {
  const { language, setLanguage, t } = useI18n();
  return (
    <div className="language">
      <label htmlFor="language-select">{t('common.language')}</label>
      <select
        id="language-select"
        value={language}
        onChange={(event) => setLanguage(event.target.value === 'zh' ? 'zh' : 'en')}
      >
        <option value="en" lang="en">
          English
        </option>
        <option value="zh" lang="zh-CN">
          简体中文
        </option>
      </select>
    </div>
  );
}

export function Layout({ children }: { children: ReactNode }) {
  const { t } = useI18n();
  const { me, can, signOut } = useSession();
  const { pathname } = useLocation();
  // a new page: screen readers and keyboard users start at its content, not at the top of the shell
  useEffect(() => {
    document.getElementById('main')?.focus({ preventScroll: true });
  }, [pathname]);
  return (
    <div className="shell">
      <a className="skip" href="#main">
        {t('common.skipToContent')}
      </a>
      <header className="topbar">
        <span className="brand">{t('app.title')}</span>
        <div className="topbar-right">
          <LanguageSwitch />
          {me && (
            <span className="who">
              {me.officer.username} · {t(`role.${me.officer.role}` as MessageKey)} · {t('session.until')}{' '}
              <DateTime value={me.expiresAt} />
            </span>
          )}
          <button type="button" className="secondary" onClick={() => void signOut()}>
            {t('session.signOut')}
          </button>
        </div>
      </header>
      <div className="body">
        <nav aria-label={t('nav.label')} className="sidenav">
          <ul>
            {NAV.filter((item) => !item.permission || can(item.permission)).map((item) => (
              <li key={item.to}>
                <NavLink to={item.to} end={item.to === '/'}>
                  {t(item.label)}
                </NavLink>
              </li>
            ))}
          </ul>
          <p className="hint nav-hint">{t('common.beijingTime')}</p>
        </nav>
        <main id="main" tabIndex={-1}>
          {children}
        </main>
      </div>
    </div>
  );
}
