/**
 * The push plan (engine-host/push-plan.ts): from the change table's rows, which
 * new rows end their transaction, and how it follows the engine row by row.
 * The reader here serves rows as the plan's query would (a real table is read by
 * tests/integration/batched-push.test.ts).
 */
import { describe, expect, it } from 'vitest';
import { READ_SLICE, readPushPlan, type ChangeReader } from '../../../../electron/core/engine-host/push-plan.js';

type Row = [changeId: number, changeType: number, table: string | null, id: number | null];

/** Transactions of new rows as change-table rows (ids per table), each closed by a commit row. */
function changeRows(transactions: [string, number][][], firstId = 1): Row[] {
  const rows: Row[] = [];
  let changeId = firstId;
  for (const transaction of transactions) {
    for (const [table, id] of transaction) rows.push([changeId++, 1, table, id]);
    rows.push([changeId++, 2, null, null]);
  }
  return rows;
}

const reader = (rows: Row[]): ChangeReader => async (afterId, limit) => rows.filter((r) => r[0] > afterId).slice(0, limit);

describe('push plan', () => {
  it("marks each transaction's last new row, reading in slices", async () => {
    const rows = changeRows([[['jobs', 1], ['changes', 1], ['jobs', 2], ['changes', 2]], [['jobs', 3], ['changes', 3]]]);
    const plan = await readPushPlan(reader(rows), 0, 3);
    expect(plan.size).toBe(6);
    const places = [['jobs', 1], ['changes', 1], ['jobs', 2], ['changes', 2], ['jobs', 3], ['changes', 3]].map(([t, id]) => plan.place(t as string, id as number));
    expect(places).toEqual(['inner', 'inner', 'inner', 'end', 'inner', 'end']);
  });

  it('starts where the engine starts (the primary may be past the local watermark)', async () => {
    const plan = await readPushPlan(reader(changeRows([[['jobs', 1], ['jobs', 2]], [['jobs', 3], ['jobs', 4]]])), 0);
    expect(plan.place('jobs', 3)).toBe('inner');
    expect(plan.place('jobs', 4)).toBe('end');
  });

  it('only reads after the given change id', async () => {
    const rows = changeRows([[['jobs', 1]], [['jobs', 2], ['jobs', 3]]]);
    const plan = await readPushPlan(reader(rows), 2);
    expect(plan.size).toBe(2);
  });

  it('places nothing once a row is not the next it expects, nor past its end', async () => {
    const plan = await readPushPlan(reader(changeRows([[['jobs', 1], ['jobs', 2], ['jobs', 3]]])), 0);
    expect(plan.place('jobs', 1)).toBe('inner');
    expect(plan.place('jobs', 3)).toBe('unknown');
    // Lost for the rest of the push, even for the row that would have matched.
    expect(plan.place('jobs', 2)).toBe('unknown');
    const short = await readPushPlan(reader(changeRows([[['jobs', 1]]])), 0);
    expect(short.place('jobs', 1)).toBe('end');
    expect(short.place('jobs', 2)).toBe('unknown');
    const empty = await readPushPlan(reader([]), 0);
    expect(empty.place('changes', 1)).toBe('unknown');
  });

  it('lets no row of a transaction without its commit be skipped', async () => {
    const rows: Row[] = [...changeRows([[['jobs', 1], ['jobs', 2]]]), [4, 1, 'jobs', 3], [5, 1, 'jobs', 4]];
    const plan = await readPushPlan(reader(rows), 0);
    expect([1, 2, 3, 4].map((id) => plan.place('jobs', id))).toEqual(['inner', 'end', 'end', 'end']);
  });

  it('gives the event loop a turn between slices, so a call that arrives meanwhile runs before the next slice', async () => {
    const rows = changeRows([[['jobs', 1], ['jobs', 2], ['jobs', 3]], [['jobs', 4], ['jobs', 5]]]);
    const turnsAtRead: number[] = [];
    let turns = 0;
    const read = reader(rows);
    // One macrotask after another for as long as the read goes on: how many ran before each slice.
    let reading = true;
    const tick = () => {
      turns += 1;
      if (reading) setImmediate(tick);
    };
    setImmediate(tick);
    const plan = await readPushPlan(async (afterId, limit) => {
      turnsAtRead.push(turns);
      return read(afterId, limit);
    }, 0, 2);
    reading = false;
    expect(plan.size).toBe(5);
    expect(turnsAtRead).toHaveLength(4);
    // Each slice after the first waited for at least one turn of the loop (awaits alone are microtasks: 0 turns).
    for (let i = 1; i < turnsAtRead.length; i++) expect(turnsAtRead[i]!).toBeGreaterThan(turnsAtRead[i - 1]!);
  });

  it('reads in slices of a thousand rows by default', async () => {
    const rows = changeRows(Array.from({ length: 1_500 }, (_, i) => [['jobs', i + 1]] as [string, number][]));
    const limits: number[] = [];
    const read = reader(rows);
    const plan = await readPushPlan(async (afterId, limit) => {
      limits.push(limit);
      return read(afterId, limit);
    }, 0);
    expect(plan.size).toBe(1_500);
    expect(READ_SLICE).toBe(1_000);
    expect(limits).toEqual([1_000, 1_000, 1_000, 1_000]);
  });
});
