import { useState, type FormEvent } from 'react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Link, useNavigate, useParams } from 'react-router';
import {
  api,
  ApiError,
  merchantActivity,
  partyActivity,
  type AlertDetail,
  type AlertView,
  type HeldPaymentView,
  type PartyActivity,
} from '../api';
import { EntryRecord, HitCard } from '../hits';
import { useI18n, type MessageKey } from '../i18n';
import { useSession } from '../session';
import {
  Badge,
  DateTime,
  ErrorBox,
  Field,
  fieldErrors,
  Loading,
  minorUnits,
  money,
  SlaCountdown,
  useDraft,
  useNow,
} from '../ui';

export const DISPOSITIONS = ['FALSE_POSITIVE', 'TRUE_MATCH', 'NOT_SUSPICIOUS', 'SUSPICIOUS'] as const;
const RATIONALE_MIN = 20;

function snapshotFor(list: string, snapshots: string[] | undefined): string | undefined {
  return snapshots?.find((snapshot) => snapshot.startsWith(`${list}@`));
}

function DispositionForm({ alert }: { alert: AlertDetail }) {
  const { t } = useI18n();
  const client = useQueryClient();
  const [disposition, setDisposition] = useDraft(`disposition.${alert.id}`, '');
  const [rationale, setRationale, clearRationale] = useDraft(`rationale.${alert.id}`);
  const [localError, setLocalError] = useState<Record<string, string>>({});
  const mutation = useMutation({
    mutationFn: () =>
      api<AlertView>('POST', `/v1/alerts/${alert.id}/disposition`, { disposition, rationale }),
    onSuccess: async () => {
      clearRationale();
      setDisposition('');
      await client.invalidateQueries({ queryKey: ['alert', alert.id] });
      await client.invalidateQueries({ queryKey: ['alerts'] });
    },
  });
  const errors = { ...fieldErrors(mutation.error), ...localError };
  function submit(event: FormEvent) {
    event.preventDefault();
    const problems: Record<string, string> = {};
    if (!disposition) problems.disposition = t('disposition.chooseOne');
    if (rationale.trim().length < RATIONALE_MIN)
      problems.rationale = t('disposition.rationaleShort', {
        n: RATIONALE_MIN,
        have: rationale.trim().length,
      });
    setLocalError(problems);
    if (Object.keys(problems).length === 0) mutation.mutate();
  }
  return (
    <form className="card form" onSubmit={submit} aria-labelledby="disposition-title" noValidate>
      <h2 id="disposition-title">{t('disposition.title')}</h2>
      {alert.type === 'SANCTIONS' && <p className="hint">{t('disposition.fourEyes')}</p>}
      <Field label={t('disposition.conclusion')} error={errors.disposition}>
        {(props) => (
          <select
            {...props}
            name="disposition"
            value={disposition}
            onChange={(event) => setDisposition(event.target.value)}
            required
          >
            <option value="">{t('disposition.choose')}</option>
            {DISPOSITIONS.map((value) => (
              <option key={value} value={value}>
                {t(`disposition.${value}` as MessageKey)}
              </option>
            ))}
          </select>
        )}
      </Field>
      <Field
        label={t('disposition.rationale')}
        error={errors.rationale}
        hint={t('disposition.rationaleHint', { n: RATIONALE_MIN })}
      >
        {(props) => (
          <textarea
            {...props}
            name="rationale"
            rows={4}
            value={rationale}
            onChange={(event) => setRationale(event.target.value)}
            required
            minLength={RATIONALE_MIN}
          />
        )}
      </Field>
      <ErrorBox error={mutation.error} fields={{ disposition: '', rationale: '' }} />
      <button type="submit" data-action="dispose" disabled={mutation.isPending}>
        {t('disposition.submit')}
      </button>
    </form>
  );
}

