import { z } from 'zod';
import type { Note } from '../domain/notes.js';
import { id, MAX_NOTE } from './fields.js';
import { returns, spec } from './spec.js';

export const noteBody = z.string().trim().min(1, 'is required').max(MAX_NOTE);

export const notesContract = {
  'notes.list': spec(z.strictObject({ jobId: id }), returns<Note[]>(), "A job's timeline, oldest first."),
  'notes.add': spec(
    z.strictObject({
      jobId: id,
      body: noteBody,
    }),
    returns<Note>(),
    "Append a note to a job's timeline (notes are never edited or removed).",
  ),
} as const;
