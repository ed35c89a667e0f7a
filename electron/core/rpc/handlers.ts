import type { HandlerName, HandlerOutput, ParsedInput } from '../../../shared/contract/index.js';

/** A handler receives input already parsed by the contract's schema. */
export type Handler<K extends HandlerName> = (input: ParsedInput<K>) => Promise<HandlerOutput<K>>;

export type HandlerTable = { [K in HandlerName]: Handler<K> };

/** What one feature contributes: a slice of the table. */
export type FeatureHandlers = Partial<HandlerTable>;
