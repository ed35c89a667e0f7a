import { z } from 'zod';
import type { Site, SitePage } from '../domain/sites.js';
import { cursor, id, shortText, text, title } from './fields.js';
import { returns, spec } from './spec.js';

const siteFields = {
  name: title,
  address: shortText(500).min(1, 'is required'),
  latitude: z.number().min(-90).max(90).nullable().optional(),
  longitude: z.number().min(-180).max(180).nullable().optional(),
  contact: shortText(200).optional(),
  notes: text.optional(),
};

export const siteCreateInput = z.strictObject(siteFields);
export const siteUpdateInput = z.strictObject({
  id,
  name: siteFields.name.optional(),
  address: siteFields.address.optional(),
  latitude: siteFields.latitude,
  longitude: siteFields.longitude,
  contact: siteFields.contact,
  notes: siteFields.notes,
});

export const sitesContract = {
  'sites.create': spec(siteCreateInput, returns<Site>(), 'Create a site (a place where jobs happen).'),
  'sites.list': spec(
    z.strictObject({
      search: z.string().max(200).optional(),
      limit: z.number().int().min(1).max(500).optional(),
      cursor: cursor.nullable().optional(),
    }),
    returns<SitePage>(),
    'Live sites by name, optionally matching name or address, keyset-paged.',
  ),
  'sites.get': spec(z.strictObject({ id }), returns<Site>(), 'One site by id (NOT_FOUND if it does not exist).'),
  'sites.update': spec(siteUpdateInput, returns<Site>(), 'Change the given fields of a site.'),
  'sites.delete': spec(z.strictObject({ id }), returns<{ id: string }>(), 'Delete a site with no live jobs (tombstone).'),
} as const;
