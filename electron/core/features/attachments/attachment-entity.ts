import { defineEntity } from '../../changes/entity.js';

/** The record of a photo or signature; the thumbnail is in `attachment_thumbnails`, the original is a blob. */
export const attachmentEntity = defineEntity('attachment', 'attachments', {
  jobId: 'job_id',
  ownerType: 'owner_type',
  ownerId: 'owner_id',
  kind: 'kind',
  sha256: 'sha256',
  mediaType: 'media_type',
  byteSize: 'byte_size',
  width: 'width',
  height: 'height',
  caption: 'caption',
  takenAt: 'taken_at',
  latitude: 'latitude',
  longitude: 'longitude',
});
