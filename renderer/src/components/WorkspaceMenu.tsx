import { useEffect, useRef, useState, type FormEvent } from 'react';
import { MAX_WORKSPACE_NAME } from '../../../shared/contract/workspace';
import type { WorkspaceSummary } from '../../../shared/domain/workspace';
import { call, errorText } from '../api/client';
import { flushAllDrafts } from '../forms/draft-cache';
import { useAppStore } from '../store/app-store';
import { useWorkspaces } from '../store/workspace-store';
import { FormMessageLine, type FormMessage } from './FormMessageLine';
import './workspaces.css';

/**
 * The header control: names the open workspace and opens the list, where a
 * worker switches (no restart), creates, renames, exports, restores and
 * removes workspaces. Main refuses what would lose edits, in plain words.
 */
export function WorkspaceMenu() {
  const workspace = useAppStore((s) => s.workspace);
  const list = useWorkspaces((s) => s.list);
  const load = useWorkspaces((s) => s.load);
  const listError = useWorkspaces((s) => s.error);
  const [open, setOpen] = useState(false);
  const [creating, setCreating] = useState(false);
  const [renaming, setRenaming] = useState<string | null>(null);
  const [message, setMessage] = useState<FormMessage | null>(null);
  const [busy, setBusy] = useState(false);
  const [backups, setBackups] = useState<{ file: string; bytes: number }[]>([]);
  const panel = useRef<HTMLDivElement>(null);

  useEffect(() => {
    if (open) void load();
  }, [open, load]);

  useEffect(() => {
    if (!open) return;
    const onKey = (e: KeyboardEvent) => {
      if (e.key === 'Escape') setOpen(false);
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [open]);

  const run = async (action: () => Promise<string | null>) => {
    setBusy(true);
    setMessage(null);
    try {
      const text = await action();
      if (text) setMessage({ text, ok: true });
      await load();
    } catch (error) {
      setMessage({ text: errorText(error), ok: false });
    } finally {
      setBusy(false);
    }
  };

  const switchTo = (w: WorkspaceSummary) =>
    run(async () => {
      if (w.current) return null;
      // Unsaved text goes to the workspace it was typed in, before another one opens.
      flushAllDrafts();
      await call('workspace.switch', { id: w.id });
      setOpen(false);
      return null;
    });

  const showBackups = () =>
    run(async () => {
      const found = await call('workspace.backups', {});
      setBackups(found);
      return found.length === 0 ? 'No backups in the backups folder yet. Export a workspace first, or copy a backup file there.' : null;
    });

  return (
    <div className="workspace-menu">
      <span className="workspace-name">{workspace?.name ?? ''}</span>
      <button type="button" className="workspace-button" aria-expanded={open} aria-controls="workspace-panel" onClick={() => setOpen(!open)}>
        Workspaces
      </button>
      {open ? (
        <div id="workspace-panel" className="workspace-panel" role="region" aria-label="Workspaces on this laptop" ref={panel}>
          <ul className="workspace-list" aria-label="Workspaces">
            {list.map((w) => (
              <li key={w.id} aria-label={w.name} aria-current={w.current ? 'true' : undefined}>
                {renaming === w.id ? (
                  <NameForm
                    label={`New name for ${w.name}`}
                    initial={w.name}
                    submitLabel="Save name"
                    busy={busy}
                    onCancel={() => setRenaming(null)}
                    onSubmit={(name) =>
                      run(async () => {
                        await call('workspace.rename', { id: w.id, name });
                        setRenaming(null);
                        return null;
                      })
                    }
                  />
                ) : (
                  <>
                    <button type="button" className="workspace-open" disabled={busy} onClick={() => void switchTo(w)}>
                      {w.name}
                    </button>
                    <span className="workspace-detail">{describe(w)}</span>
                    <span className="workspace-actions">
                      <button type="button" aria-label={`Rename ${w.name}`} disabled={busy} onClick={() => setRenaming(w.id)}>
                        Rename
                      </button>
                      <button
                        type="button"
                        aria-label={`Export ${w.name}`}
                        disabled={busy}
                        onClick={() =>
                          void run(async () => {
                            const result = await call('workspace.export', { id: w.id });
                            return `Saved a backup of “${w.name}” to ${result.file}.`;
                          })
                        }
                      >
                        Export
                      </button>
                      {w.current ? null : (
                        <button
                          type="button"
                          aria-label={`Remove ${w.name}`}
                          disabled={busy}
                          onClick={() =>
                            void run(async () => {
                              await call('workspace.remove', { id: w.id });
                              return `“${w.name}” was removed from this laptop.`;
                            })
                          }
                        >
                          Remove
                        </button>
                      )}
                    </span>
                  </>
                )}
              </li>
            ))}
          </ul>
          {creating ? (
            <NameForm
              label="Workspace name"
              initial=""
              hint="A new workspace starts empty and stays on this laptop until you set its connection in Settings."
              submitLabel="Create workspace"
              busy={busy}
              onCancel={() => setCreating(false)}
              onSubmit={(name) =>
                run(async () => {
                  flushAllDrafts();
                  await call('workspace.create', { name });
                  setCreating(false);
                  setOpen(false);
                  return null;
                })
              }
            />
          ) : (
            <div className="workspace-footer">
              <button type="button" className="primary" disabled={busy} onClick={() => setCreating(true)}>
                New workspace
              </button>
              <button type="button" disabled={busy} onClick={() => void showBackups()}>
                Restore a backup
              </button>
            </div>
          )}
          {backups.length > 0 ? (
            <ul className="workspace-backups" aria-label="Backups">
              {backups.map((b) => (
                <li key={b.file}>
                  <span>{b.file}</span>
                  <button
                    type="button"
                    aria-label={`Restore ${b.file}`}
                    disabled={busy}
                    onClick={() =>
                      void run(async () => {
                        const restored = await call('workspace.import', { file: b.file });
                        setBackups([]);
                        return `Restored as “${restored.name}”, on this laptop only until you set its connection in Settings.`;
                      })
                    }
                  >
                    Restore
                  </button>
                </li>
              ))}
            </ul>
          ) : null}
          <FormMessageLine message={message ?? (listError ? { text: listError, ok: false } : null)} />
        </div>
      ) : null}
    </div>
  );
}

function describe(w: WorkspaceSummary): string {
  const where = w.kind === 'demo' ? 'Sample data, never syncs' : w.url ? w.url : 'On this laptop only';
  const waiting = w.pending ? ` · ${w.pending} change${w.pending === 1 ? '' : 's'} waiting` : '';
  return `${where}${waiting}`;
}

function NameField({ label, value, onChange }: { label: string; value: string; onChange: (v: string) => void }) {
  const near = value.length >= MAX_WORKSPACE_NAME * 0.8;
  return (
    <label>
      {label}
      <input value={value} onChange={(e) => onChange(e.target.value)} maxLength={MAX_WORKSPACE_NAME} autoFocus required />
      {near ? <span className="hint">{`${value.length} / ${MAX_WORKSPACE_NAME}`}</span> : null}
    </label>
  );
}

interface NameFormProps {
  label: string;
  initial: string;
  /** A line under the field saying what submitting does; none when the button says it all. */
  hint?: string;
  submitLabel: string;
  busy: boolean;
  onSubmit: (name: string) => void;
  onCancel: () => void;
}

/** One name and a submit button: creating a workspace and renaming one are this form with other words. */
function NameForm({ label, initial, hint, submitLabel, busy, onSubmit, onCancel }: NameFormProps) {
  const [name, setName] = useState(initial);
  const submit = (e: FormEvent) => {
    e.preventDefault();
    onSubmit(name);
  };
  return (
    <form className="workspace-form" onSubmit={submit}>
      <NameField label={label} value={name} onChange={setName} />
      {hint ? <p className="hint">{hint}</p> : null}
      <div className="actions">
        <button type="submit" className="primary" disabled={busy}>
          {submitLabel}
        </button>
        <button type="button" onClick={onCancel} disabled={busy}>
          Cancel
        </button>
      </div>
    </form>
  );
}