function ApprovalForm({ alert }: { alert: AlertDetail }) {
  const { t } = useI18n();
  const client = useQueryClient();
  const [rationale, setRationale, clearRationale] = useDraft(`approval.${alert.id}`);
  const [localError, setLocalError] = useState<string | undefined>();
  const mutation = useMutation({
    mutationFn: (action: 'approve' | 'reject') =>
      api<AlertView>(
        'POST',
        `/v1/alerts/${alert.id}/${action}`,
        rationale.trim() ? { rationale } : action === 'approve' ? undefined : { rationale },
      ),
    onSuccess: async () => {
      clearRationale();
      await client.invalidateQueries({ queryKey: ['alert', alert.id] });
      await client.invalidateQueries({ queryKey: ['alerts'] });
    },
  });
  const proposal =
    [...alert.dispositions].reverse().find((entry) => entry.action === 'PROPOSED') ??
    alert.dispositions[alert.dispositions.length - 1];
  return (
    <form
      className="card form"
      aria-labelledby="approval-title"
      onSubmit={(event) => event.preventDefault()}
      noValidate
    >
      <h2 id="approval-title">{t('approval.title')}</h2>
      <p>
        {t('approval.proposed', {
          officer: alert.disposedBy ?? '—',
          disposition: alert.disposition ? t(`disposition.${alert.disposition}` as MessageKey) : '—',
        })}
      </p>
      {proposal?.rationale && <blockquote>{proposal.rationale}</blockquote>}
      <Field
        label={t('approval.rationale')}
        error={fieldErrors(mutation.error).rationale ?? localError}
        hint={t('approval.rationaleHint', { n: RATIONALE_MIN })}
      >
        {(props) => (
          <textarea
            {...props}
            name="approval-rationale"
            rows={3}
            value={rationale}
            onChange={(event) => setRationale(event.target.value)}
          />
        )}
      </Field>
      <ErrorBox error={mutation.error} fields={{ rationale: '' }} />
      <div className="actions">
        <button
          type="button"
          data-action="approve"
          disabled={mutation.isPending}
          onClick={() => (setLocalError(undefined), mutation.mutate('approve'))}
        >
          {t('approval.approve')}
        </button>
        <button
          type="button"
          data-action="reject"
          className="danger"
          disabled={mutation.isPending}
          onClick={() => {
            if (rationale.trim().length < RATIONALE_MIN)
              setLocalError(
                t('disposition.rationaleShort', { n: RATIONALE_MIN, have: rationale.trim().length }),
              );
            else (setLocalError(undefined), mutation.mutate('reject'));
          }}
        >
          {t('approval.reject')}
        </button>
      </div>
    </form>
  );
}

function Notes({ alert, canWrite }: { alert: AlertDetail; canWrite: boolean }) {
  const { t } = useI18n();
  const client = useQueryClient();
  const [text, setText, clear] = useDraft(`note.${alert.id}`);
  const mutation = useMutation({
    mutationFn: () => api('POST', `/v1/alerts/${alert.id}/notes`, { text }),
    onSuccess: async () => {
      clear();
      await client.invalidateQueries({ queryKey: ['alert', alert.id] });
    },
  });
  return (
    <section className="card" aria-labelledby="notes-title">
      <h2 id="notes-title">{t('notes.title')}</h2>
      {alert.notes.length === 0 ? (
        <p className="muted">{t('notes.none')}</p>
      ) : (
        <ol className="timeline">
          {alert.notes.map((note) => (
            <li key={note.id}>
              <strong>{note.author}</strong> · <DateTime value={note.createdAt} />
              <p className="pre">{note.text}</p>
            </li>
          ))}
        </ol>
      )}
      {canWrite && (
        <form onSubmit={(event) => (event.preventDefault(), text.trim() && mutation.mutate())} noValidate>
          <Field label={t('notes.add')} error={fieldErrors(mutation.error).text}>
            {(props) => (
              <textarea
                {...props}
                name="note"
                rows={2}
                value={text}
                onChange={(event) => setText(event.target.value)}
              />
            )}
          </Field>
          <ErrorBox error={mutation.error} fields={{ text: '' }} />
          <button
            type="submit"
            className="secondary"
            data-action="note"
            disabled={mutation.isPending || !text.trim()}
          >
            {t('notes.save')}
          </button>
        </form>
      )}
    </section>
  );
}

