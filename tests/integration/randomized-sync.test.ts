/**
 * Randomized convergence: five laptops with skewed clocks make hundreds of
 * random edits each while the primary crashes and comes back at random. At
 * the end every replica and the primary hold identical rows, and every field
 * holds the value of its latest edit by clock.
 *
 * The seed is fixed in CI (CI=true); locally it is random unless
 * FIELDBOOK_SEED is set. A failure message names the seed to replay it.
 */
import { describe, expect, it } from 'vitest';
import type { Core } from '../../electron/core/app-core.js';
import type { SqlValue } from '../../electron/core/db/database.js';
import { primarySql } from '../../electron/core/primary/local-primary.js';
import { startTestCore } from '../helpers/core.js';
import { edit } from '../helpers/edits.js';
import { startPrimary, waitFor } from '../helpers/primary.js';
import { tempDir } from '../helpers/temp-dir.js';
import { uuidv7 } from '../../shared/ids.js';
import { seededRandom } from '../../scripts/seeded-random.js';

const CI_SEED = 20261124;
const seed = process.env.FIELDBOOK_SEED
  ? Number(process.env.FIELDBOOK_SEED)
  : process.env.CI === 'true'
    ? CI_SEED
    : Math.floor(Math.random() * 2 ** 31);


const REPLICAS = 5;
const EDITS_PER_REPLICA = 300;
const FIELDS = ['title', 'description', 'status', 'priority', 'assignee'] as const;
const COLUMN: Record<string, string> = { title: 'title', description: 'description', status: 'status', priority: 'priority', assignee: 'assignee', deletedAt: 'deleted_at' };
const STATUSES = ['open', 'in_progress', 'blocked', 'done'];
const PRIORITIES = ['low', 'normal', 'high', 'urgent'];
const ROW_SQL = 'SELECT id, title, description, status, priority, assignee, created_at, created_by, updated_at, updated_by, deleted_at FROM jobs ORDER BY id';

interface Latest {
  hlc: string;
  value: SqlValue;
}

