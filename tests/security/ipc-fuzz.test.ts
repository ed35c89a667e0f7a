/**
 * Property-based fuzzing of every handler in the contract (HANDLER_NAMES, so
 * handlers added later are covered without editing this file) with random and
 * hostile payloads, through the real dispatch of a real core. Each call must
 * answer with a typed error or a valid result; nothing may pollute prototypes;
 * and the database must end up holding exactly what the accepted calls put
 * there, which the test checks by replaying only those calls on a fresh core.
 */
import fc from 'fast-check';
import type { z } from 'zod';
import { describe, expect, it } from 'vitest';
import { contract, HANDLER_NAMES, type HandlerName } from '../../shared/contract/index.js';
import { ERROR_CODES, type Result } from '../../shared/errors.js';
import type { Core } from '../../electron/core/app-core.js';
import { startTestCore } from '../helpers/core.js';
import { TestKeychainBox } from '../helpers/keychain-box.js';

const SQL_FRAGMENTS = [
  "'; DROP TABLE jobs; --",
  "' OR '1'='1",
  '"; DELETE FROM changes; --',
  "x'); INSERT INTO jobs (id) VALUES ('evil'); --",
  '1; UPDATE jobs SET title = NULL',
  "') UNION SELECT * FROM sqlite_master --",
  '\\x00\0',
];

const PROTO_KEYS = ['__proto__', 'constructor', 'prototype', '__defineGetter__', 'hasOwnProperty', 'toString'];

function deepNest(depth: number): unknown {
  let value: unknown = 'bottom';
  for (let i = 0; i < depth; i++) value = i % 2 ? [value] : { a: value };
  return value;
}

/** Payloads a compromised renderer could send; JSON.parse makes a real own "__proto__" key. */
const hostileConstant = fc.constantFrom<unknown>(
  JSON.parse('{"__proto__": {"polluted": true}}'),
  JSON.parse('{"constructor": {"prototype": {"polluted": true}}}'),
  JSON.parse('{"title": "ok", "__proto__": {"polluted": true}}'),
  { constructor: { prototype: { polluted: true } } },
  'x'.repeat(1_000_000),
  { title: 'y'.repeat(1_000_000) },
  deepNest(5_000),
  NaN,
  Infinity,
  -Infinity,
  -0,
  Number.MAX_SAFE_INTEGER + 2,
  null,
  undefined,
  [],
  [{}],
  new Date(NaN),
  new Map([['title', 'x']]),
  new Uint8Array([1, 2, 3]),
  Object.create(null) as unknown,
  ...SQL_FRAGMENTS,
);

const primitiveHostile = fc.oneof(
  fc.constantFrom<unknown>(...SQL_FRAGMENTS, NaN, Infinity, -Infinity, -0, null, undefined, '', ' ', '\u0000', '\u202e'),
  fc.string({ maxLength: 300 }),
  fc.string({ unit: 'binary', maxLength: 50 }),
  fc.double(),
  fc.integer(),
  fc.boolean(),
  fc.bigInt(),
);

const hostileValue: fc.Arbitrary<unknown> = fc.oneof(
  { weight: 3, arbitrary: primitiveHostile },
  { weight: 2, arbitrary: hostileConstant },
  { weight: 2, arbitrary: fc.anything({ maxDepth: 3, withNullPrototype: true, withObjectString: true, withBigInt: true, withDate: true, withTypedArray: true, withSparseArray: true, withMap: true, withSet: true }) },
);

/** Stands for "the id of a row that exists", resolved just before the call (ids are only known at run time). */
class ExistingId {
  constructor(readonly index: number) {}
}

type ZodDef = { type: string; innerType?: z.ZodType; entries?: Record<string, string>; shape?: Record<string, z.ZodType> };
const defOf = (schema: z.ZodType) => (schema as unknown as { _zod: { def: ZodDef } })._zod.def;

