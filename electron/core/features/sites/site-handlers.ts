import { AppError } from '../../../../shared/errors.js';
import { uuidv7 } from '../../../../shared/ids.js';
import { recordEdit } from '../../changes/change-log.js';
import type { SqlValue } from '../../db/database.js';
import type { FeatureHandlers } from '../../rpc/handlers.js';
import type { FeatureDeps } from '../feature-deps.js';
import { siteEntity } from './site-entity.js';
import { countLiveJobsAtSite, getLiveSite, getSite, listSites } from './site-queries.js';

type SiteField = 'name' | 'address' | 'latitude' | 'longitude' | 'contact' | 'notes';

export function siteHandlers({ db, edits, onLocalWrite }: FeatureDeps): FeatureHandlers {
  return {
    'sites.list': (input) => listSites(db, input),
    'sites.get': (input) => getSite(db, input.id),
    'sites.create': async (input) => {
      const id = uuidv7(edits.now().getTime());
      await db.transaction((tx) =>
        recordEdit(tx, edits, siteEntity, {
          entityId: id,
          kind: 'create',
          values: {
            name: input.name,
            address: input.address,
            latitude: input.latitude ?? null,
            longitude: input.longitude ?? null,
            contact: input.contact ?? '',
            notes: input.notes ?? '',
          },
        }),
      );
      onLocalWrite();
      return getSite(db, id);
    },
    'sites.update': async (input) => {
      const changed = await db.transaction(async (tx) => {
        const site = await getLiveSite(tx, input.id);
        const values: Partial<Record<SiteField, SqlValue>> = {};
        for (const field of ['name', 'address', 'latitude', 'longitude', 'contact', 'notes'] as const) {
          const next = input[field];
          if (next !== undefined && next !== site[field]) values[field] = next;
        }
        if (Object.keys(values).length === 0) return false;
        await recordEdit(tx, edits, siteEntity, { entityId: input.id, kind: 'update', values });
        return true;
      });
      if (changed) onLocalWrite();
      return getSite(db, input.id);
    },
    'sites.delete': async (input) => {
      await db.transaction(async (tx) => {
        await getLiveSite(tx, input.id);
        const jobs = await countLiveJobsAtSite(tx, input.id);
        if (jobs > 0) {
          const them = jobs === 1 ? 'it' : 'them';
          throw new AppError('CONFLICT', `This site still has ${jobs === 1 ? '1 job' : `${jobs} jobs`}. Move ${them} to another site or delete ${them} first.`);
        }
        await recordEdit(tx, edits, siteEntity, { entityId: input.id, kind: 'delete', values: {} });
      });
      onLocalWrite();
      return { id: input.id };
    },
  };
}
