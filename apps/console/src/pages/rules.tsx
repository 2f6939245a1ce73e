import { useState, type FormEvent } from 'react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, ApiError, type VersionRow } from '../api';
import { useI18n } from '../i18n';
import { useSession } from '../session';
import { DateTime, ErrorBox, Field, fieldErrors, Loading, useDraft } from '../ui';

type Definition = Record<string, unknown>;
type FxTable = Record<string, string>;

/** Leaf parameters of a rule set as (path, value) rows, arrays written as lists. */
function parameters(value: unknown, path = ''): Array<[string, string]> {
  if (Array.isArray(value)) {
    if (value.every((item) => item === null || typeof item !== 'object'))
      return [[path, value.map(String).join(', ') || '—']];
    return value.flatMap((item, index) => parameters(item, `${path}[${index}]`));
  }
  if (value !== null && typeof value === 'object')
    return Object.entries(value as Record<string, unknown>).flatMap(([key, item]) =>
      parameters(item, path ? `${path}.${key}` : key),
    );
  return [[path, String(value)]];
}

/** The field paths an API error names under `prefix.`, as one message per field of the form. */
function errorsUnder(error: unknown, prefix: string): string | undefined {
  if (!(error instanceof ApiError)) return undefined;
  const lines = error.details
    .filter((detail) => detail.path === prefix || detail.path.startsWith(`${prefix}.`))
    .map((detail) =>
      detail.path === prefix ? detail.message : `${detail.path.slice(prefix.length + 1)}: ${detail.message}`,
    );
  return lines.length ? lines.join('; ') : undefined;
}

