import { useState, type FormEvent } from 'react';
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, query, type HeldPaymentView, type HoldListItem } from '../api';
import { HitCard } from '../hits';
import { useI18n, type MessageKey } from '../i18n';
import { useSession } from '../session';
import {
  Badge,
  DateTime,
  ErrorBox,
  Field,
  fieldErrors,
  Loading,
  OffsetPager,
  StatusFilter,
  SlaCountdown,
  useDraft,
  useNow,
  money,
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

/** The stored decision behind a hold: reasons, sanctions hits with their explanation, and how the hold ended. */
function HoldDetail({ transactionId, onClose }: { transactionId: string; onClose: () => void }) {
  const { t } = useI18n();
  const view = useQuery({
    queryKey: ['payment', transactionId],
    queryFn: () => api<HeldPaymentView>('GET', `/v1/pre-auth/${encodeURIComponent(transactionId)}`),
  });
  return (
    <section className="card" aria-labelledby="hold-detail-title">
      <div className="page-head">
        <h2 id="hold-detail-title">{t('hold.detailTitle', { id: transactionId })}</h2>
        <button type="button" className="secondary" onClick={onClose}>
          {t('common.close')}
        </button>
      </div>
      <ErrorBox error={view.error} />
      {view.isLoading && <Loading />}
      {view.data && (
        <>
          <dl className="facts">
            <div>
              <dt>{t('payment.decision')}</dt>
              <dd>
                <Badge kind={view.data.decision.decision}>{view.data.decision.decision}</Badge>
              </dd>
            </div>
            <div>
              <dt>{t('payment.final')}</dt>
              <dd>
                <Badge kind={view.data.finalDecision}>{view.data.finalDecision}</Badge>
              </dd>
            </div>
            <div>
              <dt>{t('payment.decidedAt')}</dt>
              <dd>
                <DateTime value={view.data.decision.decidedAt} />
              </dd>
            </div>
            <div>
              <dt>{t('payment.status')}</dt>
              <dd>{view.data.paymentStatus}</dd>
            </div>
            {view.data.hold?.resolvedBy && (
              <div>
                <dt>{t('hold.resolvedBy')}</dt>
                <dd>{view.data.hold.resolvedBy}</dd>
              </div>
            )}
          </dl>
          {view.data.hold?.rationale && <blockquote>{view.data.hold.rationale}</blockquote>}
          <ul className="reasons">
            {view.data.decision.reasons.map((reason, index) => (
              <li key={index}>
                <strong>
                  {reason.ruleId} {reason.code}
                </strong>{' '}
                {reason.message}
              </li>
            ))}
          </ul>
          {view.data.decision.screening.hits.map((hit, index) => (
            <HitCard
              key={`${hit.party}-${hit.list}-${hit.sourceId}`}
              hit={hit}
              index={200 + index}
              snapshot={view.data.decision.screening.listSnapshots.find((label) =>
                label.startsWith(`${hit.list}@`),
              )}
            />
          ))}
        </>
      )}
    </section>
  );
}

export function HoldsPage() {
  const { t } = useI18n();
  const { can } = useSession();
  const now = useNow();
  const [status, setStatus] = useState('HELD');
  const [offset, setOffset] = useState(0);
  const [resolving, setResolving] = useState<HoldListItem | null>(null);
  const [viewing, setViewing] = useState<string | null>(null);
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
        <StatusFilter
          id="hold-status"
          value={status}
          statuses={HOLD_STATUSES}
          labelOf={(value) => t(`hold.${value}` as MessageKey)}
          onChange={(value) => (setStatus(value), setOffset(0))}
        />
        <p className="muted">{t('holds.total', { n: total })}</p>
      </div>
      {viewing && <HoldDetail transactionId={viewing} onClose={() => setViewing(null)} />}
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
                <td className="mono">
                  <button
                    type="button"
                    className="linklike mono"
                    aria-expanded={viewing === hold.transactionId}
                    onClick={() => setViewing(viewing === hold.transactionId ? null : hold.transactionId)}
                  >
                    {hold.transactionId}
                  </button>
                </td>
                <td className="num">{money(hold.amount)}</td>
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
                      onClick={() => (setResolving(hold), setViewing(hold.transactionId))}
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
      <OffsetPager offset={offset} pageSize={PAGE} total={total} onChange={setOffset} />
    </>
  );
}
