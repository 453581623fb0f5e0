// Offset paging shared by both connectors: Coupa's bare arrays (stop on a short page) and Workday's {total, data}.
import { throwIfAborted } from './cancellation';

export interface Page<T> {
  items: readonly T[];
  /** Total count when the API reports one (Workday); undefined for Coupa. */
  total?: number | null | undefined;
}

/**
 * Yields every item of an offset-paged collection: asks for `pageSize` rows at a time and stops on a
 * short or empty page, or once `total` (when given) is reached. Once `signal` aborts, no further
 * page is asked for: the iteration throws the abort reason.
 */
export async function* paginateByOffset<T>(
  fetchPage: (offset: number, limit: number) => Promise<Page<T>>,
  pageSize: number,
  signal?: AbortSignal,
): AsyncGenerator<T, void, undefined> {
  let offset = 0;
  for (;;) {
    throwIfAborted(signal);
    const page = await fetchPage(offset, pageSize);
    for (const item of page.items) yield item;
    offset += page.items.length;
    if (page.items.length === 0 || page.items.length < pageSize) return;
    if (typeof page.total === 'number' && offset >= page.total) return;
  }
}

/** Collects an async iterable into an array (for collections known to be small). */
export async function collect<T>(iterable: AsyncIterable<T>): Promise<T[]> {
  const out: T[] = [];
  for await (const item of iterable) out.push(item);
  return out;
}
