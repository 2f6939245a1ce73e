import { useQuery } from '@tanstack/react-query';
import { Link } from 'react-router';
import {
  api,
  query,
  type AlertStats,
  type AlertView,
  type DecisionStats,
  type HoldListItem,
  type ListsView,
} from '../api';
import { minuteSeries, OUTCOMES, type Outcome } from '../decision-series';
import { useI18n, type MessageKey } from '../i18n';
import { useSession } from '../session';
import { beijingTime, DateTime, ErrorBox, Loading } from '../ui';
import { ALERT_PRIORITIES, ALERT_TYPES, useNextAlert } from './alert-queue';

/** The age buckets GET /v1/alerts/stats counts in, youngest first. */
const AGE_BUCKETS = ['<1h', '<1d', '<7d', '>=7d'] as const;
const WINDOW_MINUTES = 60;
const REFRESH_MS = 30_000;
/** Enough to count "yours" exactly for any officer with a sane workload; beyond it the tile says "200+". */
const MINE_LIMIT = 200;

function hhmm(date: Date): string {
  return beijingTime(date).slice(11, 16);
}

/** Decisions per minute as stacked bars (SVG, no chart library), with the same numbers as a table. */
function DecisionsChart({ stats }: { stats: DecisionStats }) {
  const { t } = useI18n();
  const series = minuteSeries(stats);
  const totals = series.map((slot) => OUTCOMES.reduce((sum, outcome) => sum + slot[outcome], 0));
  const peak = Math.max(0, ...totals);
  const total = totals.reduce((sum, value) => sum + value, 0);
  const scale = Math.max(1, peak);
  const width = 960;
  const height = 190;
  const left = 36;
  const bottom = 22;
  const plotHeight = height - bottom - 8;
  const step = (width - left) / series.length;
  const barWidth = Math.max(2, step - 2);
  const outcomeWords = (outcome: Outcome) => t(`outcome.${outcome}` as MessageKey);
  const description = t('dashboard.decisionsSummary', {
    total,
    approve: stats.byOutcome.APPROVE ?? 0,
    stepUp: stats.byOutcome.STEP_UP ?? 0,
    review: stats.byOutcome.REVIEW ?? 0,
    decline: stats.byOutcome.DECLINE ?? 0,
    peak,
  });
  return (
    <figure className="chart">
      <ul className="legend" aria-label={t('dashboard.legend')}>
        {OUTCOMES.map((outcome) => (
          <li key={outcome}>
            <span className={`swatch outcome-${outcome.toLowerCase()}`} aria-hidden="true" />
            {outcomeWords(outcome)}: <strong>{stats.byOutcome[outcome] ?? 0}</strong>
          </li>
        ))}
      </ul>
      <svg
        viewBox={`0 0 ${width} ${height}`}
        role="img"
        aria-labelledby="decisions-chart-title decisions-chart-desc"
        data-chart="decisions-per-minute"
      >
        <title id="decisions-chart-title">{t('dashboard.decisionsTitle', { n: stats.minutes })}</title>
        <desc id="decisions-chart-desc">{description}</desc>
        <line className="axis" x1={left} x2={width} y1={8 + plotHeight} y2={8 + plotHeight} />
        <line className="gridline" x1={left} x2={width} y1={8} y2={8} />
        <text className="tick" x={left - 4} y={12} textAnchor="end">
          {scale}
        </text>
        <text className="tick" x={left - 4} y={8 + plotHeight} textAnchor="end">
          0
        </text>
        {series.map((slot, index) => {
          let y = 8 + plotHeight;
          const x = left + index * step + 1;
          const label = `${hhmm(slot.minute)}: ${
            OUTCOMES.filter((outcome) => slot[outcome] > 0)
              .map((outcome) => `${slot[outcome]} ${outcomeWords(outcome)}`)
              .join(', ') || '0'
          }`;
          return (
            <g key={slot.minute.toISOString()} data-minute={slot.minute.toISOString()}>
              <title>{label}</title>
              {OUTCOMES.map((outcome) => {
                if (!slot[outcome]) return null;
                const barHeight = (slot[outcome] / scale) * plotHeight;
                y -= barHeight;
                return (
                  <rect
                    key={outcome}
                    className={`outcome-${outcome.toLowerCase()}`}
                    x={x}
                    y={y}
                    width={barWidth}
                    height={barHeight}
                  />
                );
              })}
              {slot.minute.getUTCMinutes() % 10 === 0 && (
                <text className="tick" x={x} y={height - 6}>
                  {hhmm(slot.minute)}
                </text>
              )}
            </g>
          );
        })}
      </svg>
      <figcaption className="hint">
        {total === 0 ? t('dashboard.decisionsNone', { n: stats.minutes }) : description}{' '}
        {t('dashboard.beijingMinutes')}
      </figcaption>
      <details>
        <summary>{t('dashboard.showTable')}</summary>
        <div className="table-wrap">
          <table className="grid compact">
            <caption>{t('dashboard.decisionsTitle', { n: stats.minutes })}</caption>
            <thead>
              <tr>
                <th scope="col">{t('dashboard.minute')}</th>
                {OUTCOMES.map((outcome) => (
                  <th scope="col" key={outcome}>
                    {outcomeWords(outcome)}
                  </th>
                ))}
                <th scope="col">{t('dashboard.total')}</th>
              </tr>
            </thead>
            <tbody>
              {series
                .map((slot, index) => ({ slot, total: totals[index] }))
                .filter((row) => row.total > 0)
                .map(({ slot, total: minuteTotal }) => (
                  <tr key={slot.minute.toISOString()}>
                    <th scope="row">
                      <DateTime value={slot.minute.toISOString()} />
                    </th>
                    {OUTCOMES.map((outcome) => (
                      <td className="num" key={outcome}>
                        {slot[outcome]}
                      </td>
                    ))}
                    <td className="num">{minuteTotal}</td>
                  </tr>
                ))}
            </tbody>
          </table>
        </div>
      </details>
    </figure>
  );
}

