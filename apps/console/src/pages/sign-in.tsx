import { useState, type FormEvent } from 'react';
import { Navigate, useLocation, useNavigate } from 'react-router';
import { ApiError } from '../api';
import { useI18n } from '../i18n';
import { LanguageSwitch } from '../layout';
import { useSession } from '../session';
import { Field } from '../ui';

export function SignInPage() {
  const { t } = useI18n();
  const { me, signIn, signedOutBecause } = useSession();
  const navigate = useNavigate();
  const location = useLocation();
  const [username, setUsername] = useState('');
  const [password, setPassword] = useState('');
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<string | null>(null);
  const from = (location.state as { from?: string } | null)?.from ?? '/';

  if (me) return <Navigate to={from} replace />;

  async function submit(event: FormEvent) {
    event.preventDefault();
    setBusy(true);
    setProblem(null);
    try {
      await signIn(username.trim(), password);
      navigate(from, { replace: true });
    } catch (error) {
      // the API refuses every failure alike (no hint whether the account exists or is locked)
      if (error instanceof ApiError && error.status === 401) setProblem(t('signIn.refused'));
      else if (error instanceof ApiError && error.status === 429) setProblem(t('signIn.throttled'));
      else if (error instanceof ApiError && error.status === 400) setProblem(t('signIn.incomplete'));
      else setProblem(t('error.network'));
      setPassword('');
    } finally {
      setBusy(false);
    }
  }

  return (
    <div className="signin-page">
      <header className="topbar">
        <span className="brand">{t('app.title')}</span>
        <div className="topbar-right">
          <LanguageSwitch />
        </div>
      </header>
      <main id="main" className="signin">
        <h1>{t('signIn.title')}</h1>
        {signedOutBecause === 'expired' && (
          <p className="notice" role="status">
            {t('signIn.expired')}
          </p>
        )}
        {signedOutBecause === 'signed-out' && (
          <p className="notice" role="status">
            {t('signIn.signedOut')}
          </p>
        )}
        <form onSubmit={(event) => void submit(event)} noValidate>
          <Field label={t('signIn.username')}>
            {(props) => (
              <input
                {...props}
                name="username"
                autoComplete="username"
                required
                value={username}
                onChange={(event) => setUsername(event.target.value)}
              />
            )}
          </Field>
          <Field label={t('signIn.password')}>
            {(props) => (
              <input
                {...props}
                name="password"
                type="password"
                autoComplete="current-password"
                required
                value={password}
                onChange={(event) => setPassword(event.target.value)}
              />
            )}
          </Field>
          {problem && (
            <div className="error" role="alert">
              <p>{problem}</p>
            </div>
          )}
          <button type="submit" disabled={busy || !username || !password}>
            {busy ? t('signIn.busy') : t('signIn.submit')}
          </button>
        </form>
        <p className="hint">{t('signIn.lockoutRule')}</p>
      </main>
    </div>
  );
}