describe(`randomized sync (seed ${seed})`, () => {
  it('five replicas, hundreds of random edits each, primary crashing at random: all converge on the latest edit of every field', async () => {
    const random = seededRandom(seed);
    const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)]!;
    const dir = tempDir('fieldbook-primary-');
    let primary = await startPrimary(dir);
    const port = primary.port;
    let primaryUp = true;

    const cores: Core[] = [];
    const busyReports: string[] = [];
    for (let i = 0; i < REPLICAS; i++) {
      const skew = Math.round((random() - 0.5) * 10 * 60_000); // ±5 minutes of laptop clock error
      const core = await startTestCore({ primaryUrl: primary.url, clockNow: () => Date.now() + skew });
      // Busy answers while edits are in flight are retried, never reported as errors or damage.
      core.events.on((event, payload) => {
        const status = payload as { state: string; lastError: string | null; needsRepair: boolean };
        if (event === 'sync.statusChanged' && (status.needsRepair || /busy|locked/i.test(status.lastError ?? ''))) {
          busyReports.push(`${status.needsRepair} ${status.lastError}`);
        }
      });
      cores.push(core);
    }

    // The oracle: for every (job, field) the value of the edit with the greatest clock stamp.
    const latest = new Map<string, Latest>();
    const note = (jobId: string, field: string, hlc: string, value: SqlValue) => {
      const key = `${jobId}:${field}`;
      const known = latest.get(key);
      if (!known || known.hlc < hlc) latest.set(key, { hlc, value });
    };
    const jobIds = new Set<string>();

    const create = async (core: Core) => {
      const id = uuidv7();
      const values = { title: `t-${id.slice(-6)}`, description: '', status: 'open', priority: 'normal', assignee: null };
      const { hlc } = await edit(core, 'job', id, 'create', { ...values, dueDate: null, siteId: null });
      for (const [field, value] of Object.entries(values)) note(id, field, hlc, value);
      note(id, 'deletedAt', hlc, null);
      jobIds.add(id);
    };
    for (let i = 0; i < 10; i++) await create(cores[0]!);

    let opCount = 0;
    let primaryFlips = 0;
    const totalOps = REPLICAS * EDITS_PER_REPLICA;
    for (let step = 0; step < totalOps; step++) {
      if (primaryUp && random() < 0.01) {
        await primary.stop('SIGKILL');
        primaryUp = false;
        primaryFlips += 1;
      } else if (!primaryUp && random() < 0.04) {
        primary = await startPrimary(dir, port);
        primaryUp = true;
        primaryFlips += 1;
      }
      const core = cores[step % REPLICAS]!;
      const local = (await core.replica.db.all<{ id: string }>('SELECT id FROM jobs')).map((r) => r.id);
      const roll = random();
      if (local.length === 0 || roll < 0.05) {
        await create(core);
      } else {
        const id = pick(local);
        if (roll < 0.1) {
          const { hlc, at } = await edit(core, 'job', id, 'delete');
          note(id, 'deletedAt', hlc, at);
        } else if (roll < 0.15) {
          const { hlc } = await edit(core, 'job', id, 'restore');
          note(id, 'deletedAt', hlc, null);
        } else {
          const values: Record<string, SqlValue> = {};
          for (const field of FIELDS) {
            if (random() < 0.4 || (field === 'title' && Object.keys(values).length === 0)) {
              values[field] =
                field === 'status' ? pick(STATUSES) : field === 'priority' ? pick(PRIORITIES) : field === 'assignee' && random() < 0.3 ? null : `${field}-${step}`;
            }
          }
          const { hlc } = await edit(core, 'job', id, 'update', values);
          for (const [field, value] of Object.entries(values)) note(id, field, hlc, value);
        }
      }
      opCount += 1;
      // Let the background loops interleave pushes and pulls with the edits.
      if (random() < 0.3) await new Promise((r) => setTimeout(r, Math.floor(random() * 15)));
    }
    if (!primaryUp) primary = await startPrimary(dir, port);

    // Quiesce: stop the loops, then sync in rounds until every replica matches the primary.
    for (const core of cores) await core.sync.stop();
    const snapshot = async (core: Core) => JSON.stringify(await core.replica.db.all(ROW_SQL));
    const primaryRows = async () => {
      const rows = await primarySql(primary.url, ROW_SQL);
      return rows.map((r) => r.map((v) => (v === undefined ? null : v)));
    };
    await waitFor(
      'all replicas identical to the primary',
      async () => {
        for (const core of cores) {
          const status = await core.sync.syncNow();
          if (status.state !== 'up_to_date') return false;
        }
        const first = await snapshot(cores[0]!);
        for (const core of cores.slice(1)) if ((await snapshot(core)) !== first) return false;
        return cores.every((c) => c.sync.status.pendingChanges === 0);
      },
      60_000,
    );

    const reference = await cores[0]!.replica.db.all<Record<string, SqlValue>>(ROW_SQL);
    for (const core of cores.slice(1)) expect(await core.replica.db.all(ROW_SQL), `seed ${seed}`).toEqual(reference);
    const onPrimary = await primaryRows();
    expect(onPrimary.map((r) => r.map((v) => (v === null ? null : String(v)))), `seed ${seed}`).toEqual(
      reference.map((r) => Object.values(r).map((v) => (v === null ? null : String(v)))),
    );
    expect(reference.length).toBe(jobIds.size);

    const byId = new Map(reference.map((row) => [String(row.id), row]));
    let checked = 0;
    for (const [key, { value }] of latest) {
      const [jobId, field] = key.split(':') as [string, string];
      expect(byId.get(jobId)?.[COLUMN[field]!] ?? null, `seed ${seed}: ${key}`).toEqual(value);
      checked += 1;
    }
    expect(checked).toBeGreaterThan(jobIds.size * FIELDS.length);
    expect(opCount).toBe(totalOps);
    expect(busyReports, `seed ${seed}`).toEqual([]);

    const changeCounts = await Promise.all(cores.map(async (c) => (await c.replica.db.get<{ n: number }>('SELECT count(*) AS n FROM changes'))!.n));
    expect(new Set(changeCounts.map(Number)).size, `seed ${seed}`).toBe(1);
    console.log(`randomized sync: seed ${seed}, ${opCount} edits, ${jobIds.size} jobs, primary crashed/restarted ${primaryFlips} times`);
    // Five cores in this one process, each with its engine in a host process: every statement and sync request
    // crosses a process boundary, and the five loops share this process's thread (seed 872571867 at load
    // average 12: 151 s, against 59 s with the engines in process).
  }, 300_000);
});
