/** Which screen is showing. The app is one window, so plain state beats a URL router. */
import { create } from 'zustand';

export type View =
  | { screen: 'jobs' }
  | { screen: 'job'; id: string }
  | { screen: 'newJob'; siteId?: string }
  | { screen: 'sites' }
  | { screen: 'site'; id: string }
  | { screen: 'trash' }
  | { screen: 'activity' }
  | { screen: 'settings' }
  | { screen: 'sync' };

interface NavState {
  view: View;
  /** Bumped after every write and every `data.changed`, so open screens reload. */
  dataVersion: number;
  navigate(view: View): void;
  dataChanged(): void;
}

export const useNav = create<NavState>((set) => ({
  view: { screen: 'jobs' },
  dataVersion: 0,
  navigate: (view) => set({ view }),
  dataChanged: () => set((s) => ({ dataVersion: s.dataVersion + 1 })),
}));

/** The top-level section a view belongs to, for the navigation bar. */
export function sectionOf(view: View): 'jobs' | 'sites' | 'activity' | 'trash' | 'sync' | 'settings' {
  if (view.screen === 'trash') return 'trash';
  if (view.screen === 'activity') return 'activity';
  if (view.screen === 'site' || view.screen === 'sites') return 'sites';
  if (view.screen === 'sync') return 'sync';
  if (view.screen === 'settings') return 'settings';
  return 'jobs';
}
