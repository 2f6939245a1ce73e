import { useQuery } from '@tanstack/react-query';
import { api, type AlertView } from '../api';
import { useI18n } from '../i18n';
import { useSession } from '../session';
import { ErrorBox, Loading } from '../ui';
import { AlertTable } from './alert-queue';

/** Four eyes: dispositions waiting for a SUPERVISOR who did not propose them. */
export function ApprovalsPage() {
  const { t } = useI18n();
  const { me } = useSession();
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
    </>
  );
}
