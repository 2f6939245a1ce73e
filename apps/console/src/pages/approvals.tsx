import { useQuery } from '@tanstack/react-query';
import { Link } from 'react-router';
import { api, type AlertView } from '../api';
import { useI18n } from '../i18n';
import { useSession } from '../session';
import { DateTime, ErrorBox, Loading } from '../ui';
import { AlertTable } from './alert-queue';

/** Four eyes: dispositions waiting for a SUPERVISOR who did not propose them. */
export function ApprovalsPage() {
  const { t } = useI18n();
  const { me, can } = useSession();
  const cases = useQuery({
    queryKey: ['cases', 'approvals'],
    enabled: can('cases:approve'),
    queryFn: () =>
      api<{
        cases: Array<{ id: string; title: string; createdBy: string; updatedAt: string }>;
        total: number;
      }>('GET', '/v1/cases?status=PENDING_APPROVAL&limit=100'),
    refetchInterval: 30_000,
  });
  const pending = useQuery({
    queryKey: ['alerts', 'approvals'],
    queryFn: () =>
      api<{ alerts: AlertView[]; nextCursor: string | null }>(
        'GET',
        '/v1/alerts?status=PENDING_APPROVAL&limit=200',
      ),
    refetchInterval: 30_000,
  });
  const rows = pending.data?.alerts ?? [];
  const theirs = rows.filter((alert) => alert.disposedBy !== me?.officer.username);
  const own = rows.length - theirs.length;
  return (
    <>
      <h1>{t('approvals.title')}</h1>
      <h2>{t('approvals.alerts')}</h2>
      <p className="hint">{t('approvals.explain')}</p>
      <ErrorBox error={pending.error} />
      {pending.isLoading ? (
        <Loading />
      ) : theirs.length === 0 ? (
        <p className="muted">{t('approvals.none')}</p>
      ) : (
        <AlertTable alerts={theirs} caption={t('approvals.title')} />
      )}
      {own > 0 && <p className="hint">{t('approvals.own', { n: own })}</p>}
      {can('cases:approve') && (
        <section aria-labelledby="case-approvals-title">
          <h2 id="case-approvals-title">{t('approvals.cases')}</h2>
          <ErrorBox error={cases.error} />
          {(cases.data?.cases.length ?? 0) === 0 ? (
            <p className="muted">{t('approvals.none')}</p>
          ) : (
            <ul>
              {cases.data!.cases.map((item) => (
                <li key={item.id}>
                  <Link to={`/cases/${item.id}`}>{item.title}</Link>{' '}
                  <span className="muted">· {item.createdBy} · </span>
                  <DateTime value={item.updatedAt} />
                </li>
              ))}
            </ul>
          )}
        </section>
      )}
    </>
  );
}
