import { useState, type FormEvent } from 'react';
import { useMutation } from '@tanstack/react-query';
import { api, type Explanation, type SearchMatch } from '../api';
import { NameComparison } from '../hits';
import { useI18n } from '../i18n';
import { Badge, ErrorBox, Field, fieldErrors, Score } from '../ui';

const TYPES = ['any', 'person', 'organisation', 'vessel', 'aircraft'] as const;

function SearchForm() {
  const { t } = useI18n();
  const [form, setForm] = useState({
    name: '',
    type: 'any',
    dateOfBirth: '',
    nationality: '',
    threshold: '',
  });
  const [open, setOpen] = useState<number | null>(null);
  const search = useMutation({
    mutationFn: () =>
      api<{ listSnapshots: string[]; matches: SearchMatch[] }>('POST', '/v1/screening/search', {
        name: form.name,
        type: form.type,
        ...(form.dateOfBirth ? { dateOfBirth: form.dateOfBirth } : {}),
        ...(form.nationality ? { nationality: form.nationality.toUpperCase() } : {}),
        ...(form.threshold ? { threshold: Number(form.threshold) } : {}),
        limit: 20,
      }),
    onSuccess: () => setOpen(0),
  });
  const errors = fieldErrors(search.error);
  const set = (name: keyof typeof form) => (event: { target: { value: string } }) =>
    setForm({ ...form, [name]: event.target.value });
  return (
    <section className="card" aria-labelledby="search-title">
      <h2 id="search-title">{t('screening.search')}</h2>
      <form
        className="form-grid"
        onSubmit={(event: FormEvent) => (event.preventDefault(), search.mutate())}
        noValidate
      >
        <Field label={t('screening.name')} error={errors.name}>
          {(props) => <input {...props} name="name" value={form.name} onChange={set('name')} required />}
        </Field>
        <Field label={t('screening.type')} error={errors.type}>
          {(props) => (
            <select {...props} name="type" value={form.type} onChange={set('type')}>
              {TYPES.map((type) => (
                <option key={type} value={type}>
                  {t(`entityType.${type}`)}
                </option>
              ))}
            </select>
          )}
        </Field>
        <Field label={t('screening.dateOfBirth')} error={errors.dateOfBirth} hint="YYYY, YYYY-MM, YYYY-MM-DD">
          {(props) => (
            <input {...props} name="dateOfBirth" value={form.dateOfBirth} onChange={set('dateOfBirth')} />
          )}
        </Field>
        <Field label={t('screening.nationality')} error={errors.nationality} hint="ISO 3166 (RU, KP …)">
          {(props) => (
            <input
              {...props}
              name="nationality"
              value={form.nationality}
              onChange={set('nationality')}
              maxLength={2}
            />
          )}
        </Field>
        <Field label={t('screening.threshold')} error={errors.threshold} hint="0–1">
          {(props) => (
            <input
              {...props}
              name="threshold"
              type="number"
              step="0.01"
              min="0"
              max="1"
              value={form.threshold}
              onChange={set('threshold')}
            />
          )}
        </Field>
        <div className="form-submit">
          <button type="submit" disabled={search.isPending || !form.name.trim()}>
            {t('screening.searchButton')}
          </button>
        </div>
      </form>
      <ErrorBox error={search.error} fields={errors} />
      {search.data && (
        <div role="region" aria-live="polite" aria-label={t('screening.results')}>
          <p className="hint">
            {t('screening.found', { n: search.data.matches.length })} · {search.data.listSnapshots.join(', ')}
          </p>
          {search.data.matches.map((match, index) => (
            <div key={`${match.list}-${match.sourceId}`} className="hit card">
              <div className="hit-head">
                <h3>
                  {match.primaryName} · {match.list} {match.sourceId}
                </h3>
                <Badge kind={match.band}>{match.band}</Badge>
                <Score value={match.score} />
                <button
                  type="button"
                  className="secondary"
                  aria-expanded={open === index}
                  onClick={() => setOpen(open === index ? null : index)}
                >
                  {open === index ? t('hit.hideComparison') : t('hit.compare')}
                </button>
              </div>
              {match.programmes.length > 0 && <p className="hint">{match.programmes.join(', ')}</p>}
              {open === index && (
                <NameComparison
                  queryName={match.explanation.queryName}
                  listName={match.matchedName}
                  explanation={match.explanation}
                  score={match.score}
                />
              )}
            </div>
          ))}
        </div>
      )}
    </section>
  );
}

function CompareForm() {
  const { t } = useI18n();
  const [a, setA] = useState('');
  const [b, setB] = useState('');
  const compare = useMutation({
    mutationFn: () =>
      api<{ score: number; band: string; explanation: Explanation }>('POST', '/v1/screening/compare', {
        a: { name: a },
        b: { name: b },
      }),
  });
  const errors = fieldErrors(compare.error);
  return (
    <section className="card" aria-labelledby="compare-title">
      <h2 id="compare-title">{t('screening.compare')}</h2>
      <form
        className="form-grid"
        onSubmit={(event: FormEvent) => (event.preventDefault(), compare.mutate())}
        noValidate
      >
        <Field label={t('screening.nameA')} error={errors['a.name']}>
          {(props) => <input {...props} name="a" value={a} onChange={(event) => setA(event.target.value)} />}
        </Field>
        <Field label={t('screening.nameB')} error={errors['b.name']}>
          {(props) => <input {...props} name="b" value={b} onChange={(event) => setB(event.target.value)} />}
        </Field>
        <div className="form-submit">
          <button type="submit" disabled={compare.isPending || !a.trim() || !b.trim()}>
            {t('screening.compareButton')}
          </button>
        </div>
      </form>
      <ErrorBox error={compare.error} fields={errors} />
      {compare.data && (
        <div aria-live="polite">
          <p>
            <Badge kind={compare.data.band}>{compare.data.band}</Badge> <Score value={compare.data.score} />
          </p>
          <NameComparison
            queryName={a}
            listName={b}
            explanation={compare.data.explanation}
            score={compare.data.score}
          />
        </div>
      )}
    </section>
  );
}

export function ScreeningPage() {
  const { t } = useI18n();
  return (
    <>
      <h1>{t('screening.title')}</h1>
      <SearchForm />
      <CompareForm />
    </>
  );
}
