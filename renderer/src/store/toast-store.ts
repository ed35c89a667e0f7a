/** One short message at a time at the bottom of the window, optionally with an action such as Undo. */
import { create } from 'zustand';

export interface ToastAction {
  label: string;
  /** Also offered as Ctrl+Z while the toast shows (for Undo). */
  undo?: boolean;
  run: () => Promise<void>;
}

export interface Toast {
  id: number;
  message: string;
  action?: ToastAction;
}

/** Long enough to read, notice and reach with the keyboard; paused while pointed at or focused. */
export const TOAST_MS = 10_000;

interface ToastState {
  toast: Toast | null;
  show(message: string, action?: ToastAction): void;
  dismiss(id?: number): void;
}

let nextId = 1;

export const useToast = create<ToastState>((set, get) => ({
  toast: null,
  show: (message, action) => set({ toast: { id: nextId++, message, action } }),
  dismiss: (id) => {
    if (id === undefined || get().toast?.id === id) set({ toast: null });
  },
}));