/** Rule set and FX table versions: what is in force, its parameters, the history, and new versions (rules:manage). */
export function RulesPage() {
  const { t } = useI18n();
  const { can } = useSession();
  const manage = can('rules:manage');
  const rules = useQuery({
    queryKey: ['rule-sets'],
    queryFn: () => api<{ versions: Array<VersionRow<Definition>> }>('GET', '/v1/rules'),
  });
  const fx = useQuery({
    queryKey: ['fx-tables'],
    queryFn: () => api<{ versions: Array<VersionRow<FxTable>> }>('GET', '/v1/fx'),
  });
  const current = rules.data?.versions[0];
  const currentFx = fx.data?.versions[0];
  const [done, setDone] = useState('');
  return (
    <>
      <h1>{t('rules.title')}</h1>
      {!manage && <p className="hint">{t('rules.readOnly')}</p>}
      <p role="status" className="ok">
        {done}
      </p>
      <ErrorBox error={rules.error ?? fx.error} />
      <h2>{t('rules.ruleSet')}</h2>
      {rules.isLoading ? (
        <Loading />
      ) : (
        current && (
          <>
            <p className="notice" data-testid="rule-set-in-force">
              {t('rules.inForce', { version: current.version })} · <DateTime value={current.createdAt} /> ·{' '}
              {current.createdBy}
              {current.note ? ` · ${current.note}` : ''}
            </p>
            {manage && <RuleSetForm key={current.version} current={current} onPublished={setDone} />}
            <details>
              <summary>{t('rules.parameters', { version: current.version })}</summary>
              <table className="grid compact">
                <caption className="visually-hidden">
                  {t('rules.parameters', { version: current.version })}
                </caption>
                <thead>
                  <tr>
                    <th scope="col">{t('rules.parameter')}</th>
                    <th scope="col">{t('rules.value')}</th>
                  </tr>
                </thead>
                <tbody>
                  {parameters(current.definition).map(([path, value]) => (
                    <tr key={path}>
                      <th scope="row" className="mono">
                        {path}
                      </th>
                      <td className="mono">{value}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </details>
            <VersionHistory caption={t('rules.ruleSetHistory')} versions={rules.data!.versions} />
          </>
        )
      )}
      <h2>{t('rules.fx')}</h2>
      {fx.isLoading ? (
        <Loading />
      ) : (
        currentFx && (
          <>
            <p className="notice" data-testid="fx-in-force">
              {t('rules.inForce', { version: currentFx.version })} · <DateTime value={currentFx.createdAt} />{' '}
              · {currentFx.createdBy}
              {currentFx.note ? ` · ${currentFx.note}` : ''}
            </p>
            <table className="grid compact">
              <caption>{t('rules.fxRates', { version: currentFx.version })}</caption>
              <thead>
                <tr>
                  <th scope="col">{t('rules.currency')}</th>
                  <th scope="col">{t('rules.unitsPerUsd')}</th>
                </tr>
              </thead>
              <tbody>
                {Object.entries(currentFx.definition).map(([currency, rate]) => (
                  <tr key={currency}>
                    <th scope="row">{currency}</th>
                    <td className="num mono">{rate}</td>
                  </tr>
                ))}
              </tbody>
            </table>
            {manage && <FxForm key={currentFx.version} current={currentFx} onPublished={setDone} />}
            <VersionHistory caption={t('rules.fxHistory')} versions={fx.data!.versions} />
          </>
        )
      )}
    </>
  );
}

function VersionHistory({ caption, versions }: { caption: string; versions: Array<VersionRow<unknown>> }) {
  const { t } = useI18n();
  return (
    <table className="grid">
      <caption>{caption}</caption>
      <thead>
        <tr>
          <th scope="col">{t('rules.version')}</th>
          <th scope="col">{t('reports.created')}</th>
          <th scope="col">{t('rules.by')}</th>
          <th scope="col">{t('rules.note')}</th>
        </tr>
      </thead>
      <tbody>
        {versions.map((version) => (
          <tr key={version.version}>
            <th scope="row">{version.version}</th>
            <td>
              <DateTime value={version.createdAt} />
            </td>
            <td>{version.createdBy}</td>
            <td>{version.note ?? '—'}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

/** The whole definition as JSON, started from the version in force; kept in sessionStorage until published. */
function RuleSetForm({
  current,
  onPublished,
}: {
  current: VersionRow<Definition>;
  onPublished: (message: string) => void;
}) {
  const { t } = useI18n();
  const client = useQueryClient();
  const [text, setText, clearText] = useDraft(
    `rules.definition.v${current.version}`,
    JSON.stringify(current.definition, null, 2),
  );
  const [note, setNote, clearNote] = useDraft(`rules.note.v${current.version}`);
  const [syntax, setSyntax] = useState<string | undefined>();
  const publish = useMutation({
    mutationFn: (definition: Definition) =>
      api<{ version: number }>('POST', '/v1/rules', {
        definition,
        ...(note.trim() ? { note: note.trim() } : {}),
      }),
    onSuccess: (result) => {
      onPublished(t('rules.published', { version: result.version }));
      clearText();
      clearNote();
      return client.invalidateQueries({ queryKey: ['rule-sets'] });
    },
  });
  const errors = fieldErrors(publish.error);
  const definitionError = syntax ?? errorsUnder(publish.error, 'definition');
  const known = Object.fromEntries(
    Object.keys(errors)
      .filter((path) => path === 'note' || path === 'definition' || path.startsWith('definition.'))
      .map((path) => [path, errors[path]]),
  );
  const submit = (event: FormEvent) => {
    event.preventDefault();
    onPublished('');
    let definition: unknown;
    try {
      definition = JSON.parse(text);
    } catch (error) {
      setSyntax(t('rules.jsonInvalid', { message: error instanceof Error ? error.message : String(error) }));
      return;
    }
    if (definition === null || typeof definition !== 'object' || Array.isArray(definition)) {
      setSyntax(t('rules.jsonNotObject'));
      return;
    }
    setSyntax(undefined);
    publish.mutate(definition as Definition);
  };
  return (
    <form className="card form" onSubmit={submit} aria-labelledby="rule-set-form-title" noValidate>
      <h3 id="rule-set-form-title">{t('rules.publishRuleSet')}</h3>
      <p className="hint">{t('rules.publishHint')}</p>
      <Field label={t('rules.definition')} error={definitionError}>
        {(props) => (
          <textarea
            {...props}
            className="mono"
            rows={14}
            spellCheck={false}
            value={text}
            onChange={(event) => setText(event.target.value)}
          />
        )}
      </Field>
      <Field label={t('rules.note')} error={errors.note}>
        {(props) => <input {...props} value={note} onChange={(event) => setNote(event.target.value)} />}
      </Field>
      <ErrorBox error={publish.error} fields={known} />
      <div className="actions">
        <button
          type="submit"
          className="form-submit"
          data-action="publish-rule-set"
          disabled={publish.isPending}
        >
          {t('rules.publishRuleSetSubmit')}
        </button>
        <button
          type="button"
          className="secondary"
          onClick={() => (
            clearText(),
            setText(JSON.stringify(current.definition, null, 2)),
            setSyntax(undefined)
          )}
        >
          {t('rules.startOver')}
        </button>
      </div>
    </form>
  );
}

/** One input per currency (units per USD); the API's `unitsPerUsd.XXX` errors land beside that currency. */
function FxForm({
  current,
  onPublished,
}: {
  current: VersionRow<FxTable>;
  onPublished: (message: string) => void;
}) {
  const { t } = useI18n();
  const client = useQueryClient();
  const [rows, setRows] = useState<Array<[string, string]>>(() => Object.entries(current.definition));
  const [added, setAdded] = useState('');
  const [note, setNote] = useState('');
  const publish = useMutation({
    mutationFn: () =>
      api<{ version: number }>('POST', '/v1/fx', {
        unitsPerUsd: Object.fromEntries(rows.map(([currency, rate]) => [currency, rate.trim()])),
        ...(note.trim() ? { note: note.trim() } : {}),
      }),
    onSuccess: (result) => {
      onPublished(t('rules.publishedFx', { version: result.version }));
      return client.invalidateQueries({ queryKey: ['fx-tables'] });
    },
  });
  const errors = fieldErrors(publish.error);
  const submit = (event: FormEvent) => {
    event.preventDefault();
    onPublished('');
    publish.mutate();
  };
  const addCurrency = () => {
    const code = added.trim().toUpperCase();
    if (code && !rows.some(([currency]) => currency === code)) setRows([...rows, [code, '']]);
    setAdded('');
  };
  return (
    <form className="card form" onSubmit={submit} aria-labelledby="fx-form-title" noValidate>
      <h3 id="fx-form-title">{t('rules.publishFx')}</h3>
      <div className="form-grid">
        {rows.map(([currency, rate], index) => (
          <Field
            key={currency}
            label={t('rules.ratePer', { currency })}
            error={errors[`unitsPerUsd.${currency}`]}
          >
            {(props) => (
              <input
                {...props}
                inputMode="decimal"
                value={rate}
                onChange={(event) =>
                  setRows(rows.map((row, at) => (at === index ? [currency, event.target.value] : row)))
                }
              />
            )}
          </Field>
        ))}
      </div>
      <div className="form-grid">
        <Field label={t('rules.addCurrency')} hint={t('rules.addCurrencyHint')}>
          {(props) => (
            <input
              {...props}
              maxLength={3}
              value={added}
              onChange={(event) => setAdded(event.target.value)}
              onKeyDown={(event) => {
                if (event.key === 'Enter') {
                  event.preventDefault();
                  addCurrency();
                }
              }}
            />
          )}
        </Field>
        <button type="button" className="secondary form-submit" onClick={addCurrency}>
          {t('rules.add')}
        </button>
        <Field label={t('rules.note')} error={errors.note}>
          {(props) => <input {...props} value={note} onChange={(event) => setNote(event.target.value)} />}
        </Field>
      </div>
      <ErrorBox error={publish.error} fields={errors} />
      <button type="submit" className="form-submit" data-action="publish-fx" disabled={publish.isPending}>
        {t('rules.publishFxSubmit')}
      </button>
    </form>
  );
}
