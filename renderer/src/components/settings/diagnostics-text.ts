// Imported by node-side tests too, hence the explicit .js extension.
import type { DiagnosticsReport } from '../../../../shared/domain/diagnostics.js';

/** The clipboard text: a readable summary for the person filing the ticket, then the full report for support. */
export function formatDiagnostics(report: DiagnosticsReport): string {
  const { app, engine, sync, storage } = report;
  const summary = [
    `Fieldbook ${app.version} on ${app.platform} ${app.arch}` +
      (app.electron ? ` (Electron ${app.electron}, Chrome ${app.chrome ?? '?'}, Node ${app.node})` : ` (Node ${app.node})`),
    `Database schema ${engine.schemaVersion} of ${engine.latestSchemaVersion}; engine ${Object.entries(engine.packages)
      .map(([name, version]) => `${name} ${version}`)
      .join(', ')}`,
    `Sync: ${sync.state}, ${sync.pendingChanges} change(s) not yet synced; last push ${sync.lastPushAt ?? 'never'}, last pull ${sync.lastPullAt ?? 'never'}`,
    `Clock: ${sync.clockOffsetMs === null ? 'offset from the primary not measured yet' : `primary minus laptop ${sync.clockOffsetMs} ms`}`,
    `Token storage: ${storage.backend}${storage.secureStorage ? '' : ' (not encrypted by the OS)'}`,
    `Data folder: ${storage.dataFolder} (database not encrypted; relies on full-disk encryption)`,
    `Recent problems: ${report.recentProblems.length}`,
  ];
  return `${summary.join('\n')}\n\n${JSON.stringify(report, null, 2)}\n`;
}
