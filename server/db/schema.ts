/** Drizzle table definitions mirroring the SQL migrations (the SQL files are the source of truth). */
import { bigint, boolean, char, doublePrecision, integer, jsonb, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';

const ts = (name: string) => timestamp(name, { withTimezone: true, mode: 'date' });

export const regions = pgTable('regions', {
  code: char('code', { length: 12 }).primaryKey(),
  name: text('name').notNull(),
  level: text('level').notNull(),
  parentCode: char('parent_code', { length: 12 }),
  path: text('path').notNull(),
  createdAt: ts('created_at').notNull().defaultNow(),
  updatedAt: ts('updated_at').notNull().defaultNow(),
});

export const grids = pgTable('grids', {
  code: char('code', { length: 15 }).primaryKey(),
  villageCode: char('village_code', { length: 12 }).notNull(),
  countyCode: char('county_code', { length: 6 }).notNull(),
  name: text('name').notNull(),
  geometry: jsonb('geometry').notNull(),
  minLng: doublePrecision('min_lng').notNull(),
  minLat: doublePrecision('min_lat').notNull(),
  maxLng: doublePrecision('max_lng').notNull(),
  maxLat: doublePrecision('max_lat').notNull(),
  duties: text('duties').array().notNull().default([]),
  createdAt: ts('created_at').notNull().defaultNow(),
  updatedAt: ts('updated_at').notNull().defaultNow(),
});

export const householdGroups = pgTable('household_groups', {
  id: uuid('id').primaryKey(),
  gridCode: char('grid_code', { length: 15 }).notNull(),
  countyCode: char('county_code', { length: 6 }).notNull(),
  name: text('name').notNull(),
  kind: text('kind').notNull(),
  leaderName: text('leader_name'),
  memberCount: integer('member_count').notNull().default(0),
  createdAt: ts('created_at').notNull().defaultNow(),
});

export const users = pgTable('users', {
  id: uuid('id').primaryKey(),
  username: text('username').notNull(),
  displayName: text('display_name').notNull(),
  role: text('role').notNull(),
  scopeCode: char('scope_code', { length: 12 }).notNull(),
  passwordHash: text('password_hash').notNull(),
  totpSecretEnc: text('totp_secret_enc'),
  totpEnrolledAt: ts('totp_enrolled_at'),
  failedLogins: integer('failed_logins').notNull().default(0),
  lockedUntil: ts('locked_until'),
  disabled: boolean('disabled').notNull().default(false),
  lastLoginAt: ts('last_login_at'),
  createdAt: ts('created_at').notNull().defaultNow(),
  updatedAt: ts('updated_at').notNull().defaultNow(),
});

export const gridStaff = pgTable('grid_staff', {
  id: uuid('id').primaryKey(),
  gridCode: char('grid_code', { length: 15 }).notNull(),
  countyCode: char('county_code', { length: 6 }).notNull(),
  role: text('role').notNull(),
  name: text('name').notNull(),
  userId: uuid('user_id'),
  createdAt: ts('created_at').notNull().defaultNow(),
});

export const sessions = pgTable('sessions', {
  idHash: text('id_hash').primaryKey(),
  userId: uuid('user_id').notNull(),
  stage: text('stage').notNull(),
  createdAt: ts('created_at').notNull(),
  lastSeenAt: ts('last_seen_at').notNull(),
  ip: text('ip'),
});

export const apiTokens = pgTable('api_tokens', {
  id: uuid('id').primaryKey(),
  name: text('name').notNull(),
  tokenHash: text('token_hash').notNull(),
  scopeCode: char('scope_code', { length: 12 }).notNull(),
  createdBy: uuid('created_by'),
  createdAt: ts('created_at').notNull().defaultNow(),
  lastUsedAt: ts('last_used_at'),
  revokedAt: ts('revoked_at'),
});

export const auditLog = pgTable('audit_log', {
  countyCode: char('county_code', { length: 6 }).notNull(),
  id: bigint('id', { mode: 'number' }).notNull(),
  at: ts('at').notNull(),
  actorId: text('actor_id'),
  actorName: text('actor_name'),
  action: text('action').notNull(),
  objectType: text('object_type'),
  objectId: text('object_id'),
  outcome: text('outcome').notNull(),
  ip: text('ip'),
  detail: jsonb('detail'),
  prevHash: char('prev_hash', { length: 64 }).notNull(),
  hash: char('hash', { length: 64 }).notNull(),
});
