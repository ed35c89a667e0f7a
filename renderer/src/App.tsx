import { useEffect } from 'react';
import { JobList } from './components/JobList';
import { StatusBar } from './components/StatusBar';
import { useAppStore } from './store/app-store';

export function App() {
  const workspace = useAppStore((s) => s.workspace);
  const loadError = useAppStore((s) => s.loadError);
  const init = useAppStore((s) => s.init);
  useEffect(() => {
    void init();
  }, [init]);

  return (
    <div className="app">
      <header className="app-header">
        <h1>Fieldbook</h1>
        <span className="workspace-name">{workspace?.name ?? ''}</span>
      </header>
      <main className="content">
        {loadError ? (
          <p role="alert" className="form-error">
            {loadError}
          </p>
        ) : (
          <JobList />
        )}
      </main>
      <StatusBar />
    </div>
  );
}
