-- Code tables as data (GB/T 31000 "9+X"): national tables ship as versioned files with their source and are
-- loaded at start; a county adds its own local tables (the "X"). Nothing in the code enumerates these values.
CREATE TABLE code_tables (
  id           text PRIMARY KEY CHECK (id ~ '^[a-z][a-z0-9_.]{1,63}$'),
  name         text NOT NULL,
  name_en      text,
  -- '000000' for a national table shipped with the system; a county's code for its local table
  county_code  char(6) NOT NULL DEFAULT '000000',
  version      text NOT NULL,
  source       text NOT NULL,
  -- how sure the source is: V (cited text seen), I (from an implementation), M (general knowledge: check it), L (local)
  confidence   char(1) NOT NULL CHECK (confidence IN ('V', 'I', 'M', 'L')),
  -- SM3 of the shipped file: a national table is reloaded when its file changes
  content_hash text,
  loaded_at    timestamptz NOT NULL
);

CREATE TABLE code_items (
  table_id     text NOT NULL REFERENCES code_tables (id) ON DELETE CASCADE,
  code         text NOT NULL CHECK (length(code) BETWEEN 1 AND 32),
  name         text NOT NULL,
  name_en      text,
  -- for hierarchical tables (e.g. a kind and its subkinds)
  parent_code  text,
  sort         integer NOT NULL DEFAULT 0,
  active       boolean NOT NULL DEFAULT true,
  PRIMARY KEY (table_id, code)
);
