import { useEffect } from 'react';
import { subscribe } from './api/client';
import { ProfilePrompt } from './components/ProfilePrompt';
import { StatusBar } from './components/StatusBar';
import { ToastHost } from './components/ToastHost';
import { WorkspaceMenu } from './components/WorkspaceMenu';
import { useShortcuts } from './hooks/use-shortcuts';
import { ActivityScreen } from './screens/ActivityScreen';
import { JobDetailScreen } from './screens/JobDetailScreen';
import { JobsScreen } from './screens/JobsScreen';
import { NewJobScreen } from './screens/NewJobScreen';
import { SettingsScreen } from './screens/SettingsScreen';
import { SiteDetailScreen } from './screens/SiteDetailScreen';
import { SitesScreen } from './screens/SitesScreen';
import { SyncScreen } from './screens/SyncScreen';
import { TrashScreen } from './screens/TrashScreen';
import { useAppStore } from './store/app-store';
import { sectionOf, useNav, type View } from './store/nav-store';
import { useProfile } from './store/profile-store';
import { followWorkspaceChanges } from './store/workspace-store';

const SECTIONS = [
  { id: 'jobs', label: 'Jobs', view: { screen: 'jobs' } },
  { id: 'sites', label: 'Sites', view: { screen: 'sites' } },
  { id: 'activity', label: 'Activity', view: { screen: 'activity' } },
  { id: 'trash', label: 'Deleted', view: { screen: 'trash' } },
  { id: 'sync', label: 'Sync', view: { screen: 'sync' } },
  { id: 'settings', label: 'Settings', view: { screen: 'settings' } },
] as const satisfies readonly { id: string; label: string; view: View }[];

function Screen({ view }: { view: View }) {
  switch (view.screen) {
    case 'jobs':
      return <JobsScreen />;
    case 'job':
      return <JobDetailScreen key={view.id} id={view.id} />;
    case 'newJob':
      return <NewJobScreen siteId={view.siteId} />;
    case 'sites':
      return <SitesScreen />;
    case 'site':
      return <SiteDetailScreen key={view.id} id={view.id} />;
    case 'settings':
      return <SettingsScreen />;
    case 'sync':
      return <SyncScreen />;
    case 'trash':
      return <TrashScreen />;
    case 'activity':
      return <ActivityScreen />;
  }
}

export function App() {
  const workspace = useAppStore((s) => s.workspace);
  const loadError = useAppStore((s) => s.loadError);
  const init = useAppStore((s) => s.init);
  const profileName = useProfile((s) => s.name);
  const loadProfile = useProfile((s) => s.load);
  const view = useNav((s) => s.view);
  const navigate = useNav((s) => s.navigate);
  useEffect(() => {
    void init();
    void loadProfile();
    const stopFollowing = followWorkspaceChanges();
    const stopData = subscribe('data.changed', () => useNav.getState().dataChanged());
    return () => {
      stopFollowing();
      stopData();
    };
  }, [init, loadProfile]);
  useShortcuts(profileName !== null && profileName !== undefined);
  const section = sectionOf(view);

  return (
    <div className="app">
      <header className="app-header" inert={profileName === null}>
        <h1>Fieldbook</h1>
        <nav aria-label="Main">
          {SECTIONS.map((s) => (
            <button
              key={s.id}
              type="button"
              className={`nav-item${section === s.id ? ' active' : ''}`}
              aria-current={section === s.id ? 'page' : undefined}
              onClick={() => navigate(s.view)}
            >
              {s.label}
            </button>
          ))}
        </nav>
        <span className="header-meta">
          {profileName ? <span className="who">{profileName}</span> : null}
          <WorkspaceMenu />
        </span>
      </header>
      <main className="content" inert={profileName === null}>
        {loadError ? (
          <p role="alert" className="form-error">
            {loadError}
          </p>
        ) : (
          // Keyed by workspace: no screen keeps state from the workspace just left.
          <Screen key={workspace?.id ?? ''} view={view} />
        )}
      </main>
      <ToastHost />
      <StatusBar />
      {profileName === null ? <ProfilePrompt /> : null}
    </div>
  );
}
