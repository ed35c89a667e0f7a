import { defineEntity } from '../../changes/entity.js';

/** Items are one JSON array field: a template's item order is edited as a whole. */
export const templateEntity = defineEntity('template', 'checklist_templates', {
  name: 'name',
  items: 'items',
  photoOnFail: 'photo_on_fail',
});
