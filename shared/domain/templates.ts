/** A reusable checklist: a name and its items in order. */
export interface ChecklistTemplate {
  id: string;
  name: string;
  items: string[];
  /** Labels of the items that need a photo when they fail (each one of `items`). */
  photoOnFail: string[];
  createdAt: string;
  createdBy: string;
  updatedAt: string;
  updatedBy: string;
  deletedAt: string | null;
}
