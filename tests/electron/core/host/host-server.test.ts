import http from 'node:http';
import { describe, expect, it } from 'vitest';
import { startHostServer } from '../../../../electron/core/host/host-server.js';
import { freePort } from '../../../../electron/core/primary/local-primary.js';
import { startTestCore } from '../../../helpers/core.js';
import { tempDir } from '../../../helpers/temp-dir.js';

describe('browser host server', () => {
  it('answers a busy port with a rejected promise, not a crash', async () => {
    const core = await startTestCore();
    const port = await freePort();
    const blocker = http.createServer();
    await new Promise<void>((resolve) => blocker.listen(port, '127.0.0.1', resolve));
    try {
      await expect(startHostServer(core, tempDir(), port)).rejects.toMatchObject({ code: 'EADDRINUSE' });
    } finally {
      await new Promise((resolve) => blocker.close(resolve));
    }
  });
});
