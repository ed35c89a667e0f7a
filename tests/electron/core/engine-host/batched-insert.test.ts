/**
 * A run of new rows goes as one statement (engine-host/batched-insert.ts).
 * The engine calls the transform once per row change of a batch in one
 * synchronous loop and reads the results after it: these tests call it the
 * same way, then read the statements, and check what would reach the primary.
 * (tests/integration/compact-push.test.ts pushes through a real host and
 * primary and compares the rows.)
 */
import type { DatabaseRowMutation, DatabaseRowTransformResult } from '@tursodatabase/sync';
import { describe, expect, it } from 'vitest';
import { batchedInsert, FILLER, MAX_ROWS_PER_STATEMENT, ROWS_MARK } from '../../../../electron/core/engine-host/batched-insert.js';
import { compactInsert } from '../../../../electron/core/engine-host/compact-push.js';
import { readPushPlan } from '../../../../electron/core/engine-host/push-plan.js';
import { countStatements } from '../../../../electron/core/sync/upload-meter.js';

let rowid = 0;
const insert = (tableName: string, after: Record<string, unknown>): DatabaseRowMutation => ({ changeTime: 0, tableName, id: ++rowid, changeType: 'insert' as never, after });
const update = (tableName: string, id: string): DatabaseRowMutation => ({ changeTime: 0, tableName, id: 1, changeType: 'update' as never, before: { id }, after: { id }, updates: { title: 'U' } });
const job = (id: string, title: string | null = `Job ${id}`) => insert('jobs', { title, id, due_date: null });
const change = (id: string) => insert('changes', { id, entity: 'job', fields: '{"title":"a \\"quoted\\" word"}' });

type Statement = { sql: string; values: unknown[] };
type Answer = Statement | 'filler' | 'skip' | 'keep';

/** One batch as the engine runs it: every transform call, then the results read. */
function batch(transform: ReturnType<typeof batchedInsert>, mutations: DatabaseRowMutation[]): Answer[] {
  const results: DatabaseRowTransformResult[] = mutations.map((m) => transform(m));
  return results.map((r) => {
    if (r === null) return 'keep';
    if (r.operation === 'skip') return 'skip';
    const statement = { sql: r.stmt.sql, values: [...r.stmt.values] };
    return statement.sql === FILLER.sql && statement.values.length === 0 ? 'filler' : statement;
  });
}

/** A push request body holding the answers' steps, as the engine serializes it. */
const pipelineBody = (answers: Answer[]) =>
  Buffer.from(JSON.stringify({ requests: [{ batch: { steps: answers.filter((a) => typeof a === 'object' || a === 'filler').map((a) => ({ stmt: a === 'filler' ? FILLER : a })) } }] }));

/** The rows a merged statement carries, as its JSON argument holds them. */
const rowsOf = (statement: Answer) => JSON.parse((statement as Statement).values[0] as string) as unknown[][];

