/** The browser tab's title. */
import { useEffect } from 'react';

/** Sets document.title to the parts joined with " · " (the page first, the app last). */
export function useDocumentTitle(parts: string[]): void {
  const joined = parts.join(' · ');
  useEffect(() => {
    document.title = joined;
  }, [joined]);
}
