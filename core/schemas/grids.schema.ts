import { z } from 'zod';
import { gridDuties, gridStaffRoles } from '../roles.ts';
import { Paging, RegionCode } from './common.schema.ts';

/** GET /api/grids */
export const GridListQuery = Paging.extend({
  /** Region node to list under (defaults to the user's scope). */
  region: RegionCode.optional(),
  /** Part of a grid name or code. */
  q: z.string().max(50).optional(),
});

/** GET /api/grids/geojson */
export const GridGeoQuery = z.object({ region: RegionCode.optional() });

/** PUT /api/grids/:code/duties */
export const GridDutiesSchema = z.object({ duties: z.array(z.enum(gridDuties)).max(gridDuties.length) });

/** POST /api/grids/:code/staff */
export const GridStaffCreateSchema = z.object({
  role: z.enum(gridStaffRoles),
  name: z.string().min(1).max(50),
});

/** GET /api/locate */
export const LocateQuery = z.object({
  lat: z.coerce.number().min(-90).max(90),
  lng: z.coerce.number().min(-180).max(180),
});

const Named = z.object({ code: z.string(), name: z.string() });
/** GET /api/locate answer. */
export const LocateResult = z.object({ grid: Named, village: Named, township: Named.nullable(), county: Named.nullable() });
