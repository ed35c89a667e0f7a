/**
 * sites.list {search} follows the same rules as job search (search-text.ts):
 * case folded in every script, every word somewhere in name or address, in any
 * order, and pages by name with cursors across the chunks the search reads.
 */
import { describe, expect, it } from 'vitest';
import { recordEdit } from '../../../../electron/core/changes/change-log.js';
import { siteEntity } from '../../../../electron/core/features/sites/site-entity.js';
import type { Site, SitePage } from '../../../../shared/domain/sites.js';
import { uuidv7 } from '../../../../shared/ids.js';
import { invoke, startTestCore } from '../../../helpers/core.js';

describe('site search', () => {
  it('folds case in every script and matches every word in name or address', async () => {
    const core = await startTestCore();
    const orsted = await invoke<Site>(core, 'sites.create', { name: 'Ørsted Vej 4', address: 'Aarhus Havn' });
    const zahler = await invoke<Site>(core, 'sites.create', { name: 'Zählerhaus', address: 'Straße 7' });
    await invoke(core, 'sites.create', { name: 'Depot', address: 'Mill Lane' });
    const names = async (search: string) => (await invoke<SitePage>(core, 'sites.list', { search })).items.map((s) => s.id);
    expect(await names('ørsted')).toEqual([orsted.id]);
    expect(await names('ZÄHLER')).toEqual([zahler.id]);
    expect(await names('  havn   ØRSTED ')).toEqual([orsted.id]);
    expect(await names('STRASSE zähler')).toEqual([zahler.id]);
    expect(await names('orsted')).toEqual([]);
    expect(await names('depot havn')).toEqual([]);
    expect(await names('   ')).toHaveLength(3);
  });

  it('pages a search by name across many sites with cursors', async () => {
    const core = await startTestCore();
    // 1,300 sites, every third one named with "Ø": more than two chunks of the search's walk.
    const expected: string[] = [];
    await core.replica.db.transaction(async (tx) => {
      for (let i = 0; i < 1300; i++) {
        const name = `${i % 3 === 0 ? 'Øst' : 'West'} ${String(i).padStart(4, '0')}`;
        if (i % 3 === 0) expected.push(name);
        await recordEdit(tx, core.edits, siteEntity, {
          entityId: uuidv7(core.edits.now().getTime()),
          kind: 'create',
          values: { name, address: '', latitude: null, longitude: null, contact: '', notes: '' },
        });
      }
    });
    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const page: SitePage = await invoke<SitePage>(core, 'sites.list', { search: 'øST', limit: 97, cursor });
      seen.push(...page.items.map((s) => s.name));
      cursor = page.nextCursor;
    } while (cursor);
    expect(seen).toEqual(expected);
  }, 120_000);
});
