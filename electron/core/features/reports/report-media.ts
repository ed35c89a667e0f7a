/**
 * Photos and the signature image a report shows. They come from the photos
 * feature (issue "Photos, signatures and attachments", built on another branch);
 * until it lands there is no attachment table, so NO_REPORT_MEDIA answers nothing
 * and a report simply has no photos. The photos feature implements this interface
 * (offline: the full image when on this laptop, else its thumbnail with a note).
 */

export interface ReportImage {
  /**
   * JPEG or PNG bytes (what the PDF library embeds). The report takes them over: bytes that own
   * their memory are moved to the report worker (emptied here), so answer fresh bytes per call.
   */
  data: Buffer;
  /** Shown under the image, e.g. the file name or the worker's caption. */
  caption: string;
  /** Set when the image is a stand-in, e.g. "Thumbnail: the full photo is not on this laptop yet." */
  note?: string;
}

export interface ReportMedia {
  /** Photos attached to the job itself, in the order to show them. */
  jobPhotos(jobId: string): Promise<ReportImage[]>;
  /** Photos per checklist item id of one inspection. */
  itemPhotos(inspectionId: string): Promise<Map<string, ReportImage[]>>;
  /** The sign-off's signature image, or null when none was drawn. */
  signature(inspectionId: string): Promise<ReportImage | null>;
}

export const NO_REPORT_MEDIA: ReportMedia = {
  jobPhotos: async () => [],
  itemPhotos: async () => new Map(),
  signature: async () => null,
};
