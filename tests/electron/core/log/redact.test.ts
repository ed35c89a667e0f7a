import os from 'node:os';
import { describe, expect, it } from 'vitest';
import { PERSONAL, REDACTED, redactText, redactValue } from '../../../../electron/core/log/redact.js';

const JWT = 'eyJhbGciOiJFZERTQSIsInR5cCI6IkpXVCJ9.eyJhIjoicnciLCJpYXQiOjE3MDB9.c2lnbmF0dXJlLWJ5dGVz';

describe('redactText', () => {
  it('removes JWTs wherever they appear', () => {
    expect(redactText(`token was ${JWT} ok`)).toBe(`token was ${REDACTED} ok`);
  });

  it('removes bearer and basic authorization headers', () => {
    expect(redactText('Authorization: Bearer abc.def-ghi')).not.toContain('abc.def');
    expect(redactText('sent "authorization":"Basic dXNlcjpwYXNz"')).not.toContain('dXNlcjpwYXNz');
    expect(redactText('bearer s3cr3t')).toBe(`bearer ${REDACTED}`);
  });

  it('removes credentials from URLs and secret query parameters', () => {
    expect(redactText('fetch https://alice:hunter2@db.example.turso.io/v2')).toBe(`fetch https://${REDACTED}@db.example.turso.io/v2`);
    expect(redactText('libsql://db.example.io?authToken=abc123&tls=1')).toBe(`libsql://db.example.io?authToken=${REDACTED}&tls=1`);
    expect(redactText('wss://h/x?token=zzz')).not.toContain('zzz');
  });

  it('removes key: value secrets in text', () => {
    expect(redactText('{"authToken": "abc123"}')).not.toContain('abc123');
    expect(redactText('password=hunter2 next')).toBe(`password=${REDACTED} next`);
  });

  it('replaces the home directory, which names the user', () => {
    expect(redactText(`${os.homedir()}/Fieldbook/fieldbook.db`)).toBe('~/Fieldbook/fieldbook.db');
  });

  it('leaves ordinary messages alone', () => {
    expect(redactText('push failed: fetch failed (ECONNREFUSED 127.0.0.1:8080), 3 pending')).toBe(
      'push failed: fetch failed (ECONNREFUSED 127.0.0.1:8080), 3 pending',
    );
  });
});

describe('redactValue', () => {
  it('masks secret keys and personal fields, keeping ids and counts', () => {
    const value = redactValue({
      id: '0190b1c2-0000-7000-8000-000000000001',
      authToken: 'abc',
      headers: { Authorization: 'Bearer abc', 'content-type': 'json' },
      tokenCipher: 'Zm9v',
      title: 'Fix the boiler at 12 Elm St',
      assignee: 'Alice Martin',
      profileName: 'Alice',
      pending: 3,
      nested: [{ password: 'x', note: 'n' }],
      url: `https://u:p@h/?token=${JWT}`,
    });
    expect(value).toEqual({
      id: '0190b1c2-0000-7000-8000-000000000001',
      authToken: REDACTED,
      headers: { Authorization: REDACTED, 'content-type': 'json' },
      tokenCipher: REDACTED,
      title: PERSONAL,
      assignee: PERSONAL,
      profileName: PERSONAL,
      pending: 3,
      nested: [{ password: REDACTED, note: PERSONAL }],
      url: `https://${REDACTED}@h/?token=${REDACTED}`,
    });
  });

  it('survives cycles of depth and errors', () => {
    const deep: Record<string, unknown> = {};
    let cursor = deep;
    for (let i = 0; i < 20; i++) cursor = cursor.next = {} as Record<string, unknown>;
    expect(JSON.stringify(redactValue(deep))).toContain('[too deep]');
    expect(redactValue(new Error(`bad token ${JWT}`))).toBe(`Error: bad token ${REDACTED}`);
  });
});
