/** The site's field rows, shown on the site screen (whose header already has the address) and in its as-of view. */
import type { Site } from '../../../../shared/domain/sites';
import { formatDateTime } from '../../format';
import type { FieldRow } from '../FieldRows';

export function siteFields(site: Site, options: { address: boolean; lastChangeTime: boolean }): FieldRow[] {
  return [
    ...(options.address ? [{ label: 'Address', value: site.address || '—' }] : []),
    { label: 'Contact', value: site.contact || '—' },
    { label: 'Coordinates', value: site.latitude !== null && site.longitude !== null ? `${site.latitude}, ${site.longitude}` : '—' },
    { label: 'Last change', value: options.lastChangeTime ? `${site.updatedBy}, ${formatDateTime(site.updatedAt)}` : site.updatedBy },
  ];
}
