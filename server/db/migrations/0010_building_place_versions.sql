-- Buildings and places are corrected after they are registered (a name, a point, a contact): edits carry the
-- version read, as persons and households do, so two people correcting one record do not overwrite each other.
ALTER TABLE buildings ADD COLUMN version integer NOT NULL DEFAULT 0;
ALTER TABLE places ADD COLUMN version integer NOT NULL DEFAULT 0;
