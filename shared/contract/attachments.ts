import { z } from 'zod';
import type { Attachment, AttachmentOriginal, CaptureSettings, ObjectStoreSettings, StoreTestResult, UploadEntry } from '../domain/attachments.js';
import { OWNER_TYPES } from '../domain/attachments.js';
import { endpointProblem } from '../object-store-url.js';
import { id } from './fields.js';
import { returns, spec } from './spec.js';

export const MAX_CAPTION = 500;
/**
 * Base64 text of the file. The schema only stops absurd payloads; the configured
 * size cap (25 MB by default) is checked in main, with the file's real size in the message.
 */
const MAX_BASE64 = 200 * 1024 * 1024;
export const caption = z.string().trim().max(MAX_CAPTION);

const endpoint = z
  .string()
  .trim()
  .max(2000)
  .superRefine((url, ctx) => {
    const problem = endpointProblem(url);
    if (problem) ctx.addIssue({ code: 'custom', message: problem });
  });

const bucket = z
  .string()
  .trim()
  .regex(/^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$/, 'must be a bucket name: 3–63 lower-case letters, digits, dots and hyphens');
const region = z
  .string()
  .trim()
  .regex(/^[a-z0-9-]{2,40}$/, 'must be a region such as us-east-1 or auto');
const accessKeyId = z.string().trim().min(1, 'is required').max(256);
const secretAccessKey = z.string().trim().min(1, 'is required').max(1024);
const prefix = z
  .string()
  .max(200)
  .regex(/^([A-Za-z0-9!_.*'()-]+\/)*$/, 'must be folder names ending in "/", e.g. fieldbook/photos/');

export const attachmentsContract = {
  'attachments.add': spec(
    z.strictObject({
      ownerType: z.enum(OWNER_TYPES),
      ownerId: id,
      /** The file's bytes, base64. */
      data: z.string().min(1, 'is required').max(MAX_BASE64).regex(/^[A-Za-z0-9+/]*={0,2}$/, 'is not base64'),
      caption: caption.optional(),
      /** The file's time, ISO 8601: taken-at when the photo's EXIF has no DateTimeOriginal. */
      takenAt: z.iso.datetime({ offset: true }).optional(),
      /**
       * Keep the photo's GPS position, as latitude/longitude on the record (the stored
       * file keeps no metadata at all). Omitted: this laptop's remembered choice for the workspace.
       */
      keepLocation: z.boolean().optional(),
    }),
    returns<Attachment>(),
    'Add a photo (or, on a sign-off, the drawn signature) to a job, checklist item, note or sign-off. Decoded and downscaled in main; uploaded in the background.',
  ),
  'attachments.list': spec(
    z.strictObject({ jobId: id, includeDeleted: z.boolean().optional() }),
    returns<Attachment[]>(),
    'Every photo and signature of a job (its items, notes and sign-offs included), oldest first, with thumbnails.',
  ),
  'attachments.original': spec(
    z.strictObject({ id }),
    returns<AttachmentOriginal>(),
    'The full photo: from this laptop, else downloaded from the photo store (NOT_FOUND in plain words when it cannot be had now).',
  ),
  'attachments.setCaption': spec(z.strictObject({ id, caption }), returns<Attachment>(), "Change a photo's caption."),
  'attachments.delete': spec(z.strictObject({ id }), returns<Attachment>(), 'Delete a photo (a tombstone: attachments.restore brings it back).'),
  'attachments.restore': spec(z.strictObject({ id }), returns<Attachment>(), 'Restore a deleted photo.'),
  'attachments.uploads': spec(z.strictObject({}), returns<UploadEntry[]>(), "This laptop's photo upload queue, newest first."),
  'attachments.captureSettings': spec(z.strictObject({}), returns<CaptureSettings>(), 'This laptop’s capture choices for the open workspace (Keep location; off by default).'),
  'attachments.setCaptureSettings': spec(
    z.strictObject({ keepLocation: z.boolean() }),
    returns<CaptureSettings>(),
    'Remember whether photos added on this laptop keep their GPS position, for the open workspace.',
  ),
  'settings.getObjectStore': spec(z.strictObject({}), returns<ObjectStoreSettings>(), 'Where photos are stored; the secret is never returned.'),
  'settings.setObjectStore': spec(
    z.strictObject({
      /** null: AWS S3's own endpoint for the region. */
      endpoint: endpoint.nullable(),
      bucket,
      region,
      accessKeyId,
      /** Omit to keep the stored secret (only while the endpoint keeps its origin); null removes it. */
      secretAccessKey: secretAccessKey.nullable().optional(),
      prefix: prefix.optional(),
      /** As for the database token: where the OS stores secrets only as plain text, this confirms the user agreed. */
      allowPlainTextSecret: z.boolean().optional(),
    }),
    returns<ObjectStoreSettings>(),
    'Point photo uploads at an S3-compatible bucket; the secret is encrypted in main and never returned.',
  ),
  'settings.testObjectStore': spec(
    z.strictObject({
      /** Each field omitted is taken from the saved settings; give them to test before saving. */
      endpoint: endpoint.nullable().optional(),
      bucket: bucket.optional(),
      region: region.optional(),
      accessKeyId: accessKeyId.optional(),
      /** Omitted, the saved secret is used only for the endpoint it was saved with. */
      secretAccessKey: secretAccessKey.optional(),
      prefix: prefix.optional(),
    }),
    returns<StoreTestResult>(),
    'Try the photo store: a small test upload and read-back under the photo prefix, with each failure in plain words. Secrets are never returned.',
  ),
} as const;