/** Values that might pass a field's schema, so valid calls (and their writes) happen too. */
function plausible(schema: z.ZodType): fc.Arbitrary<unknown> {
  const def = defOf(schema);
  switch (def.type) {
    case 'optional':
    case 'nullable':
    case 'default':
      return fc.oneof(fc.constant(def.type === 'nullable' ? null : undefined), plausible(def.innerType!));
    case 'enum':
      return fc.constantFrom(...Object.values(def.entries!));
    case 'boolean':
      return fc.boolean();
    case 'number':
      return fc.oneof(fc.integer({ min: -5, max: 600 }), fc.double());
    case 'string':
      return fc.oneof(
        fc.string({ minLength: 1, maxLength: 60 }),
        fc.constantFrom(...SQL_FRAGMENTS),
        fc.uuid({ version: 7 }),
        fc.nat().map((i) => new ExistingId(i)),
        fc.date({ noInvalidDate: true, min: new Date('2000-01-01'), max: new Date('2100-01-01') }).map((d) => d.toISOString().slice(0, 10)),
        // Only URLs nobody answers on: a fuzzed connection must not reach a real server.
        fc.constantFrom('http://127.0.0.1:9', 'libsql://127.0.0.1:9/db', 'https://127.0.0.1:9/'),
      );
    case 'object':
      return objectPayload(schema);
    case 'record':
      // Form-like maps (drafts): short field names to text, some of them valid.
      return fc.dictionary(fc.oneof(fc.constantFrom('title', 'body', 'comment'), fc.string({ maxLength: 12 })), fc.string({ maxLength: 80 }), { maxKeys: 4 });
    default:
      return hostileValue;
  }
}

/** Objects built from the schema's own field names, mixing plausible, hostile, missing and extra keys. */
function objectPayload(schema: z.ZodType): fc.Arbitrary<unknown> {
  const shape = defOf(schema).shape ?? {};
  const fields = Object.entries(shape).map(([key, fieldSchema]) =>
    fc.tuple(fc.constant(key), fc.oneof({ weight: 4, arbitrary: plausible(fieldSchema) }, { weight: 1, arbitrary: hostileValue }), fc.boolean()),
  );
  const extras = fc.array(fc.tuple(fc.oneof(fc.constantFrom(...PROTO_KEYS), fc.string({ maxLength: 20 })), hostileValue), { maxLength: 2 });
  return fc.tuple(fc.tuple(...fields), fc.oneof({ weight: 3, arbitrary: fc.constant([]) }, { weight: 1, arbitrary: extras })).map(([entries, extra]) => {
    const payload: Record<string, unknown> = {};
    for (const [key, value, present] of entries) if (present || value !== undefined) Object.defineProperty(payload, key, { value, enumerable: true, writable: true, configurable: true });
    for (const [key, value] of extra) Object.defineProperty(payload, key, { value, enumerable: true, writable: true, configurable: true });
    return payload;
  });
}

function payloadFor(name: HandlerName): fc.Arbitrary<unknown> {
  return fc.oneof({ weight: 3, arbitrary: objectPayload(contract[name].input) }, { weight: 1, arbitrary: hostileValue });
}

/** Replaces ExistingId markers (one level deep, where ids go) by real ids, or drops them when there is none. */
function resolveIds(input: unknown, pool: readonly string[], allowExisting: boolean): unknown {
  const pick = (value: unknown) =>
    value instanceof ExistingId ? (allowExisting && pool.length > 0 ? pool[value.index % pool.length] : '00000000-0000-7000-8000-000000000000') : value;
  if (input instanceof ExistingId) return pick(input);
  if (!input || typeof input !== 'object' || Array.isArray(input) || Object.getPrototypeOf(input) !== Object.prototype) return input;
  const out: Record<string, unknown> = {};
  for (const key of Object.keys(input)) {
    const value = pick((input as Record<string, unknown>)[key]);
    Object.defineProperty(out, key, { value: Array.isArray(value) ? value.map(pick) : value, enumerable: true, writable: true, configurable: true });
  }
  return out;
}

/** Every UUID in a handler's answer: ids of rows that now exist. */
function collectIds(value: unknown, into: Set<string>): void {
  const text = JSON.stringify(value) ?? '';
  for (const match of text.matchAll(UUID)) into.add(match[0]);
}

/** Every row of every table, in a stable order: what "nothing changed" is checked against. */
async function exactContents(core: Core): Promise<string> {
  const tables = await core.replica.db.all<{ name: string }>(
    "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name",
  );
  const parts: string[] = [];
  for (const { name } of tables) {
    const rows = await core.replica.db.all<Record<string, unknown>>(`SELECT * FROM "${name}"`);
    parts.push(`${name}:${rows.map((r) => JSON.stringify(r)).sort().join('\n')}`);
  }
  return parts.join('\n\n');
}

function assertWellFormed(name: string, result: Result<unknown>): void {
  expect(typeof result.ok, name).toBe('boolean');
  if (result.ok) {
    expect(() => JSON.stringify(result.value), name).not.toThrow();
    return;
  }
  expect(ERROR_CODES, `${name}: ${result.error.code} ${result.error.message}`).toContain(result.error.code);
  // INTERNAL means a handler threw something unexpected: that is a bug the fuzzer found.
  expect(result.error.code, `${name}: ${result.error.message}`).not.toBe('INTERNAL');
  expect(typeof result.error.message).toBe('string');
  expect(result.error.message.length, name).toBeLessThan(2_000);
}

