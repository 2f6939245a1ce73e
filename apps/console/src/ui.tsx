import { useEffect, useId, useState, type ReactNode } from 'react';
import { ApiError } from './api';
import { useI18n, type MessageKey } from './i18n';

const BEIJING = 'Asia/Shanghai';

const BEIJING_PARTS = new Intl.DateTimeFormat('en-GB', {
  timeZone: BEIJING,
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
  hour: '2-digit',
  minute: '2-digit',
  second: '2-digit',
  hourCycle: 'h23',
});

/** YYYY-MM-DD HH:mm:ss in Beijing time (the same in both languages: officers compare these with filings). */
export function beijingTime(date: Date): string {
  const part = Object.fromEntries(BEIJING_PARTS.formatToParts(date).map((item) => [item.type, item.value]));
  return `${part.year}-${part.month}-${part.day} ${part.hour}:${part.minute}:${part.second}`;
}

/** A date shown in Beijing time; the UTC instant is on hover (title) and in the machine-readable attribute. */
export function DateTime({ value }: { value: string | null | undefined }) {
  if (!value) return <span>—</span>;
  const date = new Date(value);
  if (Number.isNaN(date.getTime())) return <span>{value}</span>;
  return (
    <time dateTime={date.toISOString()} title={`${date.toISOString()} (UTC)`}>
      {beijingTime(date)}
    </time>
  );
}

export function useNow(intervalMs = 1000): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const timer = setInterval(() => setNow(Date.now()), intervalMs);
    return () => clearInterval(timer);
  }, [intervalMs]);
  return now;
}

function duration(ms: number): string {
  const total = Math.floor(Math.abs(ms) / 1000);
  const days = Math.floor(total / 86400);
  const hours = Math.floor((total % 86400) / 3600);
  const minutes = Math.floor((total % 3600) / 60);
  const seconds = total % 60;
  if (days > 0) return `${days}d ${hours}h`;
  if (hours > 0) return `${hours}h ${String(minutes).padStart(2, '0')}m`;
  return `${minutes}m ${String(seconds).padStart(2, '0')}s`;
}

/** Time left until an SLA is due, or how long ago it was breached. */
export function SlaCountdown({ dueAt, closed, now }: { dueAt: string; closed?: boolean; now: number }) {
  const { t } = useI18n();
  if (closed) return <span className="muted">—</span>;
  const left = Date.parse(dueAt) - now;
  const overdue = left < 0;
  const urgent = !overdue && left < 3600_000;
  return (
    <span
      className={overdue ? 'sla sla-overdue' : urgent ? 'sla sla-urgent' : 'sla'}
      title={`${new Date(dueAt).toISOString()} (UTC)`}
    >
      {overdue ? t('sla.overdue', { time: duration(left) }) : t('sla.left', { time: duration(left) })}
    </span>
  );
}

const ERROR_WORDS: Record<string, MessageKey> = {
  VALIDATION_FAILED: 'error.validation',
  UNAUTHENTICATED: 'error.unauthenticated',
  FORBIDDEN: 'error.forbidden',
  NOT_FOUND: 'error.notFound',
  CONFLICT: 'error.conflict',
  RATE_LIMITED: 'error.rateLimited',
  SERVICE_UNAVAILABLE: 'error.unavailable',
  NETWORK: 'error.network',
};

