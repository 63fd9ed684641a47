/** What the region routes and /api/config answer. */
import { z } from 'zod';

/** A region node with the counts the home page and the grid browser show. */
export const RegionNode = z.object({ code: z.string(), name: z.string(), level: z.string(), childCount: z.number().optional(), gridCount: z.number() });
export type RegionNode = z.infer<typeof RegionNode>;

/** The public client configuration (map tiles are optional). */
export const ClientConfig = z.object({ tileUrl: z.string(), tileAttribution: z.string(), demo: z.boolean().optional() });
export type ClientConfig = z.infer<typeof ClientConfig>;

/** A region found by name, with the names of its ancestors below my scope's top (e.g. "浩门镇 / 城关社区"). */
export const RegionMatch = z.object({ code: z.string(), name: z.string(), level: z.string(), label: z.string() });
export type RegionMatch = z.infer<typeof RegionMatch>;
