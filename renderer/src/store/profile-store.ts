import { create } from 'zustand';
import { call } from '../api/client';

interface ProfileState {
  /** undefined while loading; null when this device has no worker name yet. */
  name: string | null | undefined;
  load(): Promise<void>;
  save(name: string): Promise<void>;
}

export const useProfile = create<ProfileState>((set) => ({
  name: undefined,
  async load() {
    set({ name: (await call('profile.get', {})).name });
  },
  async save(name) {
    set({ name: (await call('profile.set', { name })).name });
  },
}));
