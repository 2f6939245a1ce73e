import { useState, type ChangeEvent, type FormEvent } from 'react';
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Link, useParams } from 'react-router';
import { api, download, query, type Hit } from '../api';
import { HitCard } from '../hits';
import { useI18n, type MessageKey } from '../i18n';
import { useSession } from '../session';
import {
  Badge,
  DateTime,
  money,
  ErrorBox,
  Field,
  fieldErrors,
  Loading,
  OffsetPager,
  StatusFilter,
  useDraft,
} from '../ui';

const CASE_STATUSES = [
  'OPEN',
  'INVESTIGATING',
  'PENDING_APPROVAL',
  'CLOSED_CONFIRMED',
  'CLOSED_REFUTED',
  'CLOSED_INCONCLUSIVE',
] as const;
const CONCLUSIONS = ['CONFIRMED_SUSPICIOUS', 'REFUTED', 'INCONCLUSIVE'] as const;
const PAGE = 25;

interface CaseSummary {
  id: string;
  title: string;
  status: string;
  alertCount: number;
  createdBy: string;
  createdAt: string;
  updatedAt: string;
  conclusion: string | null;
  strRequired: boolean;
  strImmediate: boolean;
}

interface Money {
  value: string;
  currency: string;
}

interface CaseDetail extends CaseSummary {
  narrative: string | null;
  proposedBy: string | null;
  proposedAt: string | null;
  approvedBy: string | null;
  approvedAt: string | null;
  closedAt: string | null;
  alerts: Array<{
    id: string;
    type: string;
    priority: string;
    status: string;
    ruleId: string;
    disposition?: string | null;
  }>;
  payments: Array<{
    transactionId: string;
    occurredAt: string;
    status: string;
    decision: string;
    amount: Money;
    payerAmount: Money | null;
    equivalents: { USD: string; CNY: string };
    payerKey: string;
    merchantId: string;
  }>;
  parties: Array<{ key: string; role: string; name: string | null }>;
  hits: Array<Hit & { transactionId?: string }>;
  notes: Array<{ id: number; body: string; author: string; createdAt: string }>;
  attachments: Array<{
    id: string;
    filename: string;
    contentType: string;
    sizeBytes: number;
    sha256: string;
    uploadedBy: string;
    uploadedAt: string;
  }>;
  timeline: Array<{
    at: string;
    source: string;
    action: string;
    actor: string;
    entityType: string;
    entityId: string;
  }>;
}

