import { useCallback, useEffect, useState } from 'react';

/**
 * A list read page by page ("voir plus"): `load(cursor)` gives a page and the next cursor (none
 * at the end). The first page loads on mount and when `load` changes.
 */
export function usePagedList<T>(
  load: (cursor?: number) => Promise<{ items: T[]; next: number | null }>,
) {
  const [items, setItems] = useState<T[]>([]);
  const [next, setNext] = useState<number | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [loading, setLoading] = useState(true);

  const fetchPage = useCallback(
    async (cursor?: number) => {
      setLoading(true);
      setError(null);
      try {
        const page = await load(cursor);
        setItems((previous) => (cursor === undefined ? page.items : [...previous, ...page.items]));
        setNext(page.next);
      } catch (caught) {
        setError(caught);
      } finally {
        setLoading(false);
      }
    },
    [load],
  );

  useEffect(() => {
    void fetchPage();
  }, [fetchPage]);

  const more = useCallback(() => {
    if (next !== null) void fetchPage(next);
  }, [fetchPage, next]);
  return { items, hasMore: next !== null, more, error, loading };
}
