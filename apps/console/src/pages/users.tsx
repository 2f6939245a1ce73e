import { useState, type FormEvent } from 'react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, type Officer, type OfficerAccount } from '../api';
import { useI18n, type MessageKey } from '../i18n';
import { useSession } from '../session';
import { Badge, DateTime, ErrorBox, Field, fieldErrors, Loading } from '../ui';

const ROLES: ReadonlyArray<Officer['role']> = ['ANALYST', 'SUPERVISOR', 'ADMIN', 'AUDITOR'];

function stateOf(officer: OfficerAccount): 'DISABLED' | 'LOCKED' | 'ACTIVE' {
  if (officer.disabledAt) return 'DISABLED';
  if (officer.lockedUntil) return 'LOCKED';
  return 'ACTIVE';
}

/** Officers and their state; an ADMIN creates officers, disables / enables them and ends a lock-out. */
export function UsersPage() {
  const { t } = useI18n();
  const { can, me } = useSession();
  const client = useQueryClient();
  const manage = can('users:manage');
  const officers = useQuery({
    queryKey: ['officers'],
    queryFn: () => api<{ officers: OfficerAccount[] }>('GET', '/v1/users'),
  });
  const [done, setDone] = useState('');
  const change = useMutation({
    mutationFn: (target: { officer: OfficerAccount; action: 'disable' | 'enable' | 'unlock' }) =>
      api<{ officer: OfficerAccount }>('POST', `/v1/users/${target.officer.id}/${target.action}`),
    onSuccess: (result, target) => {
      setDone(t(`users.done.${target.action}` as MessageKey, { username: result.officer.username }));
      return client.invalidateQueries({ queryKey: ['officers'] });
    },
  });
  return (
    <>
      <h1>{t('users.title')}</h1>
      {!manage && <p className="hint">{t('users.readOnly')}</p>}
      {manage && <CreateOfficerForm onCreated={(username) => setDone(t('users.created', { username }))} />}
      <p role="status" className="ok">
        {done}
      </p>
      <ErrorBox error={officers.error ?? change.error} />
      {officers.isLoading ? (
        <Loading />
      ) : (
        officers.data && (
          <table className="grid">
            <caption>{t('users.list')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('signIn.username')}</th>
                <th scope="col">{t('users.role')}</th>
                <th scope="col">{t('alert.status')}</th>
                <th scope="col">{t('users.createdAt')}</th>
                <th scope="col">{t('users.lastSeen')}</th>
                {manage && <th scope="col">{t('common.actions')}</th>}
              </tr>
            </thead>
            <tbody>
              {officers.data.officers.map((officer) => {
                const state = stateOf(officer);
                return (
                  <tr key={officer.id} data-username={officer.username}>
                    <th scope="row">{officer.username}</th>
                    <td>{t(`role.${officer.role}` as MessageKey)}</td>
                    <td>
                      <Badge kind={state}>{t(`users.state.${state}` as MessageKey)}</Badge>
                      {state === 'LOCKED' && (
                        <span className="muted">
                          {' '}
                          {t('users.lockedUntil')} <DateTime value={officer.lockedUntil} />
                        </span>
                      )}
                    </td>
                    <td>
                      <DateTime value={officer.createdAt} />{' '}
                      <span className="muted">· {officer.createdBy}</span>
                    </td>
                    <td>
                      <DateTime value={officer.lastSeenAt} />
                    </td>
                    {manage && (
                      <td>
                        <div className="actions">
                          {officer.disabledAt ? (
                            <button
                              type="button"
                              className="secondary"
                              data-action="enable"
                              disabled={change.isPending}
                              aria-label={t('users.enableWho', { username: officer.username })}
                              onClick={() => change.mutate({ officer, action: 'enable' })}
                            >
                              {t('users.enable')}
                            </button>
                          ) : (
                            officer.id !== me?.officer.id && (
                              <button
                                type="button"
                                className="secondary"
                                data-action="disable"
                                disabled={change.isPending}
                                aria-label={t('users.disableWho', { username: officer.username })}
                                onClick={() => change.mutate({ officer, action: 'disable' })}
                              >
                                {t('users.disable')}
                              </button>
                            )
                          )}
                          {(officer.lockedUntil || officer.failedAttempts > 0) && (
                            <button
                              type="button"
                              className="secondary"
                              data-action="unlock"
                              disabled={change.isPending}
                              aria-label={t('users.unlockWho', { username: officer.username })}
                              onClick={() => change.mutate({ officer, action: 'unlock' })}
                            >
                              {t('users.unlock')}
                            </button>
                          )}
                        </div>
                      </td>
                    )}
                  </tr>
                );
              })}
            </tbody>
          </table>
        )
      )}
    </>
  );
}

/** The password stays in memory only (never in sessionStorage); what was typed survives a refusal. */
function CreateOfficerForm({ onCreated }: { onCreated: (username: string) => void }) {
  const { t } = useI18n();
  const client = useQueryClient();
  const [username, setUsername] = useState('');
  const [role, setRole] = useState<Officer['role']>('ANALYST');
  const [password, setPassword] = useState('');
  const create = useMutation({
    mutationFn: () =>
      api<{ officer: Officer }>('POST', '/v1/users', { username: username.trim(), role, password }),
    onSuccess: (result) => {
      onCreated(result.officer.username);
      setUsername('');
      setPassword('');
      return client.invalidateQueries({ queryKey: ['officers'] });
    },
  });
  const errors = fieldErrors(create.error);
  const submit = (event: FormEvent) => {
    event.preventDefault();
    create.mutate();
  };
  return (
    <form className="card form" onSubmit={submit} aria-labelledby="create-officer-title">
      <h2 id="create-officer-title">{t('users.create')}</h2>
      <div className="form-grid">
        <Field label={t('signIn.username')} error={errors.username} hint={t('users.usernameHint')}>
          {(props) => (
            <input
              {...props}
              autoComplete="off"
              value={username}
              onChange={(event) => setUsername(event.target.value)}
            />
          )}
        </Field>
        <Field label={t('users.role')} error={errors.role}>
          {(props) => (
            <select
              {...props}
              value={role}
              onChange={(event) => setRole(event.target.value as Officer['role'])}
            >
              {ROLES.map((value) => (
                <option key={value} value={value}>
                  {t(`role.${value}` as MessageKey)}
                </option>
              ))}
            </select>
          )}
        </Field>
        <Field label={t('users.initialPassword')} error={errors.password} hint={t('users.passwordHint')}>
          {(props) => (
            <input
              {...props}
              type="password"
              autoComplete="new-password"
              value={password}
              onChange={(event) => setPassword(event.target.value)}
            />
          )}
        </Field>
      </div>
      <ErrorBox error={create.error} fields={errors} />
      <button type="submit" className="form-submit" data-action="create-officer" disabled={create.isPending}>
        {t('users.createSubmit')}
      </button>
    </form>
  );
}
