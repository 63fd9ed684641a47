-- Issue 10: anonymous uploads could fill the disk. Each upload now records the address it came from, so unclaimed
-- files (not yet attached to a report) are limited per address and in all; unclaimed files older than a day are
-- purged (file and row) by the scheduler. Rows written before have no address: they count only in the total.
ALTER TABLE uploads ADD COLUMN uploader_ip text;
CREATE INDEX uploads_unclaimed_idx ON uploads (created_at) WHERE NOT claimed;
CREATE INDEX uploads_unclaimed_ip_idx ON uploads (uploader_ip) WHERE NOT claimed;

-- /healthz proves that the database still commits a write (a full disk or a read-only standby answers reads).
CREATE TABLE heartbeat (
  id smallint PRIMARY KEY CHECK (id = 1),
  at timestamptz NOT NULL
);
