import path from 'node:path';
import { ESLint } from 'eslint';
import { describe, expect, it } from 'vitest';

const root = path.resolve(import.meta.dirname, '..', '..');
const eslint = new ESLint({ cwd: root });

async function restrictedImports(file: string, code: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath: path.join(root, file) });
  return result!.messages.filter((m) => m.ruleId === 'no-restricted-imports').map((m) => m.message);
}

describe('layer lint rules', () => {
  const forbiddenInPureLayers = [
    "import { ipcRenderer } from 'electron';",
    "import fs from 'node:fs';",
    "import fs from 'fs';",
    "import { exec } from 'child_process';",
    "import { bindIpc } from '../../electron/main/ipc-binding.js';",
  ];

  it('forbids electron and Node modules in renderer/', async () => {
    for (const code of forbiddenInPureLayers) {
      expect(await restrictedImports('renderer/src/components/Probe.tsx', `${code}\nexport const x = 1;\n`), code).toHaveLength(1);
    }
  });

  it('forbids electron and Node modules in shared/', async () => {
    for (const code of forbiddenInPureLayers) {
      expect(await restrictedImports('shared/probe.ts', `${code}\nexport const x = 1;\n`), code).toHaveLength(1);
    }
  });

  it('forbids electron in electron/core but allows Node there', async () => {
    expect(await restrictedImports('electron/core/probe.ts', "import { app } from 'electron';\nexport const x = app;\n")).toHaveLength(1);
    expect(await restrictedImports('electron/core/probe.ts', "import fs from 'node:fs';\nexport const x = fs;\n")).toEqual([]);
  });

  it('lets pure layers import what they may', async () => {
    expect(await restrictedImports('renderer/src/components/Probe.tsx', "import { useState } from 'react';\nexport const x = useState;\n")).toEqual([]);
    expect(await restrictedImports('shared/probe.ts', "import { z } from 'zod';\nexport const x = z;\n")).toEqual([]);
  });
});
