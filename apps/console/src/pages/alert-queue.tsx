import { useEffect, useMemo, useRef, useState } from 'react';
import { useMutation, useQuery, keepPreviousData } from '@tanstack/react-query';
import { Link, useNavigate, useSearchParams } from 'react-router';
import { api, query, type AlertView } from '../api';
import { useI18n, type MessageKey } from '../i18n';
import { useSession } from '../session';
import { Badge, DateTime, ErrorBox, Loading, SlaCountdown, useNow } from '../ui';

export const ALERT_STATUSES = ['OPEN', 'IN_PROGRESS', 'PENDING_APPROVAL', 'CLOSED'] as const;
export const ALERT_TYPES = [
  'SANCTIONS',
  'KYC_LIMIT',
  'VELOCITY',
  'JURISDICTION',
  'MCC',
  'BLOCK',
  'RESCREEN',
  'MONITORING',
] as const;
export const ALERT_PRIORITIES = ['CRITICAL', 'HIGH', 'MEDIUM', 'LOW'] as const;
const PAGE_SIZE = 25;
const DUE_WITHIN: Record<string, number> = {
  overdue: 0,
  '1h': 3600_000,
  '4h': 4 * 3600_000,
  '24h': 24 * 3600_000,
};

/** The SLA filter as the API's dueBefore instant, computed when the page is fetched. */
function dueBefore(due: string): string | undefined {
  return due in DUE_WITHIN ? new Date(Date.now() + DUE_WITHIN[due]).toISOString() : undefined;
}

function typing(target: EventTarget | null): boolean {
  return (
    target instanceof HTMLElement &&
    (target.isContentEditable || ['INPUT', 'TEXTAREA', 'SELECT'].includes(target.tagName))
  );
}

/** Claims the most urgent unassigned alert and opens it. */
export function useNextAlert() {
  const navigate = useNavigate();
  const [empty, setEmpty] = useState(false);
  const mutation = useMutation({
    mutationFn: () => api<{ alert: AlertView | null }>('POST', '/v1/alerts/next'),
    onSuccess: (result) => {
      if (result.alert) void navigate(`/alerts/${result.alert.id}`);
      else setEmpty(true);
    },
  });
  return {
    take: () => (setEmpty(false), mutation.mutate()),
    busy: mutation.isPending,
    error: mutation.error,
    empty,
  };
}