function PaymentPanel({ transactionId }: { transactionId: string }) {
  const { t } = useI18n();
  const payment = useQuery({
    queryKey: ['payment', transactionId],
    queryFn: () => api<HeldPaymentView>('GET', `/v1/pre-auth/${encodeURIComponent(transactionId)}`),
  });
  if (payment.isLoading) return <Loading />;
  if (payment.error) return <ErrorBox error={payment.error} />;
  const view = payment.data!;
  return (
    <dl className="facts">
      <div>
        <dt>{t('payment.decision')}</dt>
        <dd>
          <Badge kind={view.decision.decision}>{view.decision.decision}</Badge>
        </dd>
      </div>
      <div>
        <dt>{t('payment.final')}</dt>
        <dd>
          <Badge kind={view.finalDecision}>{view.finalDecision}</Badge>
        </dd>
      </div>
      <div>
        <dt>{t('payment.status')}</dt>
        <dd>{view.paymentStatus}</dd>
      </div>
      <div>
        <dt>{t('payment.decidedAt')}</dt>
        <dd>
          <DateTime value={view.decision.decidedAt} />
        </dd>
      </div>
      <div>
        <dt>{t('payment.riskScore')}</dt>
        <dd>{view.decision.riskScore}</dd>
      </div>
      <div>
        <dt>{t('payment.ruleSet')}</dt>
        <dd>{view.decision.ruleSetVersion}</dd>
      </div>
      {view.hold && (
        <div>
          <dt>{t('payment.hold')}</dt>
          <dd>
            {t(`hold.${view.hold.status}` as MessageKey)} · {t('hold.expires')}{' '}
            <DateTime value={view.hold.expiresAt} />
          </dd>
        </div>
      )}
    </dl>
  );
}

const PAYMENTS_SHOWN = 20;

interface UsageRow {
  key: string;
  label: string;
  used: number;
  limit: number | null;
  currency: string;
}

