import { useState, type FormEvent } from 'react';
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, query, type HeldPaymentView, type HoldListItem } from '../api';
import { useI18n, type MessageKey } from '../i18n';
import { useSession } from '../session';
import {
  Badge,
  DateTime,
  ErrorBox,
  Field,
  fieldErrors,
  Loading,
  SlaCountdown,
  useDraft,
  useNow,
} from '../ui';

const HOLD_STATUSES = ['HELD', 'RESOLVED_APPROVE', 'RESOLVED_DECLINE', 'EXPIRED_DECLINE'] as const;
const PAGE = 25;

function Resolve({ hold, onDone }: { hold: HoldListItem; onDone: () => void }) {
  const { t } = useI18n();
  const client = useQueryClient();
  const [decision, setDecision] = useDraft(`hold-decision.${hold.transactionId}`);
  const [rationale, setRationale, clear] = useDraft(`hold-rationale.${hold.transactionId}`);
  const [local, setLocal] = useState<Record<string, string>>({});
  const mutation = useMutation({
    mutationFn: () =>
      api<HeldPaymentView>('POST', `/v1/pre-auth/${encodeURIComponent(hold.transactionId)}/resolution`, {
        decision,
        rationale,
      }),
    onSuccess: async () => {
      clear();
      setDecision('');
      await client.invalidateQueries({ queryKey: ['holds'] });
      onDone();
    },
  });
  const errors = { ...fieldErrors(mutation.error), ...local };
  function submit(event: FormEvent) {
    event.preventDefault();
    const problems: Record<string, string> = {};
    if (decision !== 'APPROVE' && decision !== 'DECLINE') problems.decision = t('hold.chooseDecision');
    if (!rationale.trim()) problems.rationale = t('hold.rationaleRequired');
    setLocal(problems);
    if (!Object.keys(problems).length) mutation.mutate();
  }
  return (
    <form
      className="card form"
      onSubmit={submit}
      aria-label={t('hold.resolveTitle', { id: hold.transactionId })}
      noValidate
    >
      <h2>{t('hold.resolveTitle', { id: hold.transactionId })}</h2>
      <fieldset>
        <legend>{t('hold.decision')}</legend>
        {(['APPROVE', 'DECLINE'] as const).map((value) => (
          <label key={value} className="inline">
            <input
              type="radio"
              name="decision"
              value={value}
              checked={decision === value}
              onChange={() => setDecision(value)}
            />{' '}
            {t(`hold.${value}` as MessageKey)}
          </label>
        ))}
        {errors.decision && <span className="field-error">{errors.decision}</span>}
      </fieldset>
      <Field label={t('hold.rationale')} error={errors.rationale}>
        {(props) => (
          <textarea
            {...props}
            name="rationale"
            rows={3}
            value={rationale}
            onChange={(event) => setRationale(event.target.value)}
          />
        )}
      </Field>
      <ErrorBox error={mutation.error} fields={{ decision: '', rationale: '' }} />
      <div className="actions">
        <button type="submit" data-action="resolve" disabled={mutation.isPending}>
          {t('hold.resolve')}
        </button>
        <button type="button" className="secondary" onClick={onDone}>
          {t('common.cancel')}
        </button>
      </div>
    </form>
  );
}

export function HoldsPage() {
  const { t } = useI18n();
  const { can } = useSession();
  const now = useNow();
  const [status, setStatus] = useState('HELD');
  const [offset, setOffset] = useState(0);
  const [resolving, setResolving] = useState<HoldListItem | null>(null);
  const holds = useQuery({
    queryKey: ['holds', status, offset],
    queryFn: () =>
      api<{ holds: HoldListItem[]; total: number }>(
        'GET',
        `/v1/holds${query({ status, limit: PAGE, offset })}`,
      ),
    placeholderData: keepPreviousData,
    refetchInterval: 15_000,
  });
  const rows = holds.data?.holds ?? [];
  const total = holds.data?.total ?? 0;
  return (
    <>
      <h1>{t('holds.title')}</h1>
      <div className="filters">
        <div className="field">
          <label htmlFor="hold-status">{t('alert.status')}</label>
          <select
            id="hold-status"
            value={status}
            onChange={(event) => (setStatus(event.target.value), setOffset(0))}
          >
            <option value="">{t('common.all')}</option>
            {HOLD_STATUSES.map((value) => (
              <option key={value} value={value}>
                {t(`hold.${value}` as MessageKey)}
              </option>
            ))}
          </select>
        </div>
        <p className="muted">{t('holds.total', { n: total })}</p>
      </div>
      {resolving && <Resolve hold={resolving} onDone={() => setResolving(null)} />}
      <ErrorBox error={holds.error} />
      {holds.isLoading ? (
        <Loading />
      ) : rows.length === 0 ? (
        <p className="muted">{t('holds.none')}</p>
      ) : (
        <table className="grid">
          <caption className="visually-hidden">{t('holds.title')}</caption>
          <thead>
            <tr>
              <th scope="col">{t('payment.transaction')}</th>
              <th scope="col">{t('payment.amount')}</th>
              <th scope="col">{t('alert.party')}</th>
              <th scope="col">{t('alert.merchant')}</th>
              <th scope="col">{t('payment.riskScore')}</th>
              <th scope="col">{t('alert.status')}</th>
              <th scope="col">{t('hold.expires')}</th>
              <th scope="col">
                <span className="visually-hidden">{t('common.actions')}</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {rows.map((hold) => (
              <tr key={hold.transactionId}>
                <td className="mono">{hold.transactionId}</td>
                <td className="num">
                  {hold.amount.value} {hold.amount.currency}
                </td>
                <td className="mono">{hold.payerKey}</td>
                <td className="mono">{hold.merchantId}</td>
                <td>{hold.riskScore}</td>
                <td>
                  <Badge kind={hold.status}>{t(`hold.${hold.status}` as MessageKey)}</Badge>
                  {hold.resolvedBy && <span className="muted"> · {hold.resolvedBy}</span>}
                </td>
                <td>
                  {hold.status === 'HELD' ? (
                    <SlaCountdown dueAt={hold.expiresAt} now={now} />
                  ) : (
                    <DateTime value={hold.resolvedAt ?? hold.expiresAt} />
                  )}
                </td>
                <td>
                  {hold.status === 'HELD' && can('payments:resolve') && (
                    <button
                      type="button"
                      className="secondary"
                      data-action="resolve-open"
                      onClick={() => setResolving(hold)}
                    >
                      {t('hold.resolve')}
                    </button>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <nav className="pager" aria-label={t('common.paging')}>
        <button
          type="button"
          className="secondary"
          disabled={offset === 0}
          onClick={() => setOffset(Math.max(0, offset - PAGE))}
        >
          {t('common.previous')}
        </button>
        <span>{t('common.page', { n: Math.floor(offset / PAGE) + 1 })}</span>
        <button
          type="button"
          className="secondary"
          disabled={offset + PAGE >= total}
          onClick={() => setOffset(offset + PAGE)}
        >
          {t('common.next')}
        </button>
      </nav>
    </>
  );
}
