/**
 * Test harness (built only by tests/e2e): mounts one sync component, chosen by
 * `?view=`, against the real core over the browser host, so the components can
 * be driven in Chromium before the lead mounts them in the app's screens.
 */
import { StrictMode, useEffect } from 'react';
import { createRoot } from 'react-dom/client';
import { HistoryPanel } from '../components/history/HistoryPanel';
import { ConnectionSection } from '../components/settings/ConnectionSection';
import { StatusBar } from '../components/StatusBar';
import { SyncScreen } from '../screens/SyncScreen';
import { useAppStore } from '../store/app-store';
import '../styles.css';

function Harness() {
  const init = useAppStore((s) => s.init);
  useEffect(() => {
    void init();
  }, [init]);
  const params = new URLSearchParams(location.search);
  const view = params.get('view');
  return (
    <main>
      {view === 'sync' ? <SyncScreen /> : null}
      {view === 'connection' ? <ConnectionSection /> : null}
      {view === 'history' ? <HistoryPanel entity={params.get('entity') ?? ''} entityId={params.get('id') ?? ''} /> : null}
      <StatusBar />
    </main>
  );
}

const root = document.getElementById('root');
if (!root) throw new Error('sync-harness.html has no #root');
createRoot(root).render(
  <StrictMode>
    <Harness />
  </StrictMode>,
);
