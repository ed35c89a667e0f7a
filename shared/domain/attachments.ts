/** Photos and signatures attached to a job, a checklist item, a note or a sign-off. */
export const OWNER_TYPES = ['job', 'inspection_item', 'note', 'sign_off'] as const;
export type AttachmentOwnerType = (typeof OWNER_TYPES)[number];
export type AttachmentKind = 'photo' | 'signature';

export const UPLOAD_STATES = ['waiting', 'uploading', 'uploaded', 'failed'] as const;
export type UploadState = (typeof UPLOAD_STATES)[number];

export interface Attachment {
  id: string;
  jobId: string;
  ownerType: AttachmentOwnerType;
  /** The job, checklist item, note, or (for a signature) the inspection signed off. */
  ownerId: string;
  kind: AttachmentKind;
  /** sha256 of the stored original: its name in the object store and on every laptop. */
  sha256: string;
  mediaType: string;
  byteSize: number;
  width: number;
  height: number;
  caption: string;
  /** When the photo was taken: its EXIF DateTimeOriginal, else the file's time, else when it was added. */
  takenAt: string | null;
  /** Where, in degrees (north and east positive), only when the worker kept the location; else null. */
  latitude: number | null;
  longitude: number | null;
  createdAt: string;
  createdBy: string;
  deletedAt: string | null;
  /** A `data:` URL of the small thumbnail kept in the replica, or null while it has not arrived. */
  thumbnail: string | null;
  /** The original is on this laptop (opens offline). */
  originalHere: boolean;
  /** This laptop's upload of the original, or null when it was added elsewhere or is done long ago. */
  upload: UploadState | null;
}

/** This laptop's capture choices for the open workspace (never synced). */
export interface CaptureSettings {
  /** Keep the photo's GPS position (on the record; the file keeps no metadata). Off by default. */
  keepLocation: boolean;
}

export interface AttachmentOriginal {
  id: string;
  mediaType: string;
  /** A `data:` URL of the original. */
  dataUrl: string;
}

export interface UploadEntry {
  sha256: string;
  state: UploadState;
  byteSize: number;
  attempts: number;
  /** Plain words of the last failure, while waiting to retry. */
  lastError: string | null;
  nextAttemptAt: string | null;
  updatedAt: string;
}

export interface ObjectStoreSettings {
  /** null: AWS S3's own endpoint for the region. */
  endpoint: string | null;
  bucket: string | null;
  region: string;
  accessKeyId: string | null;
  /** A secret is stored (never returned). */
  hasSecret: boolean;
  /** Keys are `<prefix><sha256>`. */
  prefix: string;
  /** Settings name no store and `npm start`'s local one is used. */
  usingDefault: boolean;
  secureStorage: boolean;
}

/** "Test photo storage": what failed, in plain words; secrets never appear. */
export interface StoreTestResult {
  ok: boolean;
  /** null when it works. */
  problem: 'incomplete' | 'unreachable' | 'credentials' | 'bucket' | 'write' | 'read' | 'other' | null;
  message: string;
  /** Time of the test upload, when the store answered. */
  latencyMs: number | null;
}
