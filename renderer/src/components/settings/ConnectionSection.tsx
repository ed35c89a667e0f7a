import { useEffect, useState, type FormEvent } from 'react';
import type { ConnectionTestResult, ReplicaInfo } from '../../../../shared/domain/sync';
import type { ConnectionSettings } from '../../../../shared/domain/workspace';
import { ApiError, call, errorText } from '../../api/client';
import { ReplicaTable } from '../ReplicaTable';
import { savedTokenStaysBehind, urlMessage } from './connection-form';
import { FormMessageLine, type FormMessage } from '../FormMessageLine';
import { PlainTextQuestion } from './PlainTextQuestion';
import '../sync-ui.css';

/**
 * Settings → Connection: the primary's URL and auth token. The token goes to
 * main once and is never shown again (main only says whether one is stored).
 * Main sends the saved token only to the server it was saved for, so a URL on
 * another server needs its token typed here, for testing and for saving.
 */
export function ConnectionSection() {
  const [saved, setSaved] = useState<ConnectionSettings | null>(null);
  const [url, setUrl] = useState('');
  const [token, setToken] = useState('');
  const [message, setMessage] = useState<FormMessage | null>(null);
  const [busy, setBusy] = useState(false);
  const [replicas, setReplicas] = useState<ReplicaInfo[]>([]);
  /** Main refused to store the token without real encryption until the worker says yes. */
  const [confirmPlainText, setConfirmPlainText] = useState(false);

  useEffect(() => {
    void (async () => {
      try {
        const connection = await call('settings.getConnection', {});
        setSaved(connection);
        // Keep what the worker may already have typed while this was loading.
        setUrl((typed) => (typed === '' ? (connection.url ?? '') : typed));
        setReplicas(await call('sync.replicas', {}));
      } catch (e) {
        setMessage({ text: errorText(e), ok: false });
      }
    })();
  }, []);

  const run = async (action: () => Promise<void>) => {
    setBusy(true);
    setMessage(null);
    try {
      await action();
    } catch (e) {
      setMessage({ text: errorText(e), ok: false });
    } finally {
      setBusy(false);
    }
  };

  const tokenStaysBehind = savedTokenStaysBehind(saved, url, token);

  /** Main would refuse the URL: say why in the form's words, before any call. */
  const refuseBadUrl = (): boolean => {
    const problem = urlMessage(url);
    if (problem) setMessage({ text: problem, ok: false });
    return problem !== null;
  };

  const saveConnection = (allowPlainTextToken: boolean) =>
    run(async () => {
      if (refuseBadUrl()) return;
      const hadToken = saved?.hasToken === true;
      try {
        const next = await call('settings.setConnection', {
          url: url.trim() === '' ? null : url.trim(),
          ...(token ? { authToken: token } : {}),
          ...(allowPlainTextToken ? { allowPlainTextToken: true } : {}),
        });
        setSaved(next);
        setToken('');
        setConfirmPlainText(false);
        const dropped = hadToken && !next.hasToken && !token;
        setMessage({
          text: dropped
            ? 'Connection saved. The saved token belonged to the previous server, so it was removed: paste the token for this one.'
            : 'Connection saved. Sync will use it from now on.',
          ok: true,
        });
      } catch (e) {
        if (e instanceof ApiError && e.code === 'TOKEN_STORAGE_INSECURE') {
          setConfirmPlainText(true);
          return;
        }
        throw e;
      }
    });

  const save = (event: FormEvent) => {
    event.preventDefault();
    void saveConnection(false);
  };

  const test = () =>
    run(async () => {
      if (refuseBadUrl()) return;
      // The typed token goes with the typed URL; without one, main tests another server without a token.
      const result: ConnectionTestResult = await call('settings.testConnection', {
        ...(url.trim() ? { url: url.trim() } : {}),
        ...(token ? { authToken: token } : {}),
      });
      setMessage({ text: result.message, ok: result.ok });
    });

  const removeToken = () =>
    run(async () => {
      setSaved(await call('settings.setConnection', { url: saved?.url ?? null, authToken: null }));
      setMessage({ text: 'The stored token was removed.', ok: true });
    });

  return (
    <section className="card connection-section stacked-form" aria-labelledby="connection-heading">
      <h3 id="connection-heading">Connection</h3>
      {saved?.localOnly ? (
        <p className="sync-detail" role="note">
          This is the Demo workspace: its sample data stays on this laptop and never syncs, so it has no connection. To
          sync with your team, create a workspace under Workspaces and set its connection here.
        </p>
      ) : (
        <p className="hint">The connection of the open workspace; each workspace has its own database and token.</p>
      )}
      <form onSubmit={save} hidden={saved?.localOnly === true}>
        <label>
          Primary URL
          <input
            type="url"
            value={url}
            onChange={(e) => setUrl(e.target.value)}
            placeholder="libsql://your-db.turso.io"
            autoComplete="off"
            spellCheck={false}
          />
        </label>
        <label>
          Auth token
          <input
            type="password"
            value={token}
            onChange={(e) => setToken(e.target.value)}
            placeholder={saved?.hasToken ? 'A token is stored (type to replace it)' : 'Paste the database token'}
            autoComplete="off"
          />
        </label>
        {tokenStaysBehind ? (
          <p className="sync-detail" role="note">
            The saved token is sent only to {saved?.url ?? 'the server it was saved for'}. Type the token for this address
            to test it; saving this address without one removes the saved token.
          </p>
        ) : null}
        {saved && !saved.secureStorage ? (
          <p className="insecure-storage" role="note">
            This computer offers no secure store for secrets, so the token is saved on disk without real encryption.
            Anyone with access to this user account could read it.
          </p>
        ) : null}
        {confirmPlainText ? (
          <PlainTextQuestion
            id="plain-text-question"
            question="This computer has no secure store for secrets. Save the token in plain text on this laptop anyway?"
            confirmLabel="Save token in plain text"
            cancelLabel="Don't save the token"
            busy={busy}
            onConfirm={() => void saveConnection(true)}
            onCancel={() => setConfirmPlainText(false)}
          />
        ) : null}
        <div className="sync-actions">
          <button type="submit" disabled={busy}>
            Save connection
          </button>
          <button type="button" onClick={() => void test()} disabled={busy}>
            Test connection
          </button>
          {saved?.hasToken ? (
            <button type="button" onClick={() => void removeToken()} disabled={busy}>
              Remove token
            </button>
          ) : null}
        </div>
      </form>
      <FormMessageLine message={message} />
      <ReplicaTable replicas={replicas} />
    </section>
  );
}
