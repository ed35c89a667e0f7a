/** The worker using this laptop; stored per device, it signs every edit. */
export interface Profile {
  name: string | null;
}

export interface SampleDataResult {
  sites: number;
  jobs: number;
  templates: number;
}