/** How much of each limit is used, as numbers and a bar (the bar is decoration: the numbers are in the table). */
function LimitUsage({ party, transactionId }: { party: PartyActivity; transactionId?: string }) {
  const { t } = useI18n();
  const usage = (period: string) => party.limitUsage.find((row) => row.period === period)?.amount ?? 0;
  const limits = party.limits;
  const payment = party.payments.find((row) => row.transactionId === transactionId) ?? party.payments[0];
  const rows: UsageRow[] = [
    {
      key: 'perPayment',
      label: payment
        ? t('limits.perPayment', { transaction: payment.transactionId })
        : t('limits.perPaymentNone'),
      used: payment?.amountUsdCents ?? 0,
      limit: limits?.perPayment ?? null,
      currency: 'USD',
    },
    {
      key: 'daily',
      label: t('limits.daily', { period: party.periods.day }),
      used: usage('DAY'),
      limit: limits?.daily ?? null,
      currency: 'USD',
    },
    {
      key: 'monthly',
      label: t('limits.monthly', { period: party.periods.month }),
      used: usage('MONTH'),
      limit: limits?.monthly ?? null,
      currency: 'USD',
    },
    {
      key: 'annual',
      label: t('limits.annual', { period: party.periods.year }),
      used: usage('YEAR'),
      limit: limits?.annual ?? null,
      currency: 'USD',
    },
  ];
  if (limits?.staticQrDaily != null || usage('STATIC_QR_DAY') > 0)
    rows.push({
      key: 'staticQr',
      label: t('limits.staticQr', { period: party.periods.day }),
      used: usage('STATIC_QR_DAY'),
      limit: limits?.staticQrDaily ?? null,
      currency: 'CNY',
    });
  return (
    <div className="table-wrap">
      <table className="grid compact usage" data-table="limit-usage">
        <caption>
          {limits
            ? t('limits.caption', {
                tier: limits.tier,
                level: limits.kycLevel ?? '—',
                version: limits.ruleSetVersion,
              })
            : t('limits.noTier')}
        </caption>
        <thead>
          <tr>
            <th scope="col">{t('limits.limit')}</th>
            <th scope="col">{t('limits.used')}</th>
            <th scope="col">{t('limits.cap')}</th>
            <th scope="col">{t('limits.share')}</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((row) => {
            const share = row.limit ? row.used / row.limit : row.limit === 0 && row.used > 0 ? Infinity : 0;
            const level = share > 1 ? 'over' : share >= 0.8 ? 'near' : 'ok';
            return (
              <tr key={row.key} data-limit={row.key}>
                <th scope="row">{row.label}</th>
                <td className="num">{minorUnits(row.used, row.currency)}</td>
                <td className="num">
                  {row.limit === null
                    ? '—'
                    : row.limit === 0
                      ? t('limits.noneAllowed')
                      : minorUnits(row.limit, row.currency)}
                </td>
                <td className="usage-cell">
                  {row.limit ? (
                    <>
                      <span className={`usage-bar usage-${level}`} aria-hidden="true">
                        <span style={{ width: `${Math.min(100, share * 100)}%` }} />
                      </span>
                      <span className="num">{Math.round(share * 100)}%</span>
                    </>
                  ) : (
                    '—'
                  )}
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}

/** The payer behind the alert: the last 30 days of payments (both currency legs), limit usage and blocks. */
function PartyPanel({ payerKey, transactionId }: { payerKey: string; transactionId?: string }) {
  const { t } = useI18n();
  const [all, setAll] = useState(false);
  const party = useQuery({
    queryKey: ['party', payerKey],
    queryFn: () => partyActivity(payerKey),
  });
  return (
    <section className="card" aria-labelledby="party-title" data-section="party">
      <h2 id="party-title">{t('partyPanel.title')}</h2>
      {party.isLoading && <Loading />}
      <ErrorBox error={party.error} />
      {party.data && (
        <>
          <dl className="facts">
            <div>
              <dt>{t('alert.party')}</dt>
              <dd className="mono">{party.data.payerKey}</dd>
            </div>
            <div>
              <dt>{t('partyPanel.firstSeen')}</dt>
              <dd>
                <DateTime value={party.data.firstSeenAt} />
              </dd>
            </div>
            <div>
              <dt>{t('partyPanel.tier')}</dt>
              <dd>{party.data.limits?.tier ?? '—'}</dd>
            </div>
          </dl>
          <h3>{t('limits.title')}</h3>
          <LimitUsage party={party.data} transactionId={transactionId} />
          {party.data.blocks.length > 0 && (
            <>
              <h3>{t('partyPanel.blocks')}</h3>
              <ul className="reasons">
                {party.data.blocks.map((block, index) => (
                  <li key={index}>
                    <strong>{block.ruleId}</strong> {block.reason} · <DateTime value={block.createdAt} />
                    {block.liftedAt ? (
                      <>
                        {' '}
                        · {t('partyPanel.lifted')} <DateTime value={block.liftedAt} />
                      </>
                    ) : (
                      <>
                        {' '}
                        · {t('partyPanel.until')}{' '}
                        {block.until ? <DateTime value={block.until} /> : t('partyPanel.untilLifted')}
                      </>
                    )}
                  </li>
                ))}
              </ul>
            </>
          )}
          <h3>{t('partyPanel.payments', { n: party.data.payments.length })}</h3>
          {party.data.payments.length === 0 ? (
            <p className="muted">{t('partyPanel.noPayments')}</p>
          ) : (
            <div className="table-wrap">
              <table className="grid compact" data-table="party-payments">
                <caption className="visually-hidden">
                  {t('partyPanel.payments', { n: party.data.payments.length })}
                </caption>
                <thead>
                  <tr>
                    <th scope="col">{t('cases.occurred')}</th>
                    <th scope="col">{t('payment.transaction')}</th>
                    <th scope="col">{t('alert.merchant')}</th>
                    <th scope="col">{t('cases.merchantLeg')}</th>
                    <th scope="col">{t('cases.payerLeg')}</th>
                    <th scope="col">{t('partyPanel.usd')}</th>
                    <th scope="col">{t('payment.decision')}</th>
                    <th scope="col">{t('payment.status')}</th>
                  </tr>
                </thead>
                <tbody>
                  {(all ? party.data.payments : party.data.payments.slice(0, PAYMENTS_SHOWN)).map((row) => (
                    <tr
                      key={row.transactionId}
                      className={row.transactionId === transactionId ? 'selected' : undefined}
                    >
                      <td>
                        <DateTime value={row.occurredAt} />
                      </td>
                      <td className="mono">
                        {row.transactionId}
                        {row.transactionId === transactionId && (
                          <span className="small"> ({t('partyPanel.thisPayment')})</span>
                        )}
                      </td>
                      <td>
                        {row.merchantName ?? '—'} <span className="mono small">{row.merchantId}</span>
                      </td>
                      <td className="num">{money(row.amount)}</td>
                      <td className="num">{row.payerAmount ? money(row.payerAmount) : '—'}</td>
                      <td className="num">{minorUnits(row.amountUsdCents, 'USD')}</td>
                      <td>
                        <Badge kind={row.decision}>{row.decision}</Badge>
                      </td>
                      <td>{row.status}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          )}
          {!all && party.data.payments.length > PAYMENTS_SHOWN && (
            <button type="button" className="secondary" onClick={() => setAll(true)}>
              {t('partyPanel.showAll', { n: party.data.payments.length })}
            </button>
          )}
        </>
      )}
    </section>
  );
}

const MERCHANT_OUTCOMES = ['APPROVE', 'STEP_UP', 'REVIEW', 'DECLINE'] as const;

/**
 * The merchant behind the alert (or behind the alert's payment): the last 30 days of payments with both currency
 * legs, outcome and decision time, totals per outcome over the whole window, and its open alerts.
 */
function MerchantPanel({ merchantId, transactionId }: { merchantId: string; transactionId?: string }) {
  const { t } = useI18n();
  const [all, setAll] = useState(false);
  const merchant = useQuery({
    queryKey: ['merchant', merchantId],
    queryFn: () => merchantActivity(merchantId),
    retry: (count, error) => !(error instanceof ApiError && error.status === 404) && count < 2,
  });
  const unknown = merchant.error instanceof ApiError && merchant.error.status === 404;
  const data = merchant.data;
  return (
    <section className="card" aria-labelledby="merchant-title" data-section="merchant">
      <h2 id="merchant-title">{t('merchantPanel.title')}</h2>
      {merchant.isLoading && <Loading />}
      {unknown ? (
        <p className="muted">{t('merchantPanel.unknown', { id: merchantId })}</p>
      ) : (
        <ErrorBox error={merchant.error} />
      )}
      {data && (
        <>
          <dl className="facts">
            <div>
              <dt>{t('merchantPanel.id')}</dt>
              <dd className="mono">{data.merchantId}</dd>
            </div>
            <div>
              <dt>{t('merchantPanel.name')}</dt>
              <dd>{data.profile?.name ?? '—'}</dd>
            </div>
            <div>
              <dt>{t('merchantPanel.mcc')}</dt>
              <dd className="mono">{data.profile?.mcc ?? '—'}</dd>
            </div>
            <div>
              <dt>{t('merchantPanel.place')}</dt>
              <dd>{[data.profile?.city, data.profile?.country].filter(Boolean).join(', ') || '—'}</dd>
            </div>
            <div>
              <dt>{t('merchantPanel.firstSeen')}</dt>
              <dd>{data.firstSeenAt ? <DateTime value={data.firstSeenAt} /> : '—'}</dd>
            </div>
            <div>
              <dt>{t('merchantPanel.openAlerts')}</dt>
              <dd data-value="open-alerts">
                {t('merchantPanel.openAlertsValue', {
                  total: data.openAlerts.total,
                  about: data.openAlerts.aboutMerchant,
                })}
              </dd>
            </div>
          </dl>
          <div className="table-wrap">
            <table className="grid compact" data-table="merchant-totals">
              <caption>{t('merchantPanel.totals')}</caption>
              <thead>
                <tr>
                  <th scope="col">{t('merchantPanel.outcome')}</th>
                  <th scope="col">{t('merchantPanel.count')}</th>
                  <th scope="col">{t('merchantPanel.usd')}</th>
                  <th scope="col">{t('merchantPanel.cny')}</th>
                </tr>
              </thead>
              <tbody>
                {MERCHANT_OUTCOMES.map((outcome) => {
                  const row = data.totals.byOutcome[outcome] ?? {
                    count: 0,
                    amountUsdCents: 0,
                    amountCnyFen: 0,
                  };
                  return (
                    <tr key={outcome} data-outcome={outcome}>
                      <th scope="row">
                        <Badge kind={outcome}>{t(`outcome.${outcome}` as MessageKey)}</Badge>
                      </th>
                      <td className="num">{row.count}</td>
                      <td className="num">{minorUnits(row.amountUsdCents, 'USD')}</td>
                      <td className="num">{minorUnits(row.amountCnyFen, 'CNY')}</td>
                    </tr>
                  );
                })}
              </tbody>
              <tfoot>
                <tr>
                  <th scope="row">{t('merchantPanel.total')}</th>
                  <td className="num">{data.totals.count}</td>
                  <td className="num">{minorUnits(data.totals.amountUsdCents, 'USD')}</td>
                  <td className="num">{minorUnits(data.totals.amountCnyFen, 'CNY')}</td>
                </tr>
              </tfoot>
            </table>
          </div>
          <h3>{t('merchantPanel.payments', { n: data.totals.count })}</h3>
          {data.truncated && (
            <p className="notice" data-notice="truncated">
              {t('merchantPanel.truncated', { shown: data.payments.length, total: data.totals.count })}
            </p>
          )}
          {data.payments.length === 0 ? (
            <p className="muted">{t('merchantPanel.noPayments')}</p>
          ) : (
            <div className="table-wrap">
              <table className="grid compact" data-table="merchant-payments">
                <caption className="visually-hidden">
                  {t('merchantPanel.payments', { n: data.totals.count })}
                </caption>
                <thead>
                  <tr>
                    <th scope="col">{t('cases.occurred')}</th>
                    <th scope="col">{t('payment.transaction')}</th>
                    <th scope="col">{t('merchantPanel.payer')}</th>
                    <th scope="col">{t('cases.merchantLeg')}</th>
                    <th scope="col">{t('cases.payerLeg')}</th>
                    <th scope="col">{t('merchantPanel.usd')}</th>
                    <th scope="col">{t('payment.decision')}</th>
                    <th scope="col">{t('merchantPanel.decidedAt')}</th>
                    <th scope="col">{t('payment.status')}</th>
                  </tr>
                </thead>
                <tbody>
                  {(all ? data.payments : data.payments.slice(0, PAYMENTS_SHOWN)).map((row) => (
                    <tr
                      key={row.transactionId}
                      className={row.transactionId === transactionId ? 'selected' : undefined}
                    >
                      <td>
                        <DateTime value={row.occurredAt} />
                      </td>
                      <td className="mono">
                        {row.transactionId}
                        {row.transactionId === transactionId && (
                          <span className="small"> ({t('merchantPanel.thisPayment')})</span>
                        )}
                      </td>
                      <td className="mono small">{row.payerKey}</td>
                      <td className="num">{money(row.amount)}</td>
                      <td className="num">{row.payerAmount ? money(row.payerAmount) : '—'}</td>
                      <td className="num">{minorUnits(row.amountUsdCents, 'USD')}</td>
                      <td>
                        <Badge kind={row.decision}>{row.decision}</Badge>
                      </td>
                      <td>{row.decidedAt ? <DateTime value={row.decidedAt} /> : '—'}</td>
                      <td>
                        {row.status}
                        {row.hold && (
                          <span className="small">
                            {' '}
                            · {t('merchantPanel.hold')}: {t(`hold.${row.hold}` as MessageKey)}
                          </span>
                        )}
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          )}
          {!all && data.payments.length > PAYMENTS_SHOWN && (
            <button type="button" className="secondary" onClick={() => setAll(true)}>
              {t('merchantPanel.showAll', { n: data.payments.length })}
            </button>
          )}
        </>
      )}
    </section>
  );
}

export function AlertDetailPage() {
  const { id = '' } = useParams();
  const { t } = useI18n();
  const { me, can } = useSession();
  const client = useQueryClient();
  const now = useNow();
  const navigate = useNavigate();
  const alert = useQuery({
    queryKey: ['alert', id],
    queryFn: () => api<AlertDetail>('GET', `/v1/alerts/${id}`),
  });
  const evidenceTransaction = alert.data?.evidence?.transactionId;
  const payment = useQuery({
    queryKey: ['payment', evidenceTransaction],
    enabled: typeof evidenceTransaction === 'string' && can('payments:read'),
    queryFn: () =>
      api<HeldPaymentView>('GET', `/v1/pre-auth/${encodeURIComponent(String(evidenceTransaction))}`),
  });
  // an alert without a merchant id may still concern a payment with a merchant: the payer's payments name it
  const needsPaymentMerchant =
    !!alert.data &&
    !alert.data.merchantId &&
    !!alert.data.partyKey &&
    typeof evidenceTransaction === 'string';
  const payerOfAlert = useQuery({
    queryKey: ['party', alert.data?.partyKey],
    enabled: needsPaymentMerchant && can('payments:read'),
    queryFn: () => partyActivity(String(alert.data?.partyKey)),
  });
  const cases = useQuery({
    queryKey: ['cases', 'of-alert', id],
    enabled: can('cases:read'),
    queryFn: () =>
      api<{ cases: Array<{ id: string; title: string; status: string }>; total: number }>(
        'GET',
        `/v1/cases?alertId=${id}`,
      ),
  });
  const openCase = useMutation({
    mutationFn: () =>
      api<{ id: string }>('POST', '/v1/cases', {
        alertIds: [id],
        title:
          `${alert.data?.type ?? ''} ${alert.data?.ruleId ?? ''} · ${alert.data?.partyKey ?? alert.data?.merchantId ?? id}`
            .trim()
            .slice(0, 200),
      }),
    onSuccess: async (created) => {
      await client.invalidateQueries({ queryKey: ['cases'] });
      void navigate(`/cases/${created.id}`);
    },
  });
  const assign = useMutation({
    mutationFn: () => api<AlertView>('POST', `/v1/alerts/${id}/assign`),
    onSuccess: async () => {
      await client.invalidateQueries({ queryKey: ['alert', id] });
      await client.invalidateQueries({ queryKey: ['alerts'] });
    },
  });
  if (alert.isLoading) return <Loading />;
  if (alert.error || !alert.data) return <ErrorBox error={alert.error} />;
  const data = alert.data;
  const evidence = data.evidence ?? {};
  const mine = data.assignee === me?.officer.username;
  const canWork = can('alerts:work');
  const canApprove =
    can('alerts:approve') && data.status === 'PENDING_APPROVAL' && data.disposedBy !== me?.officer.username;
  const transactionId = typeof evidence.transactionId === 'string' ? evidence.transactionId : undefined;
  const merchantId =
    data.merchantId ??
    payerOfAlert.data?.payments.find((row) => row.transactionId === transactionId)?.merchantId;
  const hits =
    evidence.hits ??
    (typeof evidence.list === 'string'
      ? [evidence as unknown as NonNullable<typeof evidence.hits>[number]]
      : []);

  return (
    <>
      <p className="actions">
        <Link to="/alerts">← {t('nav.alerts')}</Link>
        {can('audit:read') && (
          <Link to={`/audit?entityType=alert&entityId=${data.id}`}>{t('alert.auditTrail')}</Link>
        )}
      </p>
      <div className="page-head">
        <h1>
          {t(`alertType.${data.type}` as MessageKey)} · {data.ruleId}
        </h1>
        <Badge kind={data.priority}>{t(`priority.${data.priority}` as MessageKey)}</Badge>
        <Badge kind={data.status}>{t(`status.${data.status}` as MessageKey)}</Badge>
      </div>
      <dl className="facts card">
        <div>
          <dt>{t('alert.assignee')}</dt>
          <dd>{data.assignee ?? t('alert.unassigned')}</dd>
        </div>
        <div>
          <dt>{t('alert.sla')}</dt>
          <dd>
            <SlaCountdown dueAt={data.slaDueAt} closed={data.status === 'CLOSED'} now={now} />
          </dd>
        </div>
        <div>
          <dt>{t('alert.party')}</dt>
          <dd className="mono">{data.partyKey ?? '—'}</dd>
        </div>
        <div>
          <dt>{t('alert.merchant')}</dt>
          <dd className="mono">{data.merchantId ?? '—'}</dd>
        </div>
        <div>
          <dt>{t('alert.riskScore')}</dt>
          <dd>{data.riskScore}</dd>
        </div>
        <div>
          <dt>{t('alert.occurrences')}</dt>
          <dd>{data.occurrences}</dd>
        </div>
        <div>
          <dt>{t('alert.created')}</dt>
          <dd>
            <DateTime value={data.createdAt} />
          </dd>
        </div>
        {data.disposition && (
          <div>
            <dt>{t('alert.disposition')}</dt>
            <dd>
              {t(`disposition.${data.disposition}` as MessageKey)} ({data.disposedBy})
            </dd>
          </div>
        )}
      </dl>
      {canWork && (data.status === 'OPEN' || data.status === 'IN_PROGRESS') && !mine && (
        <div className="actions">
          <button
            type="button"
            data-action="assign"
            onClick={() => assign.mutate()}
            disabled={assign.isPending}
          >
            {t('alert.assignToMe')}
          </button>
          <ErrorBox error={assign.error} />
        </div>
      )}

      {can('cases:read') && (
        <div className="actions">
          {(cases.data?.cases ?? []).map((item) => (
            <Link key={item.id} to={`/cases/${item.id}`}>
              {t('cases.inCase', { title: item.title })}
            </Link>
          ))}
          {can('cases:write') && (cases.data?.cases.length ?? 0) === 0 && (
            <button
              type="button"
              className="secondary"
              data-action="open-case"
              onClick={() => openCase.mutate()}
              disabled={openCase.isPending}
            >
              {t('cases.openFromAlert')}
            </button>
          )}
          <ErrorBox error={openCase.error} />
        </div>
      )}

      <section className="card" aria-labelledby="payment-title">
        <h2 id="payment-title">{t('payment.title')}</h2>
        <dl className="facts">
          <div>
            <dt>{t('payment.transaction')}</dt>
            <dd className="mono">{transactionId ?? '—'}</dd>
          </div>
          {evidence.outcome && !payment.data && (
            <div>
              <dt>{t('payment.decision')}</dt>
              <dd>{String(evidence.outcome)}</dd>
            </div>
          )}
          <div>
            <dt>{t('hit.snapshots')}</dt>
            <dd className="mono">
              {(payment.data?.decision.screening.listSnapshots ?? evidence.listSnapshotIds ?? []).join(
                ', ',
              ) || '—'}
            </dd>
          </div>
        </dl>
        {transactionId && can('payments:read') && <PaymentPanel transactionId={transactionId} />}
        {(evidence.reasons ?? []).length > 0 && (
          <ul className="reasons">
            {evidence.reasons!.map((reason, index) => (
              <li key={index}>
                <strong>
                  {reason.ruleId} {reason.code}
                </strong>{' '}
                {reason.message}
              </li>
            ))}
          </ul>
        )}
      </section>

      {hits.length > 0 && (
        <section aria-labelledby="hits-title">
          <h2 id="hits-title">{t('hit.title', { n: hits.length })}</h2>
          {hits.map((hit, index) => (
            <HitCard
              key={`${hit.list}-${hit.sourceId}-${hit.party}`}
              hit={hit}
              index={index}
              snapshot={
                snapshotFor(hit.list, payment.data?.decision.screening.listSnapshots) ??
                snapshotFor(hit.list, evidence.listSnapshotIds)
              }
              aside={can('lists:read') ? <EntryRecord hit={hit} index={index} /> : undefined}
            />
          ))}
        </section>
      )}

      {can('payments:read') &&
        (data.partyKey ? (
          <PartyPanel payerKey={data.partyKey} transactionId={transactionId} />
        ) : (
          <p className="muted">{t('partyPanel.none')}</p>
        ))}

      {can('payments:read') && merchantId && (
        <MerchantPanel merchantId={merchantId} transactionId={transactionId} />
      )}

      {canWork && data.status === 'IN_PROGRESS' && mine && <DispositionForm alert={data} />}
      {canApprove && <ApprovalForm alert={data} />}
      {can('alerts:approve') && data.status === 'PENDING_APPROVAL' && !canApprove && (
        <p className="notice">{t('approval.notYours')}</p>
      )}

      {data.dispositions.length > 0 && (
        <section className="card" aria-labelledby="history-title">
          <h2 id="history-title">{t('disposition.history')}</h2>
          <ol className="timeline">
            {data.dispositions.map((entry) => (
              <li key={entry.id}>
                <strong>{entry.officer}</strong> · {entry.action} ·{' '}
                {t(`disposition.${entry.disposition}` as MessageKey)} · <DateTime value={entry.createdAt} />
                {entry.rationale && <p className="pre">{entry.rationale}</p>}
              </li>
            ))}
          </ol>
        </section>
      )}
      <Notes alert={data} canWrite={canWork && data.status !== 'CLOSED'} />
    </>
  );
}
