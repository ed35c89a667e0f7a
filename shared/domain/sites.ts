export interface Site {
  id: string;
  name: string;
  address: string;
  latitude: number | null;
  longitude: number | null;
  contact: string;
  notes: string;
  createdAt: string;
  createdBy: string;
  updatedAt: string;
  updatedBy: string;
  deletedAt: string | null;
}

export interface SitePage {
  items: Site[];
  nextCursor: string | null;
}