export function CasesPage() {
  const { t } = useI18n();
  const [status, setStatus] = useState('');
  const [offset, setOffset] = useState(0);
  const cases = useQuery({
    queryKey: ['cases', status, offset],
    queryFn: () =>
      api<{ cases: CaseSummary[]; total: number }>(
        'GET',
        `/v1/cases${query({ status, limit: PAGE, offset })}`,
      ),
    placeholderData: keepPreviousData,
  });
  const rows = cases.data?.cases ?? [];
  const total = cases.data?.total ?? 0;
  return (
    <>
      <h1>{t('cases.title')}</h1>
      <p className="hint">{t('cases.howToOpen')}</p>
      <div className="filters">
        <StatusFilter
          id="case-status"
          value={status}
          statuses={CASE_STATUSES}
          labelOf={(value) => t(`caseStatus.${value}` as MessageKey)}
          onChange={(value) => (setStatus(value), setOffset(0))}
        />
        <p className="muted">{t('holds.total', { n: total })}</p>
      </div>
      <ErrorBox error={cases.error} />
      {cases.isLoading ? (
        <Loading />
      ) : rows.length === 0 ? (
        <p className="muted">{t('cases.none')}</p>
      ) : (
        <table className="grid">
          <caption className="visually-hidden">{t('cases.title')}</caption>
          <thead>
            <tr>
              <th scope="col">{t('cases.caseTitle')}</th>
              <th scope="col">{t('alert.status')}</th>
              <th scope="col">{t('cases.alerts')}</th>
              <th scope="col">{t('cases.str')}</th>
              <th scope="col">{t('cases.createdBy')}</th>
              <th scope="col">{t('cases.updated')}</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((item) => (
              <tr key={item.id}>
                <td>
                  <Link to={`/cases/${item.id}`}>{item.title}</Link>
                </td>
                <td>
                  <Badge kind={item.status}>{t(`caseStatus.${item.status}` as MessageKey)}</Badge>
                </td>
                <td className="num">{item.alertCount}</td>
                <td>
                  {item.strRequired
                    ? item.strImmediate
                      ? t('cases.strImmediate')
                      : t('common.yes')
                    : t('common.no')}
                </td>
                <td>{item.createdBy}</td>
                <td>
                  <DateTime value={item.updatedAt} />
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

function readBase64(file: File): Promise<string> {
  return new Promise((resolve, reject) => {
    const reader = new FileReader();
    reader.onload = () => resolve(String(reader.result).replace(/^data:[^,]*,/, ''));
    reader.onerror = () => reject(reader.error ?? new Error('read failed'));
    reader.readAsDataURL(file);
  });
}

export function CaseDetailPage() {
  const { id = '' } = useParams();
  const { t } = useI18n();
  const { me, can } = useSession();
  const client = useQueryClient();
  const detail = useQuery({
    queryKey: ['case', id],
    queryFn: () => api<CaseDetail>('GET', `/v1/cases/${id}`),
  });
  const refresh = async () => {
    await client.invalidateQueries({ queryKey: ['case', id] });
    await client.invalidateQueries({ queryKey: ['cases'] });
  };
  const [note, setNote, clearNote] = useDraft(`case-note.${id}`);
  const [conclusion, setConclusion] = useDraft(`case-conclusion.${id}`);
  const [narrative, setNarrative, clearNarrative] = useDraft(`case-narrative.${id}`);
  const [review, setReview, clearReview] = useDraft(`case-review.${id}`);
  const [local, setLocal] = useState<Record<string, string>>({});
  const addNote = useMutation({
    mutationFn: () => api('POST', `/v1/cases/${id}/notes`, { body: note }),
    onSuccess: async () => (clearNote(), await refresh()),
  });
  const investigate = useMutation({
    mutationFn: () => api('POST', `/v1/cases/${id}/status`, { status: 'INVESTIGATING' }),
    onSuccess: refresh,
  });
  const propose = useMutation({
    mutationFn: () => api('POST', `/v1/cases/${id}/conclusion`, { conclusion, narrative }),
    onSuccess: async () => (clearNarrative(), await refresh()),
  });
  const decide = useMutation({
    mutationFn: (action: 'approve' | 'reject') =>
      api('POST', `/v1/cases/${id}/${action}`, review.trim() ? { rationale: review } : {}),
    onSuccess: async () => (clearReview(), await refresh()),
  });
  const attach = useMutation({
    mutationFn: async (file: File) =>
      api('POST', `/v1/cases/${id}/attachments`, {
        filename: file.name,
        contentType: file.type || 'application/octet-stream',
        contentBase64: await readBase64(file),
      }),
    onSuccess: refresh,
  });
  // the API builds the case file (the PDF, or the JSON bundle it is laid out from), records its SHA-256 manifest
  // as a case.exported audit event; fetched with the bearer token in a header and saved from a blob (no token in a URL)
  const exportPdf = useMutation({
    mutationFn: () => download(`/v1/cases/${id}/export?format=pdf`, `case-${id}.pdf`),
  });
  const exportJson = useMutation({
    mutationFn: () => download(`/v1/cases/${id}/export?format=json`, `case-${id}.json`),
  });
  const fetchAttachment = useMutation({
    mutationFn: (attachment: { id: string; filename: string }) =>
      download(`/v1/cases/${id}/attachments/${attachment.id}`, attachment.filename),
  });

  if (detail.isLoading) return <Loading />;
  if (detail.error || !detail.data) return <ErrorBox error={detail.error} />;
  const data = detail.data;
  const canWrite = can('cases:write') && !data.status.startsWith('CLOSED');
  const canDecide =
    can('cases:approve') && data.status === 'PENDING_APPROVAL' && data.proposedBy !== me?.officer.username;

  function submitConclusion(event: FormEvent) {
    event.preventDefault();
    const problems: Record<string, string> = {};
    if (!conclusion) problems.conclusion = t('disposition.chooseOne');
    if (!narrative.trim()) problems.narrative = t('cases.narrativeRequired');
    setLocal(problems);
    if (!Object.keys(problems).length) propose.mutate();
  }
  const proposeErrors = { ...fieldErrors(propose.error), ...local };

  return (
    <>
      <p>
        <Link to="/cases">← {t('nav.cases')}</Link>
      </p>
      <div className="page-head">
        <h1>{data.title}</h1>
        <Badge kind={data.status}>{t(`caseStatus.${data.status}` as MessageKey)}</Badge>
        {data.strRequired && (
          <Badge kind="STRONG">{data.strImmediate ? t('cases.strImmediate') : t('cases.str')}</Badge>
        )}
        {/* case files are exported by officers with reports:export only (audited); nobody else gets a copy */}
        {can('reports:export') && (
          <>
            <button
              type="button"
              className="secondary"
              data-action="export-json"
              onClick={() => exportJson.mutate()}
              disabled={exportJson.isPending}
            >
              {exportJson.isPending ? t('cases.exportingJson') : t('cases.exportJson')}
            </button>
            <button
              type="button"
              className="secondary"
              data-action="export-pdf"
              onClick={() => exportPdf.mutate()}
              disabled={exportPdf.isPending}
            >
              {exportPdf.isPending ? t('cases.exportingPdf') : t('cases.exportPdf')}
            </button>
          </>
        )}
      </div>
      <ErrorBox error={exportJson.error} />
      <ErrorBox error={exportPdf.error} />
      <dl className="facts card">
        <div>
          <dt>{t('cases.createdBy')}</dt>
          <dd>
            {data.createdBy} · <DateTime value={data.createdAt} />
          </dd>
        </div>
        <div>
          <dt>{t('cases.conclusion')}</dt>
          <dd>{data.conclusion ? t(`conclusion.${data.conclusion}` as MessageKey) : '—'}</dd>
        </div>
        <div>
          <dt>{t('cases.proposedBy')}</dt>
          <dd>{data.proposedBy ?? '—'}</dd>
        </div>
        <div>
          <dt>{t('cases.approvedBy')}</dt>
          <dd>{data.approvedBy ?? '—'}</dd>
        </div>
      </dl>
      {data.narrative && (
        <section className="card" aria-labelledby="narrative-title">
          <h2 id="narrative-title">{t('cases.narrative')}</h2>
          <p className="pre">{data.narrative}</p>
        </section>
      )}
      {canWrite && data.status === 'OPEN' && (
        <div className="actions">
          <button
            type="button"
            data-action="investigate"
            onClick={() => investigate.mutate()}
            disabled={investigate.isPending}
          >
            {t('cases.startInvestigation')}
          </button>
          <ErrorBox error={investigate.error} />
        </div>
      )}

      <section className="card" aria-labelledby="case-alerts-title">
        <h2 id="case-alerts-title">{t('cases.alerts')}</h2>
        <ul>
          {data.alerts.map((alert) => (
            <li key={alert.id}>
              <Link to={`/alerts/${alert.id}`}>
                {t(`alertType.${alert.type}` as MessageKey)} · {alert.ruleId}
              </Link>{' '}
              <Badge kind={alert.status}>{t(`status.${alert.status}` as MessageKey)}</Badge>
            </li>
          ))}
        </ul>
      </section>

      <section className="card" aria-labelledby="case-payments-title">
        <h2 id="case-payments-title">{t('cases.payments')}</h2>
        {data.payments.length === 0 ? (
          <p className="muted">—</p>
        ) : (
          <table className="grid compact">
            <caption className="visually-hidden">{t('cases.payments')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('payment.transaction')}</th>
                <th scope="col">{t('cases.occurred')}</th>
                <th scope="col">{t('cases.merchantLeg')}</th>
                <th scope="col">{t('cases.payerLeg')}</th>
                <th scope="col">USD / CNY</th>
                <th scope="col">{t('payment.decision')}</th>
                <th scope="col">{t('payment.status')}</th>
              </tr>
            </thead>
            <tbody>
              {data.payments.map((payment) => (
                <tr key={payment.transactionId}>
                  <td className="mono">{payment.transactionId}</td>
                  <td>
                    <DateTime value={payment.occurredAt} />
                  </td>
                  <td className="num">{money(payment.amount)}</td>
                  <td className="num">
                    {payment.payerAmount
                      ? `${payment.payerAmount.value} ${payment.payerAmount.currency}`
                      : '—'}
                  </td>
                  <td className="num">
                    {payment.equivalents.USD} / {payment.equivalents.CNY}
                  </td>
                  <td>
                    <Badge kind={payment.decision}>{payment.decision}</Badge>
                  </td>
                  <td>{payment.status}</td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
        <h3>{t('cases.parties')}</h3>
        <ul>
          {data.parties.map((party) => (
            <li key={party.key}>
              {t(`party.${party.role}` as MessageKey)}: {party.name ?? '—'}{' '}
              <span className="mono">{party.key}</span>
            </li>
          ))}
        </ul>
      </section>

      {data.hits.length > 0 && (
        <section aria-labelledby="case-hits-title">
          <h2 id="case-hits-title">{t('hit.title', { n: data.hits.length })}</h2>
          {data.hits.map((hit, index) => (
            <HitCard
              key={`${hit.transactionId ?? ''}-${hit.list}-${hit.sourceId}-${hit.party}-${index}`}
              hit={hit}
              index={100 + index}
            />
          ))}
        </section>
      )}

      {canWrite && data.status === 'INVESTIGATING' && (
        <form className="card form" onSubmit={submitConclusion} aria-labelledby="conclusion-title" noValidate>
          <h2 id="conclusion-title">{t('cases.proposeTitle')}</h2>
          <Field label={t('cases.conclusion')} error={proposeErrors.conclusion}>
            {(props) => (
              <select {...props} value={conclusion} onChange={(event) => setConclusion(event.target.value)}>
                <option value="">{t('disposition.choose')}</option>
                {CONCLUSIONS.map((value) => (
                  <option key={value} value={value}>
                    {t(`conclusion.${value}` as MessageKey)}
                  </option>
                ))}
              </select>
            )}
          </Field>
          <Field label={t('cases.narrative')} error={proposeErrors.narrative} hint={t('cases.narrativeHint')}>
            {(props) => (
              <textarea
                {...props}
                rows={5}
                value={narrative}
                onChange={(event) => setNarrative(event.target.value)}
              />
            )}
          </Field>
          <ErrorBox error={propose.error} fields={{ conclusion: '', narrative: '' }} />
          <button type="submit" data-action="propose" disabled={propose.isPending}>
            {t('cases.propose')}
          </button>
        </form>
      )}

      {canDecide && (
        <form
          className="card form"
          onSubmit={(event) => event.preventDefault()}
          aria-labelledby="case-approval-title"
          noValidate
        >
          <h2 id="case-approval-title">{t('approval.title')}</h2>
          <Field
            label={t('approval.rationale')}
            error={fieldErrors(decide.error).rationale}
            hint={t('cases.reviewHint')}
          >
            {(props) => (
              <textarea
                {...props}
                rows={3}
                value={review}
                onChange={(event) => setReview(event.target.value)}
              />
            )}
          </Field>
          <ErrorBox error={decide.error} fields={{ rationale: '' }} />
          <div className="actions">
            <button
              type="button"
              data-action="approve"
              onClick={() => decide.mutate('approve')}
              disabled={decide.isPending}
            >
              {t('approval.approve')}
            </button>
            <button
              type="button"
              className="danger"
              data-action="reject"
              onClick={() => decide.mutate('reject')}
              disabled={decide.isPending || !review.trim()}
            >
              {t('approval.reject')}
            </button>
          </div>
        </form>
      )}

      <section className="card" aria-labelledby="attachments-title">
        <h2 id="attachments-title">{t('cases.attachments')}</h2>
        {data.attachments.length === 0 ? (
          <p className="muted">{t('cases.noAttachments')}</p>
        ) : (
          <ul>
            {data.attachments.map((attachment) => (
              <li key={attachment.id}>
                <button type="button" className="linklike" onClick={() => fetchAttachment.mutate(attachment)}>
                  {attachment.filename}
                </button>{' '}
                <span className="muted">
                  {(attachment.sizeBytes / 1024).toFixed(1)} KB · {attachment.uploadedBy} ·{' '}
                  <DateTime value={attachment.uploadedAt} />
                </span>{' '}
                <span className="mono small" title={attachment.sha256}>
                  SHA-256 {attachment.sha256.slice(0, 12)}…
                </span>
              </li>
            ))}
          </ul>
        )}
        <ErrorBox error={fetchAttachment.error} />
        {canWrite && (
          <div className="field">
            <label htmlFor="attachment-file">{t('cases.attach')}</label>
            <input
              id="attachment-file"
              type="file"
              data-action="attach"
              accept=".pdf,.png,.jpg,.jpeg,.txt,application/pdf,image/png,image/jpeg,text/plain"
              onChange={(event: ChangeEvent<HTMLInputElement>) => {
                const file = event.target.files?.[0];
                if (file) attach.mutate(file);
                event.target.value = '';
              }}
            />
            <span className="hint">{t('cases.attachHint')}</span>
            <ErrorBox error={attach.error} />
          </div>
        )}
      </section>

      <section className="card" aria-labelledby="case-notes-title">
        <h2 id="case-notes-title">{t('notes.title')}</h2>
        {data.notes.length === 0 ? (
          <p className="muted">{t('notes.none')}</p>
        ) : (
          <ol className="timeline">
            {data.notes.map((item) => (
              <li key={item.id}>
                <strong>{item.author}</strong> · <DateTime value={item.createdAt} />
                <p className="pre">{item.body}</p>
              </li>
            ))}
          </ol>
        )}
        {can('cases:write') && (
          <form onSubmit={(event) => (event.preventDefault(), note.trim() && addNote.mutate())} noValidate>
            <Field label={t('notes.add')} error={fieldErrors(addNote.error).body}>
              {(props) => (
                <textarea
                  {...props}
                  rows={2}
                  value={note}
                  onChange={(event) => setNote(event.target.value)}
                />
              )}
            </Field>
            <ErrorBox error={addNote.error} fields={{ body: '' }} />
            <button
              type="submit"
              className="secondary"
              data-action="case-note"
              disabled={addNote.isPending || !note.trim()}
            >
              {t('notes.save')}
            </button>
          </form>
        )}
      </section>

      <section className="card" aria-labelledby="timeline-title">
        <h2 id="timeline-title">{t('cases.timeline')}</h2>
        <ol className="timeline">
          {data.timeline.map((entry, index) => (
            <li key={index}>
              <DateTime value={entry.at} /> · <strong>{entry.actor}</strong> · {entry.action}{' '}
              <span className="mono small">
                {entry.entityType}/{entry.entityId}
              </span>
            </li>
          ))}
        </ol>
      </section>
    </>
  );
}
