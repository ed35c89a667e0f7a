/** Building blocks for contract entries: a handler's input schema, output type and doc. */
import type { z } from 'zod';

/** Phantom marker carrying a handler's output type; it has no runtime content. */
export interface Returns<T> {
  readonly __returns?: T;
}
export const returns = <T>(): Returns<T> => ({});

export interface HandlerSpec<I extends z.ZodType, O> {
  input: I;
  output: Returns<O>;
  doc: string;
}

export const spec = <I extends z.ZodType, O>(input: I, output: Returns<O>, doc: string): HandlerSpec<I, O> => ({
  input,
  output,
  doc,
});
