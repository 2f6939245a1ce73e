import { useQuery } from '@tanstack/react-query';
import { api, type ListsView, type RescreenProgress } from '../api';
import { useI18n } from '../i18n';
import { Badge, DateTime, ErrorBox, Loading } from '../ui';

export function ListsPage() {
  const { t } = useI18n();
  const lists = useQuery({
    queryKey: ['lists'],
    queryFn: () => api<ListsView>('GET', '/v1/lists'),
    refetchInterval: 30_000,
  });
  const rescreens = useQuery({
    queryKey: ['rescreens'],
    queryFn: () => api<{ runs: RescreenProgress[] }>('GET', '/v1/lists/rescreens'),
    refetchInterval: 10_000,
  });
  const number = (value: number) => value.toLocaleString();
  return (
    <>
      <h1>{t('lists.title')}</h1>
      <ErrorBox error={lists.error} />
      {lists.isLoading ? (
        <Loading />
      ) : (
        lists.data && (
          <>
            <p className="notice">
              {lists.data.index.loaded
                ? t('lists.indexLoaded', {
                    entries: number(lists.data.index.entries),
                    names: number(lists.data.index.names),
                  })
                : t('lists.indexNotLoaded')}{' '}
              {lists.data.index.builtAt && <DateTime value={lists.data.index.builtAt} />}
            </p>
            <table className="grid">
              <caption>{t('lists.snapshots')}</caption>
              <thead>
                <tr>
                  <th scope="col">{t('lists.list')}</th>
                  <th scope="col">{t('lists.format')}</th>
                  <th scope="col">{t('lists.entries')}</th>
                  <th scope="col">{t('lists.names')}</th>
                  <th scope="col">{t('lists.delta')}</th>
                  <th scope="col">{t('lists.imported')}</th>
                  <th scope="col">{t('lists.hash')}</th>
                  <th scope="col">{t('lists.inIndex')}</th>
                </tr>
              </thead>
              <tbody>
                {lists.data.lists.map((list) => (
                  <tr key={list.id}>
                    <th scope="row">{list.list}</th>
                    <td>{list.format}</td>
                    <td className="num">{number(list.entries)}</td>
                    <td className="num">{number(list.names)}</td>
                    <td>
                      {list.delta
                        ? t('lists.deltaValue', {
                            added: list.delta.added,
                            removed: list.delta.removed,
                            changed: list.delta.changed,
                          })
                        : '—'}
                    </td>
                    <td>
                      <DateTime value={list.importedAt} />{' '}
                      {list.importedBy && <span className="muted">· {list.importedBy}</span>}
                    </td>
                    <td className="mono" title={list.contentHash}>
                      {list.contentHash.slice(0, 12)}
                    </td>
                    <td>{list.inIndex ? t('common.yes') : t('common.no')}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </>
        )
      )}
      <h2>{t('lists.rescreens')}</h2>
      <ErrorBox error={rescreens.error} />
      {rescreens.data && rescreens.data.runs.length === 0 && (
        <p className="muted">{t('lists.noRescreens')}</p>
      )}
      {rescreens.data && rescreens.data.runs.length > 0 && (
        <table className="grid">
          <caption className="visually-hidden">{t('lists.rescreens')}</caption>
          <thead>
            <tr>
              <th scope="col">{t('lists.list')}</th>
              <th scope="col">{t('alert.status')}</th>
              <th scope="col">{t('lists.phase')}</th>
              <th scope="col">{t('lists.deltaEntries')}</th>
              <th scope="col">{t('lists.partiesScreened')}</th>
              <th scope="col">{t('lists.hits')}</th>
              <th scope="col">{t('lists.alertsRaised')}</th>
              <th scope="col">{t('lists.started')}</th>
              <th scope="col">{t('lists.finished')}</th>
            </tr>
          </thead>
          <tbody>
            {rescreens.data.runs.map((run) => (
              <tr key={run.snapshotId}>
                <th scope="row">{run.list}</th>
                <td>
                  <Badge kind={run.status}>{run.status}</Badge>
                </td>
                <td>{run.phase}</td>
                <td className="num">{number(run.deltaEntries)}</td>
                <td className="num">{number(run.partiesScreened)}</td>
                <td className="num">{number(run.hits)}</td>
                <td className="num">{number(run.alertsRaised)}</td>
                <td>
                  <DateTime value={run.startedAt} />
                </td>
                <td>
                  <DateTime value={run.finishedAt} />
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </>
  );
}
