import { useState, type FormEvent } from 'react';
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, download, query, type ReportSchedule } from '../api';
import { useI18n } from '../i18n';
import { useSession } from '../session';
import { Badge, DateTime, ErrorBox, Field, fieldErrors, Loading, OffsetPager } from '../ui';

const TYPES = ['LTR', 'STR', 'STATS', 'OVERDUE_ALERTS', 'CORRECTION'] as const;
const STATUSES = ['DRAFT', 'APPROVED', 'EXPORTED', 'SUPERSEDED'] as const;
const FORMATS_BY_TYPE: Record<string, string[]> = {
  LTR: ['phtr-xml', 'goaml-xml', 'csv', 'xlsx'],
  CORRECTION: ['phtr-xml', 'goaml-xml', 'csv', 'xlsx'],
  STR: ['pstr-xml', 'goaml-xml', 'csv', 'xlsx'],
  STATS: ['csv', 'xlsx'],
  OVERDUE_ALERTS: ['csv', 'xlsx'],
};
/** Downloading a filing format marks the report EXPORTED: that is an export, for reports:export only. */
const FILING = new Set(['phtr-xml', 'pstr-xml', 'goaml-xml']);
const PAGE = 25;

interface ReportSummary {
  id: string;
  type: string;
  period: string;
  status: string;
  revision: number;
  dueOn: string | null;
  createdAt: string;
  createdBy: string;
  exportedAt: string | null;
  contentSha256: string;
  entries: number;
  outputs: Array<{ format: string; revision: number; sha256: string; sizeBytes: number }>;
}

/** Reports (reports:read), their schedules (schedules:read; changed with schedules:manage) and a run on request. */
export function ReportsPage() {
  const { t } = useI18n();
  const { can } = useSession();
  return (
    <>
      <h1>{t('reports.title')}</h1>
      {can('reports:read') && <ReportList />}
      {can('reports:export') && <RunReportForm />}
      {can('schedules:read') && <Schedules />}
    </>
  );
}

