import { useQuery } from '@tanstack/react-query';
import { Link } from 'react-router';
import { api, type AlertView, type HoldListItem, type ListsView } from '../api';
import { useI18n, type MessageKey } from '../i18n';
import { useSession } from '../session';
import { DateTime, ErrorBox, Loading } from '../ui';
import { ALERT_PRIORITIES, ALERT_TYPES, useNextAlert } from './alert-queue';

const SAMPLE = 200;
const AGES: Array<{ key: MessageKey; from: number; to: number }> = [
  { key: 'age.hour', from: 0, to: 1 },
  { key: 'age.hours4', from: 1, to: 4 },
  { key: 'age.day', from: 4, to: 24 },
  { key: 'age.week', from: 24, to: 168 },
  { key: 'age.older', from: 168, to: Infinity },
];

/** What the API offers for an overview: open work by type and priority, SLA breaches, holds and the lists in force. */
export function DashboardPage() {
  const { t } = useI18n();
  const { can, me } = useSession();
  const canAlerts = can('alerts:read');
  const open = useQuery({
    queryKey: ['alerts', 'dashboard'],
    enabled: canAlerts,
    queryFn: async () => {
      const [openAlerts, working, pending] = await Promise.all(
        ['OPEN', 'IN_PROGRESS', 'PENDING_APPROVAL'].map((status) =>
          api<{ alerts: AlertView[]; nextCursor: string | null }>(
            'GET',
            `/v1/alerts?status=${status}&limit=${SAMPLE}`,
          ),
        ),
      );
      return { openAlerts, working, pending };
    },
    refetchInterval: 30_000,
  });
  const holds = useQuery({
    queryKey: ['holds', 'dashboard'],
    enabled: can('payments:read'),
    queryFn: () => api<{ holds: HoldListItem[]; total: number }>('GET', '/v1/holds?status=HELD&limit=1'),
  });
  const lists = useQuery({
    queryKey: ['lists'],
    enabled: can('lists:read'),
    queryFn: () => api<ListsView>('GET', '/v1/lists'),
  });
  const next = useNextAlert();
  const count = (page: { alerts: AlertView[]; nextCursor: string | null } | undefined) =>
    page ? `${page.alerts.length}${page.nextCursor ? '+' : ''}` : '—';
  const unresolved = open.data ? [...open.data.openAlerts.alerts, ...open.data.working.alerts] : [];
  const now = Date.now();
  const breached = unresolved.filter(
    (alert) => alert.slaBreachedAt || Date.parse(alert.slaDueAt) < now,
  ).length;
  const mine =
    open.data?.working.alerts.filter((alert) => alert.assignee === me?.officer.username).length ?? 0;

  return (
    <>
      <div className="page-head">
        <h1>{t('dashboard.title')}</h1>
        {can('alerts:work') && (
          <button type="button" data-action="next" onClick={next.take} disabled={next.busy}>
            {t('queue.next')}
          </button>
        )}
      </div>
      {next.empty && (
        <p className="notice" role="status">
          {t('queue.empty')}
        </p>
      )}
      <ErrorBox error={open.error ?? next.error} />
      {canAlerts && (
        <div className="tiles">
          <Link className="tile" to="/alerts?status=OPEN">
            <span className="tile-number">{count(open.data?.openAlerts)}</span>
            <span>{t('dashboard.open')}</span>
          </Link>
          <Link className="tile" to="/alerts?status=IN_PROGRESS">
            <span className="tile-number">{count(open.data?.working)}</span>
            <span>{t('dashboard.inProgress', { mine })}</span>
          </Link>
          <Link className="tile" to="/alerts?status=PENDING_APPROVAL">
            <span className="tile-number">{count(open.data?.pending)}</span>
            <span>{t('dashboard.pending')}</span>
          </Link>
          <div className={breached ? 'tile tile-warn' : 'tile'}>
            <span className="tile-number">{breached}</span>
            <span>{t('dashboard.breached')}</span>
          </div>
          {can('payments:read') && (
            <Link className="tile" to="/holds">
              <span className="tile-number">{holds.data?.total ?? '—'}</span>
              <span>{t('dashboard.held')}</span>
            </Link>
          )}
        </div>
      )}
      {canAlerts && open.isLoading && <Loading />}
      {canAlerts && open.data && (
        <section className="card" aria-labelledby="by-type-title">
          <h2 id="by-type-title">{t('dashboard.byType')}</h2>
          <table className="grid compact">
            <caption className="visually-hidden">{t('dashboard.byType')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('alert.type')}</th>
                {ALERT_PRIORITIES.map((priority) => (
                  <th scope="col" key={priority}>
                    {t(`priority.${priority}` as MessageKey)}
                  </th>
                ))}
                <th scope="col">{t('dashboard.total')}</th>
              </tr>
            </thead>
            <tbody>
              {ALERT_TYPES.map((type) => {
                const ofType = unresolved.filter((alert) => alert.type === type);
                return (
                  <tr key={type}>
                    <th scope="row">
                      <Link to={`/alerts?type=${type}`}>{t(`alertType.${type}` as MessageKey)}</Link>
                    </th>
                    {ALERT_PRIORITIES.map((priority) => (
                      <td className="num" key={priority}>
                        {ofType.filter((alert) => alert.priority === priority).length || ''}
                      </td>
                    ))}
                    <td className="num">{ofType.length}</td>
                  </tr>
                );
              })}
            </tbody>
          </table>
          <p className="hint">{t('dashboard.sampleNote', { n: SAMPLE })}</p>
        </section>
      )}
      {canAlerts && open.data && (
        <section className="card" aria-labelledby="by-age-title">
          <h2 id="by-age-title">{t('dashboard.byAge')}</h2>
          <table className="grid compact">
            <caption className="visually-hidden">{t('dashboard.byAge')}</caption>
            <thead>
              <tr>
                {AGES.map((age) => (
                  <th scope="col" key={age.key}>
                    {t(age.key)}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              <tr>
                {AGES.map((age) => (
                  <td className="num" key={age.key}>
                    {
                      unresolved.filter((alert) => {
                        const hours = (now - Date.parse(alert.createdAt)) / 3600_000;
                        return hours >= age.from && hours < age.to;
                      }).length
                    }
                  </td>
                ))}
              </tr>
            </tbody>
          </table>
        </section>
      )}
      {lists.data && (
        <section className="card" aria-labelledby="lists-title">
          <h2 id="lists-title">{t('dashboard.lists')}</h2>
          <p>
            {lists.data.index.loaded
              ? t('lists.indexLoaded', {
                  entries: lists.data.index.entries.toLocaleString(),
                  names: lists.data.index.names.toLocaleString(),
                })
              : t('lists.indexNotLoaded')}{' '}
            {lists.data.index.builtAt && <DateTime value={lists.data.index.builtAt} />}
          </p>
          <p>
            {lists.data.lists.map((list) => `${list.list} (${list.entries.toLocaleString()})`).join(' · ')} —{' '}
            <Link to="/lists">{t('nav.lists')}</Link>
          </p>
        </section>
      )}
    </>
  );
}
