/**
 * What a schema reader works with: where its messages go and which block they
 * name, and the drafts' building block, a value with the place it was set.
 */
import { Diagnostics, referTo } from '../config-message.js';
import type { ConfigMessageCode, SourceLocation } from '../config-types.js';

/** A value read from the file, with where it was written. */
export interface Setting<T> {
  readonly value: T;
  readonly location: SourceLocation;
}

export class SchemaContext {
  readonly diagnostics: Diagnostics;
  /** The block messages name, e.g. `vrrp_instance VI_1`; undefined at the top level. */
  readonly block: string | undefined;

  constructor(diagnostics: Diagnostics, block: string | undefined) {
    this.diagnostics = diagnostics;
    this.block = block;
  }

  error(location: SourceLocation, text: string, code?: ConfigMessageCode): void {
    this.diagnostics.error(location, text, this.block, code);
  }

  warning(location: SourceLocation, text: string, code?: ConfigMessageCode): void {
    this.diagnostics.warning(location, text, this.block, code);
  }

  /** The context for the statements of a nested block, e.g. a vrrp_instance at the top level. */
  within(block: string): SchemaContext {
    return new SchemaContext(this.diagnostics, block);
  }
}

/**
 * A keyword set a second time: as in keepalived, the later value wins
 * (its handlers overwrite), and the operator is told about the earlier one.
 */
export function replaceSetting<T>(
  previous: Setting<T> | undefined,
  next: Setting<T>,
  keyword: string,
  context: SchemaContext,
): Setting<T> {
  if (previous !== undefined) {
    context.warning(
      next.location,
      `${keyword} is already set at ${referTo(previous.location, next.location)}; this later value replaces it`,
    );
  }
  return next;
}
