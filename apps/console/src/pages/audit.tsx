import { useState, type FormEvent } from 'react';
import { keepPreviousData, useMutation, useQuery } from '@tanstack/react-query';
import { useSearchParams } from 'react-router';
import { api, query, type AuditEvent } from '../api';
import { useI18n } from '../i18n';
import { DateTime, ErrorBox, Field, fieldErrors, Loading } from '../ui';

function summary(value: unknown): string {
  if (value === null || value === undefined) return '';
  const text = JSON.stringify(value);
  return text.length > 160 ? `${text.slice(0, 157)}…` : text;
}

export function AuditPage() {
  const { t } = useI18n();
  const [params] = useSearchParams();
  const initial = { entityType: params.get('entityType') ?? '', entityId: params.get('entityId') ?? '' };
  const [draft, setDraft] = useState(initial);
  const [filters, setFilters] = useState(initial);
  const [pages, setPages] = useState<number[]>([]);
  const before = pages[pages.length - 1];
  const events = useQuery({
    queryKey: ['audit', filters, before],
    queryFn: () =>
      api<{ events: AuditEvent[]; nextBefore: number | null }>(
        'GET',
        `/v1/audit${query({ ...filters, limit: 50, before })}`,
      ),
    placeholderData: keepPreviousData,
  });
  const verify = useMutation({
    mutationFn: () =>
      api<{ valid: boolean; events: number; firstBrokenId?: number }>('GET', '/v1/audit/verify'),
  });
  const verifyDecisions = useMutation({
    mutationFn: () => api<Record<string, unknown> & { valid?: boolean }>('GET', '/v1/decisions/verify'),
  });
  const errors = fieldErrors(events.error);
  return (
    <>
      <h1>{t('audit.title')}</h1>
      <section className="card" aria-labelledby="verify-title">
        <h2 id="verify-title">{t('audit.verifyTitle')}</h2>
        <div className="actions">
          <button
            type="button"
            className="secondary"
            onClick={() => verify.mutate()}
            disabled={verify.isPending}
          >
            {t('audit.verify')}
          </button>
          <button
            type="button"
            className="secondary"
            onClick={() => verifyDecisions.mutate()}
            disabled={verifyDecisions.isPending}
          >
            {t('audit.verifyDecisions')}
          </button>
        </div>
        <ErrorBox error={verify.error ?? verifyDecisions.error} />
        {verify.data && (
          <p role="status" className={verify.data.valid ? 'ok' : 'error'}>
            {verify.data.valid
              ? t('audit.valid', { n: verify.data.events })
              : t('audit.broken', { n: verify.data.events, id: verify.data.firstBrokenId ?? '?' })}
          </p>
        )}
        {verifyDecisions.data && (
          <p role="status" className={verifyDecisions.data.valid === false ? 'error' : 'ok'}>
            {t('audit.decisionsResult')} <code>{summary(verifyDecisions.data)}</code>
          </p>
        )}
      </section>
      <form
        className="filters"
        onSubmit={(event: FormEvent) => (event.preventDefault(), setFilters({ ...draft }), setPages([]))}
        aria-label={t('audit.filters')}
      >
        <Field
          label={t('audit.entityType')}
          error={errors.entityType}
          hint="alert, officer, payment, decision …"
        >
          {(props) => (
            <input
              {...props}
              value={draft.entityType}
              onChange={(event) => setDraft({ ...draft, entityType: event.target.value })}
            />
          )}
        </Field>
        <Field label={t('audit.entityId')} error={errors.entityId}>
          {(props) => (
            <input
              {...props}
              value={draft.entityId}
              onChange={(event) => setDraft({ ...draft, entityId: event.target.value })}
            />
          )}
        </Field>
        <button type="submit">{t('common.apply')}</button>
      </form>
      <ErrorBox error={events.error} fields={errors} />
      {events.isLoading ? (
        <Loading />
      ) : (
        <table className="grid">
          <caption className="visually-hidden">{t('audit.title')}</caption>
          <thead>
            <tr>
              <th scope="col">#</th>
              <th scope="col">{t('audit.when')}</th>
              <th scope="col">{t('audit.actor')}</th>
              <th scope="col">{t('audit.action')}</th>
              <th scope="col">{t('audit.entity')}</th>
              <th scope="col">{t('audit.change')}</th>
            </tr>
          </thead>
          <tbody>
            {(events.data?.events ?? []).map((event) => (
              <tr key={event.id}>
                <td className="num">{event.id}</td>
                <td>
                  <DateTime value={event.occurredAt} />
                </td>
                <td>{event.actor}</td>
                <td>{event.action}</td>
                <td className="mono">
                  {event.entityType}/{event.entityId}
                </td>
                <td className="mono small">{summary(event.after ?? event.before)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <nav className="pager" aria-label={t('common.paging')}>
        <button
          type="button"
          className="secondary"
          disabled={pages.length === 0}
          onClick={() => setPages(pages.slice(0, -1))}
        >
          {t('common.previous')}
        </button>
        <span>{t('common.page', { n: pages.length + 1 })}</span>
        <button
          type="button"
          className="secondary"
          disabled={!events.data?.nextBefore}
          onClick={() => setPages([...pages, events.data!.nextBefore!])}
        >
          {t('common.next')}
        </button>
      </nav>
    </>
  );
}