function ReportList() {
  const { t } = useI18n();
  const { can } = useSession();
  const client = useQueryClient();
  const [type, setType] = useState('');
  const [status, setStatus] = useState('');
  const [offset, setOffset] = useState(0);
  const reports = useQuery({
    queryKey: ['reports', type, status, offset],
    queryFn: () =>
      api<{ reports: ReportSummary[]; total: number }>(
        'GET',
        `/v1/reports${query({ type, status, limit: PAGE, offset })}`,
      ),
    placeholderData: keepPreviousData,
  });
  const fetchFile = useMutation({
    mutationFn: (target: { report: ReportSummary; format: string }) =>
      download(
        `/v1/reports/${target.report.id}/download?format=${target.format}`,
        `${target.report.type}-${target.report.period}.${target.format}`,
      ),
    onSuccess: () => client.invalidateQueries({ queryKey: ['reports'] }),
  });
  const rows = reports.data?.reports ?? [];
  const total = reports.data?.total ?? 0;
  return (
    <>
      <div className="filters">
        <div className="field">
          <label htmlFor="report-type">{t('alert.type')}</label>
          <select
            id="report-type"
            value={type}
            onChange={(event) => (setType(event.target.value), setOffset(0))}
          >
            <option value="">{t('common.all')}</option>
            {TYPES.map((value) => (
              <option key={value} value={value}>
                {value}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor="report-status">{t('alert.status')}</label>
          <select
            id="report-status"
            value={status}
            onChange={(event) => (setStatus(event.target.value), setOffset(0))}
          >
            <option value="">{t('common.all')}</option>
            {STATUSES.map((value) => (
              <option key={value} value={value}>
                {value}
              </option>
            ))}
          </select>
        </div>
        <p className="muted">{t('holds.total', { n: total })}</p>
      </div>
      <p className="hint">{t('reports.filingNote')}</p>
      <ErrorBox error={reports.error ?? fetchFile.error} />
      {reports.isLoading ? (
        <Loading />
      ) : rows.length === 0 ? (
        <p className="muted">{t('reports.none')}</p>
      ) : (
        <table className="grid">
          <caption className="visually-hidden">{t('reports.title')}</caption>
          <thead>
            <tr>
              <th scope="col">{t('alert.type')}</th>
              <th scope="col">{t('reports.period')}</th>
              <th scope="col">{t('alert.status')}</th>
              <th scope="col">{t('reports.entries')}</th>
              <th scope="col">{t('reports.due')}</th>
              <th scope="col">{t('reports.created')}</th>
              <th scope="col">{t('reports.download')}</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((report) => (
              <tr key={report.id}>
                <td>{report.type}</td>
                <td>
                  {report.period} {report.revision > 1 && <span className="muted">r{report.revision}</span>}
                </td>
                <td>
                  <Badge kind={report.status}>{report.status}</Badge>
                </td>
                <td className="num">{report.entries}</td>
                <td>{report.dueOn ?? '—'}</td>
                <td>
                  <DateTime value={report.createdAt} />
                </td>
                <td>
                  <div className="actions">
                    {(FORMATS_BY_TYPE[report.type] ?? ['csv'])
                      .filter((format) => !FILING.has(format) || can('reports:export'))
                      .map((format) => (
                        <button
                          key={format}
                          type="button"
                          className="secondary"
                          {...(FILING.has(format) ? { 'data-action': 'export' } : {})}
                          onClick={() => fetchFile.mutate({ report, format })}
                          disabled={fetchFile.isPending}
                          aria-label={t('reports.downloadAs', {
                            type: report.type,
                            period: report.period,
                            format,
                          })}
                        >
                          {format}
                        </button>
                      ))}
                  </div>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <OffsetPager offset={offset} pageSize={PAGE} total={total} onChange={setOffset} />
    </>
  );
}

const RUNNABLE = ['LTR', 'STATS', 'OVERDUE_ALERTS'] as const;

/** One report period now: the same job as the schedule's, one report per type and period. */
function RunReportForm() {
  const { t } = useI18n();
  const [type, setType] = useState<(typeof RUNNABLE)[number]>('LTR');
  const [period, setPeriod] = useState('');
  const run = useMutation({
    mutationFn: () =>
      api<{ jobId: string; type: string; period: string }>('POST', '/v1/reports/runs', {
        type,
        period: period.trim(),
      }),
  });
  const errors = fieldErrors(run.error);
  const submit = (event: FormEvent) => {
    event.preventDefault();
    run.mutate();
  };
  return (
    <form className="card form" onSubmit={submit} aria-labelledby="run-report-title" noValidate>
      <h2 id="run-report-title">{t('reports.runNow')}</h2>
      <div className="form-grid">
        <Field label={t('alert.type')} error={errors.type}>
          {(props) => (
            <select
              {...props}
              value={type}
              onChange={(event) => setType(event.target.value as (typeof RUNNABLE)[number])}
            >
              {RUNNABLE.map((value) => (
                <option key={value} value={value}>
                  {value}
                </option>
              ))}
            </select>
          )}
        </Field>
        <Field label={t('reports.period')} error={errors.period} hint={t('reports.periodHint')}>
          {(props) => <input {...props} value={period} onChange={(event) => setPeriod(event.target.value)} />}
        </Field>
        <button type="submit" className="form-submit" data-action="run-report" disabled={run.isPending}>
          {t('reports.runSubmit')}
        </button>
      </div>
      <ErrorBox error={run.error} fields={errors} />
      {run.data && (
        <p role="status" className="ok">
          {t('reports.runQueued', { type: run.data.type, period: run.data.period })}
        </p>
      )}
    </form>
  );
}

function Schedules() {
  const { t } = useI18n();
  const { can } = useSession();
  const manage = can('schedules:manage');
  const [editing, setEditing] = useState<string | null>(null);
  const schedules = useQuery({
    queryKey: ['report-schedules'],
    queryFn: () => api<{ schedules: ReportSchedule[] }>('GET', '/v1/reports/schedules'),
  });
  return (
    <section aria-labelledby="schedules-title">
      <h2 id="schedules-title">{t('schedules.title')}</h2>
      <p className="hint">{manage ? t('schedules.hint') : t('schedules.readOnly')}</p>
      <ErrorBox error={schedules.error} />
      {schedules.isLoading ? (
        <Loading />
      ) : (
        schedules.data && (
          <table className="grid">
            <caption className="visually-hidden">{t('schedules.title')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('schedules.name')}</th>
                <th scope="col">{t('alert.type')}</th>
                <th scope="col">{t('schedules.cron')}</th>
                <th scope="col">{t('schedules.timezone')}</th>
                <th scope="col">{t('alert.status')}</th>
                <th scope="col">{t('schedules.nextRun')}</th>
                <th scope="col">{t('schedules.updated')}</th>
                {manage && <th scope="col">{t('common.actions')}</th>}
              </tr>
            </thead>
            <tbody>
              {schedules.data.schedules.map((schedule) => (
                <ScheduleRow
                  key={schedule.name}
                  schedule={schedule}
                  manage={manage}
                  editing={editing === schedule.name}
                  onEdit={(open) => setEditing(open ? schedule.name : null)}
                />
              ))}
            </tbody>
          </table>
        )
      )}
    </section>
  );
}

function ScheduleRow({
  schedule,
  manage,
  editing,
  onEdit,
}: {
  schedule: ReportSchedule;
  manage: boolean;
  editing: boolean;
  onEdit: (open: boolean) => void;
}) {
  const { t } = useI18n();
  const client = useQueryClient();
  const [cron, setCron] = useState(schedule.cron);
  const [timezone, setTimezone] = useState(schedule.timezone);
  const save = useMutation({
    mutationFn: (change: { enabled?: boolean; cron?: string; timezone?: string }) =>
      api<{ schedule: ReportSchedule }>(
        'PATCH',
        `/v1/reports/schedules/${encodeURIComponent(schedule.name)}`,
        change,
      ),
    onSuccess: () => {
      onEdit(false);
      return client.invalidateQueries({ queryKey: ['report-schedules'] });
    },
  });
  const errors = fieldErrors(save.error);
  const columns = manage ? 8 : 7;
  const submit = (event: FormEvent) => {
    event.preventDefault();
    save.mutate({ cron: cron.trim(), timezone: timezone.trim() });
  };
  return (
    <>
      <tr data-schedule={schedule.name}>
        <th scope="row" className="mono">
          {schedule.name}
        </th>
        <td>{schedule.type}</td>
        <td className="mono">{schedule.cron}</td>
        <td>{schedule.timezone}</td>
        <td>
          <Badge kind={schedule.enabled ? 'completed' : 'expired-decline'}>
            {schedule.enabled ? t('schedules.enabled') : t('schedules.disabled')}
          </Badge>
          {schedule.enabled !== schedule.scheduled && (
            <span className="muted"> {t('schedules.outOfLine')}</span>
          )}
        </td>
        <td>
          <DateTime value={schedule.nextRunAt} />
        </td>
        <td>
          <DateTime value={schedule.updatedAt} /> <span className="muted">· {schedule.updatedBy}</span>
        </td>
        {manage && (
          <td>
            <div className="actions">
              <button
                type="button"
                className="secondary"
                data-action={schedule.enabled ? 'disable-schedule' : 'enable-schedule'}
                disabled={save.isPending}
                aria-label={t(schedule.enabled ? 'schedules.disableWhich' : 'schedules.enableWhich', {
                  name: schedule.name,
                })}
                onClick={() => save.mutate({ enabled: !schedule.enabled })}
              >
                {schedule.enabled ? t('schedules.disable') : t('schedules.enable')}
              </button>
              <button
                type="button"
                className="secondary"
                aria-expanded={editing}
                aria-label={t('schedules.editWhich', { name: schedule.name })}
                onClick={() => onEdit(!editing)}
              >
                {t('schedules.edit')}
              </button>
            </div>
          </td>
        )}
      </tr>
      {(editing || (save.error && !editing)) && (
        <tr>
          <td colSpan={columns}>
            {editing && (
              <form
                className="form"
                onSubmit={submit}
                aria-label={t('schedules.editWhich', { name: schedule.name })}
                noValidate
              >
                <div className="form-grid">
                  <Field label={t('schedules.cron')} error={errors.cron} hint={t('schedules.cronHint')}>
                    {(props) => (
                      <input
                        {...props}
                        className="mono"
                        value={cron}
                        onChange={(event) => setCron(event.target.value)}
                      />
                    )}
                  </Field>
                  <Field label={t('schedules.timezone')} error={errors.timezone}>
                    {(props) => (
                      <input
                        {...props}
                        value={timezone}
                        onChange={(event) => setTimezone(event.target.value)}
                      />
                    )}
                  </Field>
                  <button
                    type="submit"
                    className="form-submit"
                    data-action="save-schedule"
                    disabled={save.isPending}
                  >
                    {t('schedules.save')}
                  </button>
                </div>
              </form>
            )}
            <ErrorBox error={save.error} fields={editing ? errors : undefined} />
          </td>
        </tr>
      )}
    </>
  );
}