/** An API error in words: what happened, in the officer's language, and the server's own explanation. */
export function ErrorBox({ error, fields }: { error: unknown; fields?: Record<string, string> }) {
  const { t } = useI18n();
  if (!error) return null;
  if (!(error instanceof ApiError)) {
    return (
      <div className="error" role="alert">
        {t('error.unknown')}
      </div>
    );
  }
  const key = ERROR_WORDS[error.code] ?? (error.status >= 500 ? 'error.server' : 'error.unknown');
  const unmapped = error.details.filter((detail) => !fields || !(detail.path in fields));
  return (
    <div className="error" role="alert">
      <p>
        <strong>{t(key)}</strong>
      </p>
      {error.message && error.code !== 'NETWORK' && (
        <p className="error-detail">{t('error.serverSaid', { message: error.message })}</p>
      )}
      {unmapped.length > 0 && (
        <ul>
          {unmapped.map((detail) => (
            <li key={detail.path + detail.message}>
              {detail.path}: {detail.message}
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}

/** Field path → message, for the form fields an API error names. */
export function fieldErrors(error: unknown): Record<string, string> {
  const result: Record<string, string> = {};
  if (error instanceof ApiError) for (const detail of error.details) result[detail.path] ??= detail.message;
  return result;
}

/** A labelled form field with its error message tied to the control (aria-describedby). */
export function Field({
  label,
  error,
  hint,
  children,
}: {
  label: string;
  error?: string;
  hint?: string;
  children: (props: { id: string; 'aria-describedby'?: string; 'aria-invalid'?: boolean }) => ReactNode;
}) {
  const id = useId();
  const describedBy =
    [hint ? `${id}-hint` : '', error ? `${id}-error` : ''].filter(Boolean).join(' ') || undefined;
  return (
    <div className={error ? 'field field-invalid' : 'field'}>
      <label htmlFor={id}>{label}</label>
      {children({ id, 'aria-describedby': describedBy, 'aria-invalid': error ? true : undefined })}
      {hint && (
        <span className="hint" id={`${id}-hint`}>
          {hint}
        </span>
      )}
      {error && (
        <span className="field-error" id={`${id}-error`}>
          {error}
        </span>
      )}
    </div>
  );
}

/** Form text kept in sessionStorage, so nothing typed is lost when a request fails or the page reloads. */
export function useDraft(key: string, initial = ''): [string, (value: string) => void, () => void] {
  const storageKey = `cpg.console.draft.${key}`;
  const [value, setValue] = useState(() => sessionStorage.getItem(storageKey) ?? initial);
  return [
    value,
    (next) => {
      setValue(next);
      if (next) sessionStorage.setItem(storageKey, next);
      else sessionStorage.removeItem(storageKey);
    },
    () => {
      setValue(initial);
      sessionStorage.removeItem(storageKey);
    },
  ];
}

export function Loading() {
  const { t } = useI18n();
  return (
    <p className="muted" role="status">
      {t('common.loading')}
    </p>
  );
}

export function Badge({ kind, children }: { kind: string; children: ReactNode }) {
  return <span className={`badge badge-${kind.toLowerCase().replace(/[^a-z0-9]+/g, '-')}`}>{children}</span>;
}

export function Score({ value }: { value: number }) {
  return <span className="score">{value.toFixed(3)}</span>;
}

/** A decimal string as sent by the API, with trailing zeros past the second decimal dropped (268.0000 → 268.00). */
export function money(amount: { value: string; currency: string }): string {
  const value = /^-?\d+\.\d{2}\d*$/.test(amount.value)
    ? amount.value.replace(/(\.\d\d\d*?)0+$/, '$1')
    : amount.value;
  return `${value} ${amount.currency}`;
}

/** An amount in minor units (USD cents, CNY fen) as the API counts limits: 123456 USD → "1,234.56 USD". */
export function minorUnits(amount: number, currency: string): string {
  const sign = amount < 0 ? '-' : '';
  const abs = Math.abs(Math.trunc(amount));
  const whole = Math.floor(abs / 100)
    .toString()
    .replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  return `${sign}${whole}.${String(abs % 100).padStart(2, '0')} ${currency}`;
}

/** Previous / next for lists paged by offset on the server. */
export function OffsetPager({
  offset,
  pageSize,
  total,
  onChange,
}: {
  offset: number;
  pageSize: number;
  total: number;
  onChange: (offset: number) => void;
}) {
  const { t } = useI18n();
  return (
    <nav className="pager" aria-label={t('common.paging')}>
      <button
        type="button"
        className="secondary"
        disabled={offset === 0}
        onClick={() => onChange(Math.max(0, offset - pageSize))}
      >
        {t('common.previous')}
      </button>
      <span>{t('common.page', { n: Math.floor(offset / pageSize) + 1 })}</span>
      <button
        type="button"
        className="secondary"
        disabled={offset + pageSize >= total}
        onClick={() => onChange(offset + pageSize)}
      >
        {t('common.next')}
      </button>
    </nav>
  );
}

/** A status filter for a paged list: "all" plus each status, labelled in the current language. */
export function StatusFilter({
  id,
  value,
  statuses,
  labelOf,
  onChange,
}: {
  id: string;
  value: string;
  statuses: readonly string[];
  labelOf: (status: string) => string;
  onChange: (status: string) => void;
}) {
  const { t } = useI18n();
  return (
    <div className="field">
      <label htmlFor={id}>{t('alert.status')}</label>
      <select id={id} value={value} onChange={(event) => onChange(event.target.value)}>
        <option value="">{t('common.all')}</option>
        {statuses.map((status) => (
          <option key={status} value={status}>
            {labelOf(status)}
          </option>
        ))}
      </select>
    </div>
  );
}
