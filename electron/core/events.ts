import type { EventName, EventPayloads } from '../../shared/contract/index.js';

export type EventListener = <E extends EventName>(event: E, payload: EventPayloads[E]) => void;

/** Fan-out of main → renderer events to every connected transport. */
export class EventHub {
  private readonly listeners = new Set<EventListener>();

  on(listener: EventListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  emit<E extends EventName>(event: E, payload: EventPayloads[E]): void {
    for (const listener of this.listeners) listener(event, payload);
  }
}
