/** A reusable checklist: a name and its items in order. */
export interface ChecklistTemplate {
  id: string;
  name: string;
  items: string[];
  createdAt: string;
  createdBy: string;
  updatedAt: string;
  updatedBy: string;
  deletedAt: string | null;
}
