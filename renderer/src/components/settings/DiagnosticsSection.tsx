import { useEffect, useState } from 'react';
import { call } from '../../api/client';
import { formatDiagnostics } from './diagnostics-text';

type CopyState = { kind: 'idle' } | { kind: 'busy' } | { kind: 'copied' } | { kind: 'failed'; message: string };

/** Settings › Support: copies versions, sync state and recent errors (never the token) for a support ticket. */
export function DiagnosticsSection() {
  const [state, setState] = useState<CopyState>({ kind: 'idle' });
  const [dataFolder, setDataFolder] = useState<string | null>(null);

  useEffect(() => {
    let live = true;
    call('diagnostics.collect', {})
      .then((report) => live && setDataFolder(report.storage.dataFolder))
      .catch(() => undefined); // the copy button reports failures; this line is only informative
    return () => {
      live = false;
    };
  }, []);

  const copy = async () => {
    setState({ kind: 'busy' });
    try {
      const report = await call('diagnostics.collect', {});
      await navigator.clipboard.writeText(formatDiagnostics(report));
      setState({ kind: 'copied' });
    } catch (error) {
      setState({ kind: 'failed', message: error instanceof Error ? error.message : String(error) });
    }
  };

  return (
    <section className="card" aria-labelledby="diagnostics-heading">
      <h3 id="diagnostics-heading">Diagnostics</h3>
      <p className="hint">
        Copies the app version, sync state and recent errors, to paste into a support request. It contains no token and no
        job details.
      </p>
      {dataFolder ? (
        <p className="hint" data-testid="data-folder">
          Data folder: <code>{dataFolder}</code>. The database in it is not encrypted by Fieldbook; the laptop&apos;s
          full-disk encryption protects it.
        </p>
      ) : null}
      <button type="button" onClick={() => void copy()} disabled={state.kind === 'busy'}>
        Copy diagnostics
      </button>
      {state.kind === 'copied' ? (
        <p role="status" className="form-ok">
          Diagnostics copied to the clipboard.
        </p>
      ) : null}
      {state.kind === 'failed' ? (
        <p role="alert" className="form-error">
          Could not copy diagnostics: {state.message}
        </p>
      ) : null}
    </section>
  );
}
