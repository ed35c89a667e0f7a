import { defineEntity } from '../../changes/entity.js';

export const siteEntity = defineEntity('site', 'sites', {
  name: 'name',
  address: 'address',
  latitude: 'latitude',
  longitude: 'longitude',
  contact: 'contact',
  notes: 'notes',
});
