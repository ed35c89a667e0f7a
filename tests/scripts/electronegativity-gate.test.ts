import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { gate, isJustifiedAt, parseFindingsCsv, splitCsvLine } from '../../scripts/lib/electronegativity-findings.js';
import { runElectronegativity } from '../../scripts/lib/run-electronegativity.js';
import { tempDir } from '../helpers/temp-dir.js';

// Lines as electronegativity 1.10 writes them.
const CSV = `issue, severity, confidence, filename, location, sample, description, url
CSP_GLOBAL_CHECK,"MEDIUM","CERTAIN","N/A","0:0",N/A,"No CSP has been detected in the target application",https://github.com/doyensec/electronegativity/wiki/CSP_GLOBAL_CHECK
CONTEXT_ISOLATION_JS_CHECK,"HIGH","FIRM","main/main.ts","3:17","const w = new BrowserWindow(opts);","Review the use of the contextIsolation option",https://x
PRELOAD_JS_CHECK,"MEDIUM","FIRM","main/window.ts","4:6","preload: p,","Review the use of preload scripts",https://x
BLINK_FEATURES_JS_CHECK,"LOW","CERTAIN","main/window.ts","5:6","enableBlinkFeatures: '',","Do not use Chromium's experimental features",https://x
`;

describe('electronegativity report parsing', () => {
  it('splits quoted CSV cells, commas and doubled quotes included', () => {
    expect(splitCsvLine('A,"b, c","say ""hi""",d')).toEqual(['A', 'b, c', 'say "hi"', 'd']);
  });

  it('reads check, severity, file and line', () => {
    const findings = parseFindingsCsv(CSV);
    expect(findings.map((f) => [f.check, f.severity, f.file, f.line])).toEqual([
      ['CSP_GLOBAL_CHECK', 'MEDIUM', null, 0],
      ['CONTEXT_ISOLATION_JS_CHECK', 'HIGH', 'main/main.ts', 3],
      ['PRELOAD_JS_CHECK', 'MEDIUM', 'main/window.ts', 4],
      ['BLINK_FEATURES_JS_CHECK', 'LOW', 'main/window.ts', 5],
    ]);
  });

  it('refuses something that is not its report', () => {
    expect(() => parseFindingsCsv('<html>oops</html>')).toThrow(/not an electronegativity CSV report/);
  });
});

describe('inline justifications', () => {
  const source = [
    'const a = 1;',
    '  // electronegativity-justified PRELOAD_JS_CHECK: the preload exposes one frozen object.',
    '  // more words about it',
    '  preload: p,',
    "  enableBlinkFeatures: '', // electronegativity-justified OTHER_CHECK: not this one",
  ].join('\n');

  it('accepts a justification in the comment block right above or on the line', () => {
    expect(isJustifiedAt(source, 4, 'PRELOAD_JS_CHECK')).toBe(true);
    expect(isJustifiedAt(source, 5, 'OTHER_CHECK')).toBe(true);
  });

  it('needs the same check id, a reason, and adjacency', () => {
    expect(isJustifiedAt(source, 4, 'SANDBOX_JS_CHECK')).toBe(false);
    expect(isJustifiedAt(source, 5, 'PRELOAD_JS_CHECK')).toBe(false);
    expect(isJustifiedAt('// electronegativity-justified PRELOAD_JS_CHECK:\npreload: p', 2, 'PRELOAD_JS_CHECK')).toBe(false);
    expect(isJustifiedAt('// electronegativity-justified PRELOAD_JS_CHECK: reason here\nconst x = 1;\npreload: p', 3, 'PRELOAD_JS_CHECK')).toBe(false);
  });

  it('blocks unjustified MEDIUM and above, lets LOW and justified ones pass', () => {
    const files: Record<string, string> = {
      'main/main.ts': '\n\nconst w = new BrowserWindow(opts);',
      'main/window.ts': '\n\n// electronegativity-justified PRELOAD_JS_CHECK: reviewed, exposes one frozen object\npreload: p,\n',
    };
    const result = gate(parseFindingsCsv(CSV), (f) => files[f]!, () => Object.values(files));
    expect(result.blocking.map((f) => f.check)).toEqual(['CSP_GLOBAL_CHECK', 'CONTEXT_ISOLATION_JS_CHECK']);
    expect(result.justified.map((f) => f.check)).toEqual(['PRELOAD_JS_CHECK']);
    expect(result.ignored.map((f) => f.check)).toEqual(['BLINK_FEATURES_JS_CHECK']);
    const withGlobal = gate(parseFindingsCsv(CSV), (f) => files[f]!, () => [
      ...Object.values(files),
      '// electronegativity-justified CSP_GLOBAL_CHECK: the CSP is a response header of the app protocol',
    ]);
    expect(withGlobal.blocking.map((f) => f.check)).toEqual(['CONTEXT_ISOLATION_JS_CHECK']);
  });
});

describe('electronegativity itself', () => {
  it('flags an insecure window in a real scan, which the gate then blocks', () => {
    const root = tempDir('fieldbook-en-fixture-');
    fs.mkdirSync(path.join(root, 'main'));
    const file = path.join(root, 'main', 'main.js');
    fs.writeFileSync(
      file,
      [
        "const { BrowserWindow } = require('electron');",
        'const win = new BrowserWindow({ webPreferences: { nodeIntegration: true, contextIsolation: false, sandbox: false } });',
        "win.loadURL('http://example.com');",
      ].join('\n'),
    );
    const findings = runElectronegativity(root);
    const result = gate(findings, (f) => fs.readFileSync(path.join(root, f), 'utf8'), () => [fs.readFileSync(file, 'utf8')]);
    const blocking = result.blocking.map((f) => f.check);
    for (const check of ['CONTEXT_ISOLATION_JS_CHECK', 'SANDBOX_JS_CHECK', 'HTTP_RESOURCES_JS_CHECK', 'PERMISSION_REQUEST_HANDLER_GLOBAL_CHECK']) {
      expect(blocking).toContain(check);
    }
  });
});
