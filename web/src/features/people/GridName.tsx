/** A grid shown by its name (from its village's grid list, cached), never by its 15-digit code once the name is known. */
import { useGridsOf } from './people.api';

export function GridName({ code }: { code: string }) {
  const grids = useGridsOf(code.slice(0, 12)).data;
  return <>{grids?.find((g) => g.code === code)?.name ?? code}</>;
}
