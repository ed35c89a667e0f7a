/** Someone jobs can be assigned to: a worker seen in the change log, or a name typed as an assignee. */
export interface Person {
  /** The worker's stable profile id (their device id); null for a name typed by hand. */
  id: string | null;
  /** The latest name this person signed with (or the typed name). */
  name: string;
  /** True for the worker using this laptop. */
  me: boolean;
}
