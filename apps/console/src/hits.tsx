import { useState, type ReactNode } from 'react';
import { useMutation, useQuery } from '@tanstack/react-query';
import { api, ApiError, listEntryRecord, type Explanation, type Hit } from './api';
import { highlightName, type AlignedPart } from './highlight';
import { useI18n, type MessageKey } from './i18n';
import { Badge, DateTime, ErrorBox, Loading, Score } from './ui';

export function HighlightedName({ name, parts, side }: { name: string; parts: AlignedPart[]; side: string }) {
  return (
    <span className="name" data-side={side}>
      {highlightName(name, parts).map((segment, index) =>
        segment.matched ? (
          <mark key={index} title={segment.note}>
            {segment.text}
          </mark>
        ) : (
          <span key={index}>{segment.text}</span>
        ),
      )}
    </span>
  );
}

/** The score explained: aligned parts, qualifiers, strength, corroboration. */
export function ExplanationView({ explanation, score }: { explanation: Explanation; score: number }) {
  const { t } = useI18n();
  return (
    <div className="explanation">
      <dl className="facts">
        <div>
          <dt>{t('hit.score')}</dt>
          <dd>
            <Score value={score} />
          </dd>
        </div>
        <div>
          <dt>{t('hit.nameScore')}</dt>
          <dd>
            <Score value={explanation.nameScore} />
          </dd>
        </div>
        <div>
          <dt>{t('hit.nameStrength')}</dt>
          <dd>{explanation.nameStrength}</dd>
        </div>
        <div>
          <dt>{t('hit.corroborated')}</dt>
          <dd>{explanation.corroborated ? t('common.yes') : t('common.no')}</dd>
        </div>
      </dl>
      <table className="grid compact">
        <caption>{t('hit.parts')}</caption>
        <thead>
          <tr>
            <th scope="col">{t('hit.queryPart')}</th>
            <th scope="col">{t('hit.listPart')}</th>
            <th scope="col">{t('hit.partScore')}</th>
            <th scope="col">{t('hit.method')}</th>
          </tr>
        </thead>
        <tbody>
          {explanation.parts.map((part, index) => (
            <tr key={index}>
              <td>{part.query ?? '—'}</td>
              <td>{part.list ?? '—'}</td>
              <td>
                <Score value={part.score} />
              </td>
              <td>{part.method}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <table className="grid compact">
        <caption>{t('hit.qualifiers')}</caption>
        <thead>
          <tr>
            <th scope="col">{t('hit.field')}</th>
            <th scope="col">{t('hit.effect')}</th>
            <th scope="col">{t('hit.detail')}</th>
          </tr>
        </thead>
        <tbody>
          {explanation.qualifiers.length === 0 ? (
            <tr>
              <td colSpan={3} className="muted">
                {t('hit.noQualifiers')}
              </td>
            </tr>
          ) : (
            explanation.qualifiers.map((qualifier, index) => (
              <tr key={index}>
                <td>{qualifier.field}</td>
                <td
                  className={
                    qualifier.effect < 0 ? 'negative' : qualifier.effect > 0 ? 'positive' : undefined
                  }
                >
                  {qualifier.effect > 0 ? `+${qualifier.effect.toFixed(3)}` : qualifier.effect.toFixed(3)}
                </td>
                <td>{qualifier.detail}</td>
              </tr>
            ))
          )}
        </tbody>
      </table>
    </div>
  );
}

/** The query name beside the list entry, matched parts highlighted, the score explained. */
export function NameComparison({
  queryName,
  listName,
  explanation,
  score,
}: {
  queryName: string;
  listName: string;
  explanation: Explanation;
  score: number;
}) {
  const { t } = useI18n();
  // only parts aligned on both sides with some similarity are evidence; a list part missing from the query is not
  const matched = explanation.parts.filter((part) => part.query && part.list && part.score > 0);
  return (
    <div className="comparison">
      <div className="side-by-side">
        <div>
          <h4>{t('hit.queryName')}</h4>
          <HighlightedName
            side="query"
            name={queryName}
            parts={matched.map((part) => ({ text: part.query, score: part.score, method: part.method }))}
          />
        </div>
        <div>
          <h4>{t('hit.listName')}</h4>
          <HighlightedName
            side="list"
            name={listName}
            parts={matched.map((part) => ({ text: part.list, score: part.score, method: part.method }))}
          />
        </div>
      </div>
      <ExplanationView explanation={explanation} score={score} />
    </div>
  );
}

/**
 * The list entry's full record in the active snapshot (names and aliases, dates of birth, nationalities,
 * identifiers, addresses, programmes), with a warning when it is not the version the hit was scored against.
 */
export function EntryRecord({ hit, index }: { hit: Hit; index: number }) {
  const { t } = useI18n();
  const record = useQuery({
    queryKey: ['list-entry', hit.list, hit.sourceId],
    queryFn: () => listEntryRecord(hit.list, hit.sourceId),
    retry: (failures, error) => !(error instanceof ApiError && error.status === 404) && failures < 2,
  });
  const titleId = `entry-title-${index}`;
  return (
    <section className="entry-record" aria-labelledby={titleId} data-entry={`${hit.list}:${hit.sourceId}`}>
      <h4 id={titleId}>{t('entry.title', { list: hit.list, sourceId: hit.sourceId })}</h4>
      {record.isLoading && <Loading />}
      {record.error instanceof ApiError && record.error.status === 404 ? (
        <p className="notice">{t('entry.gone')}</p>
      ) : (
        <ErrorBox error={record.error} />
      )}
      {record.data && (
        <>
          {hit.entryVersion && hit.entryVersion !== record.data.entryVersion ? (
            <p className="notice" data-entry-changed="true">
              {t('entry.changed', {
                then: hit.entryVersion.slice(0, 12),
                now: record.data.entryVersion.slice(0, 12),
              })}
            </p>
          ) : hit.entryVersion ? (
            <p className="hint">{t('entry.same')}</p>
          ) : null}
          <dl className="record">
            <div>
              <dt>{t('entry.type')}</dt>
              <dd>{t(`entityType.${record.data.entry.type}` as MessageKey) || record.data.entry.type}</dd>
            </div>
            <div>
              <dt>{t('entry.names')}</dt>
              <dd>
                <ul className="plain">
                  {record.data.entry.names.map((name, position) => (
                    <li key={position} lang={name.language}>
                      <span className={name.full === hit.matchedName ? 'matched-name' : undefined}>
                        {name.full}
                      </span>{' '}
                      <span className="muted small">
                        {t(`entry.strength.${name.strength}` as MessageKey)}
                        {name.originalScript ? ` · ${t('entry.originalScript')}` : ''}
                        {name.full === hit.matchedName ? ` · ${t('entry.matchedHere')}` : ''}
                      </span>
                    </li>
                  ))}
                </ul>
              </dd>
            </div>
            <RecordList
              label={t('entry.datesOfBirth')}
              items={record.data.entry.datesOfBirth.map(
                (date) => date.text ?? (date.from === date.to ? date.from : `${date.from} – ${date.to}`),
              )}
            />
            <RecordList label={t('entry.nationalities')} items={record.data.entry.nationalities} />
            <RecordList
              label={t('entry.identifiers')}
              items={record.data.entry.identifiers.map(
                (identifier) =>
                  `${identifier.type} ${identifier.number}${identifier.country ? ` (${identifier.country})` : ''}`,
              )}
              mono
            />
            <RecordList
              label={t('entry.addresses')}
              items={record.data.entry.addresses.map((address) =>
                // lists repeat the city or country in the address text; show each once
                [address.city, address.country].reduce<string>(
                  (text, part) =>
                    part && !text.toLowerCase().includes(part.toLowerCase()) ? `${text}, ${part}` : text,
                  address.text,
                ),
              )}
            />
            <RecordList label={t('entry.programmes')} items={record.data.entry.programmes} />
            {record.data.entry.gender && (
              <div>
                <dt>{t('entry.gender')}</dt>
                <dd>{t(`entry.gender.${record.data.entry.gender}` as MessageKey)}</dd>
              </div>
            )}
            {record.data.entry.listedOn && (
              <div>
                <dt>{t('entry.listedOn')}</dt>
                <dd>{record.data.entry.listedOn}</dd>
              </div>
            )}
            {record.data.entry.remarks && (
              <div>
                <dt>{t('entry.remarks')}</dt>
                <dd className="pre">{record.data.entry.remarks}</dd>
              </div>
            )}
            <div>
              <dt>{t('entry.snapshot')}</dt>
              <dd>
                <span className="mono small">{record.data.snapshotId}</span> ·{' '}
                <DateTime value={record.data.importedAt} />
              </dd>
            </div>
            <div>
              <dt>{t('hit.entryVersion')}</dt>
              <dd className="mono small">{record.data.entryVersion.slice(0, 16)}</dd>
            </div>
          </dl>
        </>
      )}
    </section>
  );
}

function RecordList({ label, items, mono }: { label: string; items: string[]; mono?: boolean }) {
  const { t } = useI18n();
  return (
    <div>
      <dt>{label}</dt>
      <dd>
        {items.length === 0 ? (
          <span className="muted">{t('entry.notGiven')}</span>
        ) : (
          <ul className={mono ? 'plain mono' : 'plain'}>
            {items.map((item, position) => (
              <li key={position}>{item}</li>
            ))}
          </ul>
        )}
      </dd>
    </div>
  );
}

export function HitCard({
  hit,
  snapshot,
  index,
  aside,
}: {
  hit: Hit;
  snapshot?: string;
  index: number;
  /** shown beside the hit (the alert page puts the list entry's full record here) */
  aside?: ReactNode;
}) {
  const { t } = useI18n();
  const [open, setOpen] = useState(false);
  const recompute = useMutation({
    mutationFn: () =>
      api<{ score: number; band: string; explanation: Explanation }>('POST', '/v1/screening/compare', {
        a: { name: hit.explanation?.queryName ?? '' },
        b: { name: hit.matchedName },
      }),
  });
  const panelId = `hit-panel-${index}`;
  return (
    <section className="hit card" aria-labelledby={`hit-title-${index}`}>
      <div className="hit-head">
        <h3 id={`hit-title-${index}`}>
          {t(`party.${hit.party}` as MessageKey)} · {hit.list} {hit.sourceId}
        </h3>
        <Badge kind={hit.band}>{hit.band}</Badge>
        <Score value={hit.score} />
        <button
          type="button"
          className="secondary"
          aria-expanded={open}
          aria-controls={panelId}
          onClick={() => setOpen(!open)}
        >
          {open ? t('hit.hideComparison') : t('hit.compare')}
        </button>
      </div>
      <div className={aside ? 'hit-body' : undefined}>
        <div className="hit-main">
          <dl className="facts">
            <div>
              <dt>{t('hit.queryName')}</dt>
              <dd>{hit.explanation?.queryName ?? '—'}</dd>
            </div>
            <div>
              <dt>{t('hit.listEntry')}</dt>
              <dd>
                {hit.primaryName}
                {hit.matchedName !== hit.primaryName && (
                  <>
                    {' '}
                    ({t('hit.matchedAlias')}: {hit.matchedName})
                  </>
                )}
              </dd>
            </div>
            <div>
              <dt>{t('hit.snapshot')}</dt>
              <dd className="mono">{snapshot ?? '—'}</dd>
            </div>
            {hit.entryVersion && (
              <div>
                <dt>{t('hit.entryVersion')}</dt>
                <dd className="mono">{hit.entryVersion.slice(0, 16)}</dd>
              </div>
            )}
          </dl>
          <div id={panelId} hidden={!open}>
            {hit.explanation ? (
              <NameComparison
                queryName={hit.explanation.queryName}
                listName={hit.matchedName}
                explanation={hit.explanation}
                score={hit.score}
              />
            ) : (
              <p className="muted">{t('hit.noExplanation')}</p>
            )}
            {hit.explanation && (
              <div className="recompute">
                <button
                  type="button"
                  className="secondary"
                  onClick={() => recompute.mutate()}
                  disabled={recompute.isPending}
                >
                  {t('hit.recompute')}
                </button>
                <ErrorBox error={recompute.error} />
                {recompute.data && (
                  <p role="status">
                    {t('hit.recomputed')} <Score value={recompute.data.score} />{' '}
                    <Badge kind={recompute.data.band}>{recompute.data.band}</Badge>
                  </p>
                )}
              </div>
            )}
          </div>
        </div>
        {aside && <div className="hit-aside">{aside}</div>}
      </div>
    </section>
  );
}
