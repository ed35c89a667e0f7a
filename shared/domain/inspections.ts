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
