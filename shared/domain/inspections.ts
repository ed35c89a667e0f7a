export const ITEM_RESULTS = ['pass', 'fail', 'na'] as const;
export type ItemResult = (typeof ITEM_RESULTS)[number];

export interface InspectionItem {
  id: string;
  position: number;
  label: string;
  /** Null until the worker answers it. */
  result: ItemResult | null;
  comment: string;
  measurement: number | null;
  unit: string;
  /** Answered Fail, this item needs a photo before the checklist can be signed off. */
  photoOnFail: boolean;
}

/** A job's inspection, following a template; read-only once signed off (until reopened). */
export interface Inspection {
  id: string;
  jobId: string;
  templateId: string;
  templateName: string;
  signedOffAt: string | null;
  signedOffBy: string | null;
  items: InspectionItem[];
  createdAt: string;
  createdBy: string;
  updatedAt: string;
  updatedBy: string;
}

/** Why a sign-off is refused while failed items lack their required photo: the same words in main and the renderer. */
export function photoMissingMessage(labels: readonly string[]): string {
  const named = labels.map((l) => `“${l}”`).join(', ');
  return labels.length === 1
    ? `${named} failed and needs a photo: attach one to it before signing off.`
    : `${labels.length} failed items need a photo: attach one to each of ${named} before signing off.`;
}