const ISO_TIME = /\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?Z/g;
const UUID = /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/g;

/** What the database holds, without the parts that differ between runs (ids, clocks, times). */
async function snapshot(core: Core): Promise<{ counts: Record<string, number>; changes: string[] }> {
  const tables = await core.replica.db.all<{ name: string }>(
    "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' AND name NOT LIKE '_turso%' ORDER BY name",
  );
  const counts: Record<string, number> = {};
  for (const { name } of tables) {
    const row = await core.replica.db.get<{ n: number }>(`SELECT count(*) AS n FROM "${name}"`);
    counts[name] = Number(row?.n ?? 0);
  }
  const changes = await core.replica.db.all<{ entity: string; kind: string; fields: string }>('SELECT entity, kind, fields FROM changes');
  return {
    counts,
    changes: changes.map((c) => `${c.entity}|${c.kind}|${c.fields.replace(ISO_TIME, '<time>').replace(UUID, '<uuid>')}`).sort(),
  };
}

describe('IPC fuzzing', () => {
  // Thousands of real calls: on a shared, loaded machine this takes minutes, not the default 60 s.
  it('every handler answers hostile payloads with a typed error or a valid result, and writes only what valid calls wrote', { timeout: 600_000 }, async () => {
    const core = await startTestCore({ secrets: new TestKeychainBox() });
    const before = await snapshot(core);
    const accepted: { name: HandlerName; input: unknown }[] = [];
    const okCount = new Map<HandlerName, number>();

    for (const name of HANDLER_NAMES) {
      await fc.assert(
        fc.asyncProperty(payloadFor(name), async (generated) => {
          const input = resolveIds(generated, [], false);
          const result = await core.dispatch(name, input);
          assertWellFormed(name, result);
          if (result.ok) {
            accepted.push({ name, input });
            okCount.set(name, (okCount.get(name) ?? 0) + 1);
          }
          expect(({} as Record<string, unknown>).polluted, 'Object.prototype was polluted').toBeUndefined();
          expect(Object.prototype.hasOwnProperty.call(Object.prototype, 'polluted')).toBe(false);
        }),
        { numRuns: 150, seed: process.env.FUZZ_SEED ? Number(process.env.FUZZ_SEED) : undefined },
      );
    }

    // Unknown handler names are refused as such.
    for (const name of ['__proto__', 'constructor', 'jobs.drop', "jobs.list'; --", '', 'x'.repeat(100_000)]) {
      const result = await core.dispatch(name, {});
      expect(!result.ok && result.error.code, name).toBe('UNKNOWN_HANDLER');
    }

    // The fuzzer must also have exercised the success path, or the DB check below proves nothing.
    expect(okCount.get('jobs.create') ?? 0).toBeGreaterThan(0);
    const after = await snapshot(core);
    // Each accepted create logged at least its own change (other accepted writes may log more).
    expect(after.counts.changes! - before.counts.changes!).toBeGreaterThanOrEqual(okCount.get('jobs.create')!);

    const replay = await startTestCore({ secrets: new TestKeychainBox() });
    for (const call of accepted) await replay.dispatch(call.name, call.input);
    expect(after).toEqual(await snapshot(replay));
  });

  it('rejected calls change nothing, also when they aim at rows that exist', { timeout: 600_000 }, async () => {
    const core = await startTestCore({ secrets: new TestKeychainBox() });
    const ids = new Set<string>();
    // Seed rows through the contract so update/delete-style handlers have real targets.
    for (let i = 0; i < 5; i++) collectIds(await core.dispatch('jobs.create', { title: `Seed ${i}` }), ids);
    let rejectedWithExistingIds = 0;

    for (const name of HANDLER_NAMES) {
      await fc.assert(
        fc.asyncProperty(payloadFor(name), async (generated) => {
          const input = resolveIds(generated, [...ids], true);
          const before = await exactContents(core);
          const result = await core.dispatch(name, input);
          assertWellFormed(name, result);
          if (result.ok) {
            collectIds(result.value, ids);
            return;
          }
          let sent = '';
          try {
            sent = JSON.stringify(input ?? null, (_key, value: unknown) => (typeof value === 'bigint' ? String(value) : value)) ?? '';
          } catch {
            // too deep to print: it carries no id anyway
          }
          if ([...ids].some((id) => sent.includes(id))) rejectedWithExistingIds++;
          expect(await exactContents(core), `${name} was rejected (${result.error.code}) but changed the database`).toBe(before);
        }),
        { numRuns: 40, seed: process.env.FUZZ_SEED ? Number(process.env.FUZZ_SEED) : undefined },
      );
    }
    expect(rejectedWithExistingIds).toBeGreaterThan(0);
  });
});