export function AlertTable({
  alerts,
  selected,
  onSelect,
  caption,
}: {
  alerts: AlertView[];
  selected?: number;
  onSelect?: (index: number) => void;
  caption: string;
}) {
  const { t } = useI18n();
  const now = useNow();
  return (
    <table className="grid">
      <caption className="visually-hidden">{caption}</caption>
      <thead>
        <tr>
          <th scope="col">{t('alert.priority')}</th>
          <th scope="col">{t('alert.type')}</th>
          <th scope="col">{t('alert.rule')}</th>
          <th scope="col">{t('alert.party')}</th>
          <th scope="col">{t('alert.status')}</th>
          <th scope="col">{t('alert.assignee')}</th>
          <th scope="col">{t('alert.sla')}</th>
          <th scope="col">{t('alert.created')}</th>
        </tr>
      </thead>
      <tbody>
        {alerts.map((alert, index) => (
          <tr
            key={alert.id}
            className={index === selected ? 'selected' : undefined}
            aria-selected={selected === undefined ? undefined : index === selected}
            onClick={() => onSelect?.(index)}
          >
            <td>
              <Badge kind={alert.priority}>{t(`priority.${alert.priority}` as MessageKey)}</Badge>
            </td>
            <td>
              <Link to={`/alerts/${alert.id}`} data-alert-id={alert.id}>
                {t(`alertType.${alert.type}` as MessageKey)}
              </Link>
            </td>
            <td>{alert.ruleId}</td>
            <td className="mono">{alert.partyKey ?? alert.merchantId ?? '—'}</td>
            <td>
              <Badge kind={alert.status}>{t(`status.${alert.status}` as MessageKey)}</Badge>
            </td>
            <td>{alert.assignee ?? <span className="muted">{t('alert.unassigned')}</span>}</td>
            <td>
              <SlaCountdown dueAt={alert.slaDueAt} closed={alert.status === 'CLOSED'} now={now} />
            </td>
            <td>
              <DateTime value={alert.createdAt} />
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

export function AlertQueuePage() {
  const { t } = useI18n();
  const { can } = useSession();
  const navigate = useNavigate();
  const [params, setParams] = useSearchParams();
  const filters = {
    status: params.get('status') ?? '',
    type: params.get('type') ?? '',
    priority: params.get('priority') ?? '',
    assignee: params.get('assignee') ?? '',
    due: params.get('due') ?? '',
  };
  const [cursors, setCursors] = useState<string[]>([]);
  const [selected, setSelected] = useState(0);
  const [assigneeDraft, setAssigneeDraft] = useState(filters.assignee);
  const cursor = cursors[cursors.length - 1];
  const key = JSON.stringify(filters);
  useEffect(() => {
    setCursors([]);
    setSelected(0);
  }, [key]);

  const alerts = useQuery({
    queryKey: ['alerts', filters, cursor],
    queryFn: () =>
      api<{ alerts: AlertView[]; nextCursor: string | null }>(
        'GET',
        `/v1/alerts${query({ status: filters.status, type: filters.type, priority: filters.priority, assignee: filters.assignee, dueBefore: dueBefore(filters.due), limit: PAGE_SIZE, cursor })}`,
      ),
    placeholderData: keepPreviousData,
    refetchInterval: 30_000,
  });
  const next = useNextAlert();
  const rows = useMemo(() => alerts.data?.alerts ?? [], [alerts.data]);
  const canWork = can('alerts:work');
  const tableRef = useRef<HTMLDivElement>(null);

  useEffect(() => {
    function onKey(event: KeyboardEvent) {
      if (event.ctrlKey || event.metaKey || event.altKey || typing(event.target)) return;
      if (event.key === 'n' && canWork) {
        event.preventDefault();
        next.take();
      } else if (event.key === 'j') {
        event.preventDefault();
        setSelected((index) => Math.min(index + 1, Math.max(rows.length - 1, 0)));
      } else if (event.key === 'k') {
        event.preventDefault();
        setSelected((index) => Math.max(index - 1, 0));
      } else if (
        event.key === 'Enter' &&
        rows[selected] &&
        !(event.target instanceof HTMLAnchorElement || event.target instanceof HTMLButtonElement)
      ) {
        event.preventDefault();
        void navigate(`/alerts/${rows[selected].id}`);
      }
    }
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [rows, selected, canWork, next, navigate]);

  useEffect(() => {
    tableRef.current?.querySelector('tr.selected')?.scrollIntoView({ block: 'nearest' });
  }, [selected]);

  function setFilter(name: string, value: string) {
    const nextParams = new URLSearchParams(params);
    if (value) nextParams.set(name, value);
    else nextParams.delete(name);
    setParams(nextParams, { replace: true });
  }

  return (
    <>
      <div className="page-head">
        <h1>{t('queue.title')}</h1>
        {canWork && (
          <button type="button" onClick={next.take} disabled={next.busy} aria-keyshortcuts="n">
            {t('queue.next')} <kbd>n</kbd>
          </button>
        )}
      </div>
      {next.empty && (
        <p className="notice" role="status">
          {t('queue.empty')}
        </p>
      )}
      <ErrorBox error={next.error} />
      <form
        className="filters"
        aria-label={t('queue.filters')}
        onSubmit={(event) => (event.preventDefault(), setFilter('assignee', assigneeDraft.trim()))}
      >
        <div className="field">
          <label htmlFor="filter-status">{t('alert.status')}</label>
          <select
            id="filter-status"
            value={filters.status}
            onChange={(event) => setFilter('status', event.target.value)}
          >
            <option value="">{t('common.all')}</option>
            {ALERT_STATUSES.map((status) => (
              <option key={status} value={status}>
                {t(`status.${status}` as MessageKey)}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor="filter-type">{t('alert.type')}</label>
          <select
            id="filter-type"
            value={filters.type}
            onChange={(event) => setFilter('type', event.target.value)}
          >
            <option value="">{t('common.all')}</option>
            {ALERT_TYPES.map((type) => (
              <option key={type} value={type}>
                {t(`alertType.${type}` as MessageKey)}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor="filter-priority">{t('alert.priority')}</label>
          <select
            id="filter-priority"
            value={filters.priority}
            onChange={(event) => setFilter('priority', event.target.value)}
          >
            <option value="">{t('common.all')}</option>
            {ALERT_PRIORITIES.map((priority) => (
              <option key={priority} value={priority}>
                {t(`priority.${priority}` as MessageKey)}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor="filter-due">{t('alert.sla')}</label>
          <select
            id="filter-due"
            value={filters.due}
            onChange={(event) => setFilter('due', event.target.value)}
          >
            <option value="">{t('common.all')}</option>
            {Object.keys(DUE_WITHIN).map((due) => (
              <option key={due} value={due}>
                {t(`due.${due}` as MessageKey)}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor="filter-assignee">{t('alert.assignee')}</label>
          <input
            id="filter-assignee"
            value={assigneeDraft}
            onChange={(event) => setAssigneeDraft(event.target.value)}
            onBlur={() => setFilter('assignee', assigneeDraft.trim())}
          />
        </div>
        <button type="submit" className="secondary">
          {t('common.apply')}
        </button>
      </form>
      <p className="hint" id="queue-keys">
        {t('queue.keys')}
      </p>
      <ErrorBox error={alerts.error} />
      {alerts.isLoading ? (
        <Loading />
      ) : rows.length === 0 ? (
        <p className="muted">{t('queue.none')}</p>
      ) : (
        <div ref={tableRef} className="table-wrap">
          <AlertTable alerts={rows} selected={selected} onSelect={setSelected} caption={t('queue.title')} />
        </div>
      )}
      <nav className="pager" aria-label={t('common.paging')}>
        <button
          type="button"
          className="secondary"
          disabled={cursors.length === 0}
          onClick={() => (setCursors((list) => list.slice(0, -1)), setSelected(0))}
        >
          {t('common.previous')}
        </button>
        <span>{t('common.page', { n: cursors.length + 1 })}</span>
        <button
          type="button"
          className="secondary"
          disabled={!alerts.data?.nextCursor}
          onClick={() => (setCursors((list) => [...list, alerts.data!.nextCursor!]), setSelected(0))}
        >
          {t('common.next')}
        </button>
      </nav>
    </>
  );
}
