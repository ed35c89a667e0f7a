/** How a checklist item's answer reads, on the checklist once signed off and in the job as it was. */
import type { InspectionItem, ItemResult } from '../../../../shared/domain/inspections';

export const RESULT_LABELS: Record<ItemResult, string> = { pass: 'Pass', fail: 'Fail', na: 'N/A' };

/** The item's measurement and comment, read-only; nothing for what it lacks. */
export function ItemMeasureAndComment({ item }: { item: Pick<InspectionItem, 'measurement' | 'unit' | 'comment'> }) {
  return (
    <>
      {item.measurement !== null ? (
        <span className="measure">
          {item.measurement} {item.unit}
        </span>
      ) : null}
      {item.comment ? <span>{item.comment}</span> : null}
    </>
  );
}
