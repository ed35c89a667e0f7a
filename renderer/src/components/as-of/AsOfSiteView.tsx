/** A site's fields as they were at a moment, read-only, with "Restore to this moment". */
import { formatDateTime } from '../../format';
import { FieldRows } from '../FieldRows';
import { siteFields } from '../sites/site-fields';
import { AsOfFrame } from './AsOfFrame';

interface AsOfSiteViewProps {
  siteId: string;
  at: string;
  onBack: () => void;
  onRestored: () => void;
  /** The site's name at that moment (null when it did not exist yet), for the screen's heading. */
  onName?: (name: string | null) => void;
}

export function AsOfSiteView({ siteId, at, onBack, onRestored, onName }: AsOfSiteViewProps) {
  return (
    <AsOfFrame entity="site" id={siteId} at={at} onBack={onBack} onRestored={onRestored} onLoaded={(view) => onName?.(view.site?.name ?? null)}>
      {({ site }) =>
        site ? (
          <div className="card">
            <h3 className="as-of-title">{site.name}</h3>
            {site.deletedAt ? <span className="badge deleted">Deleted {formatDateTime(site.deletedAt)}</span> : null}
            <FieldRows rows={siteFields(site, { address: true, lastChangeTime: true })} />
            {site.notes ? <p className="description">{site.notes}</p> : null}
          </div>
        ) : null
      }
    </AsOfFrame>
  );
}
