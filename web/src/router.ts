/** A tiny History-API router: the app has a handful of top-level pages, not worth a routing library. */
import { useEffect, useState } from 'react';

const listeners = new Set<() => void>();

/** Goes to a path and tells every listener. */
export function navigate(path: string): void {
  if (path !== location.pathname) history.pushState(null, '', path);
  listeners.forEach((l) => l());
}

/** The current path, updated on navigation and back/forward. */
export function usePath(): string {
  const [path, setPath] = useState(location.pathname);
  useEffect(() => {
    const update = () => setPath(location.pathname);
    listeners.add(update);
    window.addEventListener('popstate', update);
    return () => {
      listeners.delete(update);
      window.removeEventListener('popstate', update);
    };
  }, []);
  return path;
}