function countOf(rows: Array<{ count: number }>): number {
  return rows.reduce((sum, row) => sum + row.count, 0);
}

/** Exact counts from the stats API: open work by type, priority and age, SLA breaches, queue depth, decisions. */
export function DashboardPage() {
  const { t } = useI18n();
  const { can, me } = useSession();
  const canAlerts = can('alerts:read');
  const stats = useQuery({
    queryKey: ['alerts', 'stats'],
    enabled: canAlerts,
    queryFn: () => api<AlertStats>('GET', '/v1/alerts/stats'),
    refetchInterval: REFRESH_MS,
  });
  const decisions = useQuery({
    queryKey: ['decisions', 'stats', WINDOW_MINUTES],
    enabled: canAlerts,
    queryFn: () => api<DecisionStats>('GET', `/v1/decisions/stats${query({ minutes: WINDOW_MINUTES })}`),
    refetchInterval: REFRESH_MS,
  });
  const username = me?.officer.username;
  const mine = useQuery({
    queryKey: ['alerts', 'mine', username],
    enabled: canAlerts && can('alerts:work') && Boolean(username),
    queryFn: () =>
      api<{ alerts: AlertView[]; nextCursor: string | null }>(
        'GET',
        `/v1/alerts${query({ status: 'IN_PROGRESS', assignee: username, limit: MINE_LIMIT })}`,
      ),
    refetchInterval: REFRESH_MS,
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
  const data = stats.data;
  const status = (name: string) => (data ? (data.byStatus[name] ?? 0) : '—');
  const mineCount = mine.data ? `${mine.data.alerts.length}${mine.data.nextCursor ? '+' : ''}` : null;

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
      <ErrorBox error={stats.error ?? next.error} />
      {canAlerts && (
        <div className="tiles">
          <Link className="tile" to="/alerts?status=OPEN" data-tile="open">
            <span className="tile-number">{status('OPEN')}</span>
            <span>{t('dashboard.open')}</span>
          </Link>
          <Link className="tile" to="/alerts?status=IN_PROGRESS" data-tile="in-progress">
            <span className="tile-number">{status('IN_PROGRESS')}</span>
            <span>
              {mineCount === null ? t('status.IN_PROGRESS') : t('dashboard.inProgress', { mine: mineCount })}
            </span>
          </Link>
          <Link className="tile" to="/alerts?status=PENDING_APPROVAL" data-tile="pending">
            <span className="tile-number">{status('PENDING_APPROVAL')}</span>
            <span>{t('dashboard.pending')}</span>
          </Link>
          <div className={data?.slaBreached ? 'tile tile-warn' : 'tile'} data-tile="breached">
            <span className="tile-number">{data ? data.slaBreached : '—'}</span>
            <span>{t('dashboard.breached')}</span>
          </div>
          <div className="tile" data-tile="queue-depth">
            <span className="tile-number">{data ? data.queueDepth.unassigned : '—'}</span>
            <span>{t('dashboard.queueDepth')}</span>
            {data?.queueDepth.oldestUnassignedAt && (
              <span className="small">
                {t('dashboard.oldestWaiting')} <DateTime value={data.queueDepth.oldestUnassignedAt} />
              </span>
            )}
          </div>
          {can('payments:read') && (
            <Link className="tile" to="/holds" data-tile="held">
              <span className="tile-number">{holds.data?.total ?? '—'}</span>
              <span>{t('dashboard.held')}</span>
            </Link>
          )}
        </div>
      )}
      {canAlerts && (
        <section className="card" aria-labelledby="decisions-title">
          <h2 id="decisions-title">{t('dashboard.decisionsTitle', { n: WINDOW_MINUTES })}</h2>
          {decisions.isLoading && <Loading />}
          <ErrorBox error={decisions.error} />
          {decisions.data && <DecisionsChart stats={decisions.data} />}
        </section>
      )}
      {canAlerts && stats.isLoading && <Loading />}
      {data && (
        <section className="card" aria-labelledby="by-type-title">
          <h2 id="by-type-title">{t('dashboard.byType')}</h2>
          <div className="table-wrap">
            <table className="grid compact" data-table="by-type-and-priority">
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
                  const ofType = data.byTypeAndPriority.filter((row) => row.type === type);
                  return (
                    <tr key={type}>
                      <th scope="row">
                        <Link to={`/alerts?type=${type}`}>{t(`alertType.${type}` as MessageKey)}</Link>
                      </th>
                      {ALERT_PRIORITIES.map((priority) => (
                        <td className="num" key={priority}>
                          {countOf(ofType.filter((row) => row.priority === priority)) || ''}
                        </td>
                      ))}
                      <td className="num">{countOf(ofType)}</td>
                    </tr>
                  );
                })}
              </tbody>
            </table>
          </div>
        </section>
      )}
      {data && (
        <section className="card" aria-labelledby="by-age-title">
          <h2 id="by-age-title">{t('dashboard.byAge')}</h2>
          <div className="table-wrap">
            <table className="grid compact" data-table="by-type-and-age">
              <caption className="visually-hidden">{t('dashboard.byAge')}</caption>
              <thead>
                <tr>
                  <th scope="col">{t('alert.type')}</th>
                  {AGE_BUCKETS.map((age) => (
                    <th scope="col" key={age}>
                      {t(`ageBucket.${age}` as MessageKey)}
                    </th>
                  ))}
                </tr>
              </thead>
              <tbody>
                {ALERT_TYPES.map((type) => (
                  <tr key={type}>
                    <th scope="row">{t(`alertType.${type}` as MessageKey)}</th>
                    {AGE_BUCKETS.map((age) => (
                      <td className="num" key={age}>
                        {countOf(data.byTypeAndAge.filter((row) => row.type === type && row.age === age)) ||
                          ''}
                      </td>
                    ))}
                  </tr>
                ))}
              </tbody>
              <tfoot>
                <tr>
                  <th scope="row">{t('dashboard.total')}</th>
                  {AGE_BUCKETS.map((age) => (
                    <td className="num" key={age}>
                      {data.byAge[age] ?? 0}
                    </td>
                  ))}
                </tr>
              </tfoot>
            </table>
          </div>
          <p className="hint">
            {t('dashboard.countedAt')} <DateTime value={data.at} />
          </p>
        </section>
      )}
      {data && data.queueDepth.jobs.length > 0 && (
        <section className="card" aria-labelledby="jobs-title">
          <h2 id="jobs-title">{t('dashboard.jobs')}</h2>
          <div className="table-wrap">
            <table className="grid compact" data-table="job-queues">
              <caption className="visually-hidden">{t('dashboard.jobs')}</caption>
              <thead>
                <tr>
                  <th scope="col">{t('dashboard.jobQueue')}</th>
                  <th scope="col">{t('job.waiting')}</th>
                  <th scope="col">{t('job.active')}</th>
                  <th scope="col">{t('job.delayed')}</th>
                  <th scope="col">{t('job.failed')}</th>
                </tr>
              </thead>
              <tbody>
                {data.queueDepth.jobs.map((row) => (
                  <tr key={row.queue}>
                    <th scope="row">
                      {t(`jobQueue.${row.queue}` as MessageKey)}{' '}
                      <span className="mono small">{row.queue}</span>
                    </th>
                    {(['waiting', 'active', 'delayed', 'failed'] as const).map((state) => (
                      <td className={state === 'failed' && row.failed ? 'num negative' : 'num'} key={state}>
                        {row[state] ?? t('dashboard.noAnswer')}
                      </td>
                    ))}
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
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
