/**
 * Turns schema issues into sentences a field worker can act on: which field, in
 * their words, and what is wrong with it, never a handler name or a schema path.
 * Main builds INVALID_INPUT messages with it and the renderer's forms use it for
 * the same schemas, so a worker reads the same words either way.
 */
import type { z } from 'zod';

/** Field names as a worker calls them. */
const LABELS: Record<string, string> = {
  title: 'The title',
  description: 'The description',
  siteId: 'The site',
  priority: 'The priority',
  status: 'The status',
  assignee: 'The assignee',
  dueDate: 'The due date',
  dueFrom: '“Due from”',
  dueTo: '“Due to”',
  search: 'The search text',
  sort: 'The sort order',
  direction: 'The sort direction',
  limit: 'The page size',
  cursor: 'The list position',
  assignedToMe: '“Assigned to me”',
  id: 'The record reference',
  jobId: 'The job reference',
  templateId: 'The checklist template',
  inspectionId: 'The checklist reference',
  itemId: 'The checklist item reference',
  address: 'The address',
  latitude: 'The latitude',
  longitude: 'The longitude',
  contact: 'The contact',
  notes: '“Site notes”',
  items: 'The checklist',
  result: 'The answer',
  comment: 'The comment',
  measurement: 'The measurement',
  unit: 'The unit',
  body: 'The note',
  name: 'The name',
  url: 'The primary URL',
  authToken: 'The auth token',
  allowPlainTextToken: 'The choice to keep the token in plain text',
  entity: 'The record type',
  entityId: 'The record reference',
  changeId: 'The change reference',
  field: 'The field name',
  key: 'The draft name',
  value: 'The draft',
  at: 'The moment',
  since: '“Since”',
  until: '“Until”',
  personId: 'The person',
  kinds: 'The kinds of change',
  photoOnFail: 'The list of items needing a photo when failed',
  keepLocation: 'The choice to keep the location',
  endpoint: 'The endpoint',
  bucket: 'The bucket',
  region: 'The region',
  accessKeyId: 'The access key',
  secretAccessKey: 'The secret',
  prefix: 'The key prefix',
};

/** The same field name means something more specific in one feature. */
const FEATURE_LABELS: Record<string, string> = {
  'sites.name': 'The site name',
  'sites.id': 'The site reference',
  'templates.name': 'The template name',
  'templates.id': 'The template reference',
  'profile.name': 'Your name',
  'jobs.id': 'The job reference',
  'inspections.id': 'The checklist reference',
  'workspace.name': 'The workspace name',
  'workspace.id': 'The workspace reference',
  'workspace.file': 'The backup file',
  'reports.from': '“From”',
  'reports.to': '“To”',
};

/** What one entry of a list field is called: ['items', 1] is "Item 2 of the checklist". */
const ENTRY_LABELS: Record<string, string> = { items: 'Item' };
/** Lists that are filters: one wrong entry is "A status in the filter". */
const FILTER_ENTRY_LABELS: Record<string, string> = { status: 'A status in the filter', priority: 'A priority in the filter' };

type Path = readonly PropertyKey[];

function lowerFirst(text: string): string {
  return text.startsWith('The ') ? `the ${text.slice(4)}` : text;
}

/** "The title", "Item 2 of the checklist", or "The request" for the input as a whole. */
export function fieldLabel(path: Path, feature?: string): string {
  const named = (key: string) => (feature && FEATURE_LABELS[`${feature}.${key}`]) || LABELS[key];
  const last = path[path.length - 1];
  const parent = path[path.length - 2];
  if (typeof last === 'number' && typeof parent === 'string') {
    if (FILTER_ENTRY_LABELS[parent]) return FILTER_ENTRY_LABELS[parent];
    const list = named(parent) ?? 'the list';
    return `${ENTRY_LABELS[parent] ?? 'Entry'} ${last + 1} of ${lowerFirst(list)}`;
  }
  for (let i = path.length - 1; i >= 0; i--) {
    const key = path[i];
    if (typeof key === 'string') return named(key) ?? `The field “${key.slice(0, 40)}”`;
  }
  return 'The request';
}

