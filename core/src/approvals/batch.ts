// Collects the requests made in one tick, so many elements cost one cache read and one request.
export function createBatch<T>(flush: (items: T[]) => Promise<void>): (item: T) => Promise<void> {
  let items: T[] = [];
  let pending: Promise<void> | undefined;
  return (item) => {
    items.push(item);
    pending ??= Promise.resolve().then(() => {
      const taken = items;
      items = [];
      pending = undefined;
      return flush(taken);
    });
    return pending;
  };
}
