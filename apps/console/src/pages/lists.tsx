import { useRef, useState, type FormEvent } from 'react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import {
  api,
  ApiError,
  fileToBase64,
  LIST_FORMATS,
  LIST_UPLOAD_MAX_BYTES,
  type ListImportResult,
  type ListSource,
  type RefreshJob,
  type ListsView,
  type RescreenProgress,
} from '../api';
import { useI18n } from '../i18n';
import { useSession } from '../session';
import { Badge, DateTime, ErrorBox, Field, fieldErrors, Loading } from '../ui';

export function ListsPage() {
  const { t } = useI18n();
  const { can } = useSession();
  // after a refresh or an import, follow the job and the rescreening closely for a while
  const [followUntil, setFollowUntil] = useState(0);
  const following = () => (Date.now() < followUntil ? 2_000 : false);
  const follow = () => setFollowUntil(Date.now() + 120_000);
  const lists = useQuery({
    queryKey: ['lists'],
    queryFn: () => api<ListsView>('GET', '/v1/lists'),
    refetchInterval: () => following() || 30_000,
  });
  const rescreens = useQuery({
    queryKey: ['rescreens'],
    queryFn: () => api<{ runs: RescreenProgress[] }>('GET', '/v1/lists/rescreens'),
    refetchInterval: () => following() || 10_000,
  });
  const number = (value: number) => value.toLocaleString();
  return (
    <>
      <h1>{t('lists.title')}</h1>
      <ErrorBox error={lists.error} />
      {lists.isLoading ? (
        <Loading />
      ) : (
        lists.data && (
          <>
            <p className="notice">
              {lists.data.index.loaded
                ? t('lists.indexLoaded', {
                    entries: number(lists.data.index.entries),
                    names: number(lists.data.index.names),
                  })
                : t('lists.indexNotLoaded')}{' '}
              {lists.data.index.builtAt && <DateTime value={lists.data.index.builtAt} />}
            </p>
            <table className="grid">
              <caption>{t('lists.snapshots')}</caption>
              <thead>
                <tr>
                  <th scope="col">{t('lists.list')}</th>
                  <th scope="col">{t('lists.format')}</th>
                  <th scope="col">{t('lists.entries')}</th>
                  <th scope="col">{t('lists.names')}</th>
                  <th scope="col">{t('lists.delta')}</th>
                  <th scope="col">{t('lists.imported')}</th>
                  <th scope="col">{t('lists.hash')}</th>
                  <th scope="col">{t('lists.inIndex')}</th>
                </tr>
              </thead>
              <tbody>
                {lists.data.lists.map((list) => (
                  <tr key={list.id}>
                    <th scope="row">{list.list}</th>
                    <td>{list.format}</td>
                    <td className="num">{number(list.entries)}</td>
                    <td className="num">{number(list.names)}</td>
                    <td>
                      {list.delta
                        ? t('lists.deltaValue', {
                            added: list.delta.added,
                            removed: list.delta.removed,
                            changed: list.delta.changed,
                          })
                        : '—'}
                    </td>
                    <td>
                      <DateTime value={list.importedAt} />{' '}
                      {list.importedBy && <span className="muted">· {list.importedBy}</span>}
                    </td>
                    <td className="mono" title={list.contentHash}>
                      {list.contentHash.slice(0, 12)}
                    </td>
                    <td>{list.inIndex ? t('common.yes') : t('common.no')}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </>
        )
      )}
      <Sources onStarted={follow} />
      {can('lists:import') && <ImportListForm onImported={follow} />}
      <h2>{t('lists.rescreens')}</h2>
      <ErrorBox error={rescreens.error} />
      {rescreens.data && rescreens.data.runs.length === 0 && (
        <p className="muted">{t('lists.noRescreens')}</p>
      )}
      {rescreens.data && rescreens.data.runs.length > 0 && (
        <table className="grid">
          <caption className="visually-hidden">{t('lists.rescreens')}</caption>
          <thead>
            <tr>
              <th scope="col">{t('lists.list')}</th>
              <th scope="col">{t('alert.status')}</th>
              <th scope="col">{t('lists.phase')}</th>
              <th scope="col">{t('lists.deltaEntries')}</th>
              <th scope="col">{t('lists.partiesScreened')}</th>
              <th scope="col">{t('lists.hits')}</th>
              <th scope="col">{t('lists.alertsRaised')}</th>
              <th scope="col">{t('lists.started')}</th>
              <th scope="col">{t('lists.finished')}</th>
            </tr>
          </thead>
          <tbody>
            {rescreens.data.runs.map((run) => (
              <tr key={run.snapshotId}>
                <th scope="row">{run.list}</th>
                <td>
                  <Badge kind={run.status}>{run.status}</Badge>
                </td>
                <td>{run.phase}</td>
                <td className="num">{number(run.deltaEntries)}</td>
                <td className="num">{number(run.partiesScreened)}</td>
                <td className="num">{number(run.hits)}</td>
                <td className="num">{number(run.alertsRaised)}</td>
                <td>
                  <DateTime value={run.startedAt} />
                </td>
                <td>
                  <DateTime value={run.finishedAt} />
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </>
  );
}

/** sources.json: where each list is refreshed from, on which schedule; "refresh now" for lists:import. */
function Sources({ onStarted }: { onStarted: () => void }) {
  const { t } = useI18n();
  const { can } = useSession();
  const importer = can('lists:import');
  const [requested, setRequested] = useState('');
  const [jobId, setJobId] = useState<string | null>(null);
  const job = useQuery({
    queryKey: ['list-refresh', jobId],
    queryFn: () => api<RefreshJob>('GET', `/v1/lists/refresh/${encodeURIComponent(jobId!)}`),
    enabled: jobId !== null,
    // until the job has an outcome
    refetchInterval: (query) =>
      query.state.data && ['completed', 'failed'].includes(query.state.data.state) ? false : 2_000,
  });
  const sources = useQuery({
    queryKey: ['list-sources'],
    queryFn: () => api<{ sources: ListSource[] }>('GET', '/v1/lists/sources'),
  });
  const refresh = useMutation({
    mutationFn: (source: ListSource) =>
      api<{ jobId: string; list: string; format: string }>('POST', '/v1/lists/refresh', {
        list: source.list,
        format: source.format,
      }),
    onSuccess: (result) => {
      setRequested(t('lists.refreshRequested', { list: result.list, job: result.jobId }));
      setJobId(result.jobId);
      onStarted();
    },
  });
  return (
    <section aria-labelledby="sources-title">
      <h2 id="sources-title">{t('lists.sources')}</h2>
      <p className="hint">{importer ? t('lists.sourcesHint') : t('lists.sourcesReadOnly')}</p>
      <ErrorBox error={sources.error ?? refresh.error} />
      <p role="status" className="ok">
        {requested}
      </p>
      {job.data && <RefreshJobState job={job.data} />}
      {sources.data && (
        <table className="grid">
          <caption className="visually-hidden">{t('lists.sources')}</caption>
          <thead>
            <tr>
              <th scope="col">{t('lists.list')}</th>
              <th scope="col">{t('lists.format')}</th>
              <th scope="col">{t('lists.location')}</th>
              <th scope="col">{t('lists.schedule')}</th>
              <th scope="col">{t('alert.status')}</th>
              {importer && <th scope="col">{t('common.actions')}</th>}
            </tr>
          </thead>
          <tbody>
            {sources.data.sources.map((source) => (
              <tr key={`${source.list}-${source.format}`} data-source={source.list}>
                <th scope="row">
                  {source.list} {source.demo && <span className="muted">({t('lists.demo')})</span>}
                </th>
                <td>{source.format}</td>
                <td className="mono small">{source.location}</td>
                <td className="mono">{source.schedule ?? '—'}</td>
                <td>{source.enabled ? t('schedules.enabled') : t('schedules.disabled')}</td>
                {importer && (
                  <td>
                    {source.enabled && (
                      <button
                        type="button"
                        className="secondary"
                        data-action="refresh-list"
                        disabled={refresh.isPending}
                        aria-label={t('lists.refreshWhich', { list: source.list, format: source.format })}
                        onClick={() => refresh.mutate(source)}
                      >
                        {t('lists.refreshNow')}
                      </button>
                    )}
                  </td>
                )}
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}

/** A list file from the officer's computer, parsed and activated by the API like a CLI import. */
function ImportListForm({ onImported }: { onImported: () => void }) {
  const { t } = useI18n();
  const client = useQueryClient();
  const fileInput = useRef<HTMLInputElement>(null);
  const [list, setList] = useState('');
  const [format, setFormat] = useState<string>('simple-csv');
  const [file, setFile] = useState<File | null>(null);
  const [tooLarge, setTooLarge] = useState(false);
  const upload = useMutation({
    mutationFn: async () =>
      api<ListImportResult>('POST', `/v1/lists/${encodeURIComponent(list.trim())}/import`, {
        format,
        ...(file ? { fileName: file.name.slice(0, 200) } : {}),
        content: file ? await fileToBase64(file) : '',
      }),
    onSuccess: () => {
      onImported();
      return client.invalidateQueries({ queryKey: ['lists'] });
    },
  });
  const errors = fieldErrors(upload.error);
  const fileError =
    (tooLarge ? t('lists.fileTooLarge', { mb: LIST_UPLOAD_MAX_BYTES / 1024 / 1024 }) : undefined) ??
    errors.content ??
    (upload.error instanceof ApiError && upload.error.code === 'LIST_FORMAT_INVALID'
      ? upload.error.message
      : undefined);
  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (!file) {
      setTooLarge(false);
      fileInput.current?.focus();
    }
    if (file && file.size > LIST_UPLOAD_MAX_BYTES) return;
    upload.mutate();
  };
  const result = upload.data;
  return (
    <form className="card form" onSubmit={submit} aria-labelledby="import-list-title" noValidate>
      <h2 id="import-list-title">{t('lists.import')}</h2>
      <p className="hint">{t('lists.importHint', { mb: LIST_UPLOAD_MAX_BYTES / 1024 / 1024 })}</p>
      <div className="form-grid">
        <Field label={t('lists.listId')} error={errors.list} hint={t('lists.listIdHint')}>
          {(props) => (
            <input
              {...props}
              className="mono"
              value={list}
              onChange={(event) => setList(event.target.value.toUpperCase())}
            />
          )}
        </Field>
        <Field label={t('lists.format')} error={errors.format}>
          {(props) => (
            <select {...props} value={format} onChange={(event) => setFormat(event.target.value)}>
              {LIST_FORMATS.map((value) => (
                <option key={value} value={value}>
                  {value}
                </option>
              ))}
            </select>
          )}
        </Field>
        <Field label={t('lists.file')} error={fileError}>
          {(props) => (
            <input
              {...props}
              ref={fileInput}
              type="file"
              onChange={(event) => {
                const chosen = event.target.files?.[0] ?? null;
                setFile(chosen);
                setTooLarge(chosen !== null && chosen.size > LIST_UPLOAD_MAX_BYTES);
              }}
            />
          )}
        </Field>
      </div>
      <ErrorBox
        error={upload.error}
        fields={{
          ...errors,
          ...(upload.error instanceof ApiError && upload.error.code === 'LIST_FORMAT_INVALID'
            ? { content: '' }
            : {}),
        }}
      />
      {result && (
        <p role="status" className="ok">
          {result.status === 'UNCHANGED'
            ? t('lists.importUnchanged', { list: result.list })
            : t('lists.importDone', {
                list: result.list,
                entries: result.entries,
                added: result.delta.added,
                removed: result.delta.removed,
                changed: result.delta.changed,
              })}
        </p>
      )}
      <button
        type="submit"
        className="form-submit"
        data-action="import-list"
        disabled={upload.isPending || tooLarge}
      >
        {upload.isPending ? t('lists.importing') : t('lists.importSubmit')}
      </button>
    </form>
  );
}

/** Where a requested refresh stands: waiting, running, retrying after a failure, or its outcome. */
function RefreshJobState({ job }: { job: RefreshJob }) {
  const { t } = useI18n();
  const result = job.result as {
    status?: string;
    entries?: number;
    added?: number;
    removed?: number;
    changed?: number;
  } | null;
  let text: string;
  if (job.state === 'completed' && result?.status === 'UNCHANGED')
    text = t('lists.jobUnchanged', { list: job.list });
  else if (job.state === 'completed')
    text = t('lists.jobActivated', {
      list: job.list,
      entries: result?.entries ?? 0,
      added: result?.added ?? 0,
      removed: result?.removed ?? 0,
      changed: result?.changed ?? 0,
    });
  else if (job.state === 'failed')
    text = t('lists.jobFailed', { list: job.list, reason: job.failedReason ?? '—' });
  else if (job.failedReason)
    text = t('lists.jobRetrying', {
      list: job.list,
      attempt: job.attemptsMade,
      attempts: job.attempts,
      reason: job.failedReason,
    });
  else text = t(job.state === 'active' ? 'lists.jobRunning' : 'lists.jobWaiting', { list: job.list });
  return (
    <p
      role="status"
      className={job.state === 'failed' || job.failedReason ? 'error' : 'notice'}
      data-job-state={job.state}
    >
      {text}
    </p>
  );
}
