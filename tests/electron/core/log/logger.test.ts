import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { fileSink } from '../../../../electron/core/log/file-sink.js';
import { createLogger, type LogEntry } from '../../../../electron/core/log/logger.js';
import { tempDir } from '../../../helpers/temp-dir.js';

const TOKEN = 'eyJhbGciOiJFZERTQSJ9.eyJpZCI6ImZpZWxkYm9vayJ9.c2VjcmV0c2lnbmF0dXJl';

describe('createLogger', () => {
  it('redacts before any sink sees the entry', () => {
    const seen: LogEntry[] = [];
    const logger = createLogger({ sinks: [{ write: (e) => seen.push(e) }] });
    logger.info(`connecting with ${TOKEN}`, { authToken: TOKEN, jobId: 'j1' });
    logger.error('push failed', new Error(`401 for Bearer ${TOKEN}`));
    expect(JSON.stringify(seen)).not.toContain(TOKEN);
    expect(seen[0]!.detail).toContain('"jobId":"j1"');
    expect(seen[1]!.detail).toMatch(/^Error: 401 for Bearer \[redacted\]/);
  });

  it('keeps only the latest warnings and errors in memory, without stacks', () => {
    const logger = createLogger({ keep: 3 });
    logger.info('not kept');
    for (let i = 1; i <= 5; i++) logger.warn(`problem ${i}`);
    logger.error('boom', new Error('bad'));
    const recent = logger.recentProblems();
    expect(recent.map((e) => e.message)).toEqual(['problem 4', 'problem 5', 'boom']);
    expect(recent[2]!.detail).toBe('Error: bad');
  });

  it('masks protected values that no pattern would recognise', () => {
    const logger = createLogger();
    logger.protect('opaque-secret-42');
    logger.protect('short');
    logger.error('server said opaque-secret-42 is wrong', new Error('echo opaque-secret-42'));
    logger.warn('a short word stays');
    expect(logger.recentProblems()).toEqual([
      expect.objectContaining({ message: 'server said [redacted] is wrong', detail: 'Error: echo [redacted]' }),
      expect.objectContaining({ message: 'a short word stays' }),
    ]);
  });

  it('keeps working when a sink throws (e.g. disk full)', () => {
    const logger = createLogger({ sinks: [{ write: () => { throw new Error('ENOSPC'); } }] });
    expect(() => logger.error('still here')).not.toThrow();
    expect(logger.recentProblems()).toHaveLength(1);
  });
});

describe('fileSink', () => {
  it('writes redacted lines to the file and rotates it past maxSize', () => {
    const dir = tempDir('fieldbook-logs-');
    const file = path.join(dir, 'main.log');
    const logger = createLogger({ sinks: [fileSink(file, 2_000)] });
    logger.error('sync failed', new Error(`401 with token=${TOKEN}`));
    const first = fs.readFileSync(file, 'utf8');
    expect(first).toContain('[error] sync failed Error: 401 with token=[redacted]');
    expect(first).not.toContain(TOKEN);
    for (let i = 0; i < 100; i++) logger.info(`line ${i} ${'x'.repeat(50)}`);
    expect(fs.statSync(file).size).toBeLessThanOrEqual(2_000 + 200);
    expect(fs.existsSync(path.join(dir, 'main.old.log'))).toBe(true);
  });
});