describe('a run of new rows as one statement', () => {
  it('sends a run of new jobs and change-log rows as one statement per table, with every row in order, the others a no-op (never skipped)', () => {
    const out = batch(batchedInsert(), [job('a'), change('c1'), job('b', null), change('c2'), job('c')]);
    // 'skip' would leave the primary's watermark before the batch's last rows (batched-insert.ts).
    expect(out.slice(2)).toEqual(['filler', 'filler', 'filler']);
    const [jobs, changes] = out as Statement[];
    expect(jobs!.sql).toBe(`REPLACE INTO \`jobs\`(\`due_date\`,\`id\`,\`title\`) SELECT value->>0,value->>1,value->>2 FROM json_each(?) ${ROWS_MARK}3*/`);
    expect(rowsOf(jobs!)).toEqual([[null, 'a', 'Job a'], [null, 'b', null], [null, 'c', 'Job c']]);
    expect(changes!.sql).toContain('REPLACE INTO `changes`(`entity`,`fields`,`id`)');
    expect(rowsOf(changes!)).toEqual([['job', '{"title":"a \\"quoted\\" word"}', 'c1'], ['job', '{"title":"a \\"quoted\\" word"}', 'c2']]);
    // The upload meter counts row changes, not steps: 2 statements carrying 5 rows, and no-op steps that are no rows of their own.
    expect(countStatements(pipelineBody(out))).toBe(5);
  });

  it('ends a run at an update or another table, so nothing moves before them', () => {
    const out = batch(batchedInsert(), [job('a'), job('b'), update('jobs', 'a'), job('c'), insert('sites', { id: 's' }), job('d'), job('e')]);
    expect(out[1]).toBe('filler');
    expect(out[2]).toBe('keep');
    expect(out[4]).toBe('keep');
    expect(rowsOf(out[0]!).map((row) => row[1])).toEqual(['a', 'b']);
    // A run of one row goes exactly as compact-push.ts sends it.
    expect(out[3]).toEqual((compactInsert(job('c')) as { stmt: Statement }).stmt);
    expect(rowsOf(out[5]!).map((row) => row[1])).toEqual(['d', 'e']);
    expect(out[6]).toBe('filler');
  });

  it('sends a row alone when JSON could not give its values back exactly', () => {
    const odd = insert('jobs', { id: 'n', title: 42 });
    const lone = insert('jobs', { id: 's', title: 'half \ud800 pair' });
    const out = batch(batchedInsert(), [job('a'), job('b'), odd, lone, job('c')]);
    expect(out[2]).toEqual((compactInsert(odd) as { stmt: Statement }).stmt);
    expect(out[3]).toEqual((compactInsert(lone) as { stmt: Statement }).stmt);
    expect(rowsOf(out[0]!)).toHaveLength(2);
    expect(out[4]).toEqual((compactInsert(job('c')) as { stmt: Statement }).stmt);
  });

  it('never adds a row to a batch the engine has already read, nor to one of an earlier task', async () => {
    const transform = batchedInsert();
    const first = batch(transform, [job('a'), job('b')]);
    // Same task, but the first batch's statements were read: a new batch.
    const second = batch(transform, [job('c'), job('d')]);
    expect(rowsOf(first[0]!).map((row) => row[1])).toEqual(['a', 'b']);
    expect(rowsOf(second[0]!).map((row) => row[1])).toEqual(['c', 'd']);
    // A batch whose results were never read (a failed request), then another task: its rows start afresh.
    const unread = transform(job('e'));
    await Promise.resolve();
    const later = transform(job('f'));
    expect(later && later.operation === 'rewrite' ? later.stmt.sql : null).not.toBe(FILLER.sql);
    expect(unread && unread.operation === 'rewrite' ? unread.stmt.values : null).toEqual((compactInsert(job('e')) as { stmt: Statement }).stmt.values);
  });

  it('starts a new statement after MAX_ROWS_PER_STATEMENT rows', () => {
    const ids = Array.from({ length: MAX_ROWS_PER_STATEMENT + 3 }, (_, i) => `j${i}`);
    const out = batch(batchedInsert(), ids.map((id) => job(id)));
    const statements = out.filter((r): r is Statement => typeof r === 'object');
    expect(statements.map((s) => rowsOf(s).length)).toEqual([MAX_ROWS_PER_STATEMENT, 3]);
    // Every row answers something: nothing is skipped, whichever row ends the batch.
    expect(out).toHaveLength(ids.length);
    expect(out.filter((r) => r === 'filler')).toHaveLength(ids.length - 2);
    expect(out.at(-1)).toBe('filler');
    expect(statements.flatMap((s) => rowsOf(s).map((row) => row[1]))).toEqual(ids);
  });

  it("with the push's plan, skips the carried rows except each transaction's last new row (the batch may end there)", async () => {
    // Two transactions of two jobs and their change-log rows, as the change table holds them.
    const mutations = [job('a'), change('ca'), job('b'), change('cb'), job('c'), change('cc'), job('d'), change('cd')];
    const changeRows: unknown[][] = [];
    let changeId = 0;
    mutations.forEach((m, i) => {
      changeRows.push([++changeId, 1, m.tableName, m.id]);
      if (i % 4 === 3) changeRows.push([++changeId, 2, null, null]);
    });
    const plan = await readPushPlan(async (after, limit) => changeRows.filter((r) => (r[0] as number) > after).slice(0, limit), 0);
    const out = batch(batchedInsert(() => plan), mutations);
    expect(out.slice(2)).toEqual(['skip', 'filler', 'skip', 'skip', 'skip', 'filler']);
    expect(rowsOf(out[0]!).map((row) => row[1])).toEqual(['a', 'b', 'c', 'd']);
    expect(rowsOf(out[1]!).map((row) => row[2])).toEqual(['ca', 'cb', 'cc', 'cd']);
    expect(countStatements(pipelineBody(out))).toBe(mutations.length);
  });

  it('skips nothing once a row is not where the plan expects it (a row written after the plan was read)', async () => {
    const planned = [job('a'), job('b'), job('c')];
    const plan = await readPushPlan(async (after) => (after > 0 ? [] : [...planned.map((m, i) => [i + 1, 1, 'jobs', m.id]), [4, 2, null, null]]), 0);
    const out = batch(batchedInsert(() => plan), [planned[0]!, planned[1]!, job('late'), planned[2]!]);
    expect(out.slice(1)).toEqual(['skip', 'filler', 'filler']);
    expect(rowsOf(out[0]!)).toHaveLength(4);
  });
});