const TYPE_WORDS: Record<string, string> = {
  string: 'must be text',
  number: 'must be a number',
  int: 'must be a whole number',
  boolean: 'must be yes or no',
  array: 'must be a list',
  object: 'must be a set of fields',
  record: 'must be a set of fields',
};

/** Zod's own messages start like this; ours (schema phrases such as "must be a date like 2026-12-31") do not. */
const ZOD_DEFAULT = /^(Invalid|Too (small|big)|Unrecognized|Expected|Required)/;

function valueAt(input: unknown, path: Path): unknown {
  let value = input;
  for (const key of path) {
    if (value === null || typeof value !== 'object') return undefined;
    value = Object.prototype.hasOwnProperty.call(value, key) ? (value as Record<PropertyKey, unknown>)[key] : undefined;
  }
  return value;
}

const count = (n: number | bigint, one: string, many: string) => `${n} ${Number(n) === 1 ? one : many}`;

/** The phrase after the label: "is too long: at most 200 characters". */
export function plainPhrase(issue: z.core.$ZodIssue, input: unknown): string {
  const own = issue.message && !ZOD_DEFAULT.test(issue.message) ? issue.message : null;
  switch (issue.code) {
    case 'too_big':
      if (issue.origin === 'string') return `is too long: at most ${count(issue.maximum, 'character', 'characters')}`;
      if (issue.origin === 'array' || issue.origin === 'set') return `has too many entries: at most ${issue.maximum}`;
      return own ?? `must be at most ${issue.maximum}`;
    case 'too_small':
      if (issue.origin === 'string') return own ?? (Number(issue.minimum) <= 1 ? 'is required' : `is too short: at least ${count(issue.minimum, 'character', 'characters')}`);
      if (issue.origin === 'array' || issue.origin === 'set') return own ?? `needs at least ${issue.minimum}`;
      return own ?? `must be at least ${issue.minimum}`;
    case 'invalid_type':
      if (valueAt(input, issue.path) === undefined) return 'is missing';
      return TYPE_WORDS[issue.expected] ?? 'has the wrong kind of value';
    case 'invalid_value':
      return `must be one of: ${issue.values.map(String).join(', ')}`;
    case 'unrecognized_keys':
      return `has ${issue.keys.length === 1 ? 'a field' : 'fields'} Fieldbook does not know: ${issue.keys
        .slice(0, 3)
        .map((k) => `“${k.slice(0, 40)}”`)
        .join(', ')}`;
    case 'invalid_key':
    case 'invalid_element': {
      // A record key or map entry: the reason is the inner issue's (e.g. "must be a form field name").
      const inner = issue.issues[0];
      return inner?.message && !ZOD_DEFAULT.test(inner.message) ? inner.message : 'is not valid';
    }
    default:
      return own ?? 'is not valid';
  }
}

/** One sentence for one issue: "Item 2 of the checklist is too long: at most 300 characters." */
export function plainIssue(issue: z.core.$ZodIssue, input: unknown, feature?: string): string {
  return `${fieldLabel(issue.path, feature)} ${plainPhrase(issue, input)}.`;
}

/** The message a worker sees for a refused input: at most three sentences. */
export function plainIssues(issues: readonly z.core.$ZodIssue[], input: unknown, feature?: string): string {
  const sentences = [...new Set(issues.map((issue) => plainIssue(issue, input, feature)))];
  const shown = sentences.slice(0, 3).join(' ');
  return sentences.length > 3 ? `${shown} (and ${sentences.length - 3} more)` : shown;
}

/** For logs and tests: the schema path and zod's wording, e.g. "items.1 too_big". */
export function technicalIssues(issues: readonly z.core.$ZodIssue[]): string {
  return issues
    .slice(0, 5)
    .map((issue) => `${issue.path.length > 0 ? issue.path.map(String).join('.') : 'input'} ${issue.code}: ${issue.message}`)
    .join('; ');
}
