import { defineEntity } from '../../changes/entity.js';

export const inspectionEntity = defineEntity('inspection', 'inspections', {
  jobId: 'job_id',
  templateId: 'template_id',
  templateName: 'template_name',
  signedOffAt: 'signed_off_at',
  signedOffBy: 'signed_off_by',
});

/** One row per item, so two workers answering different items never collide. */
export const inspectionItemEntity = defineEntity('inspection_item', 'inspection_items', {
  inspectionId: 'inspection_id',
  position: 'position',
  label: 'label',
  result: 'result',
  comment: 'comment',
  measurement: 'measurement',
  unit: 'unit',
  photoOnFail: 'photo_on_fail',
});
