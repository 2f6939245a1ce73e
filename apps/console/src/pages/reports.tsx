import { useState } from 'react';
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, download, query } from '../api';
import { useI18n } from '../i18n';
import { useSession } from '../session';
import { Badge, DateTime, ErrorBox, Loading, OffsetPager } from '../ui';

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

export function ReportsPage() {
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
      <h1>{t('reports.title')}</h1>
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
