import { defineEntity } from '../../changes/entity.js';

export const jobEntity = defineEntity('job', 'jobs', {
  title: 'title',
  description: 'description',
  siteId: 'site_id',
  priority: 'priority',
  status: 'status',
  assignee: 'assignee',
  assigneeId: 'assignee_id',
  dueDate: 'due_date',
});
