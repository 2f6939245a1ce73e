import { useState } from 'react';
import { useMutation } from '@tanstack/react-query';
import { api, type Explanation, type Hit } from './api';
import { highlightName, type AlignedPart } from './highlight';
import { useI18n, type MessageKey } from './i18n';
import { Badge, ErrorBox, Score } from './ui';

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

export function HitCard({ hit, snapshot, index }: { hit: Hit; snapshot?: string; index: number }) {
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
    </section>
  );
}
