import type { ReactNode } from 'react';

/** A failure the worker must notice, announced at once by screen readers; renders nothing without one. */
export function FormError({ children }: { children: ReactNode }) {
  if (children === null || children === undefined || children === '' || children === false) return null;
  return (
    <p role="alert" className="form-error">
      {children}
    </p>
  );
}
