-- Issue 14: written documents (PDF notices) of any record, and their service (送达) to whom they are addressed.
-- A document's file is in the file store (encrypted); the row keeps what the audit and the reader need: the
-- template, the SM3 of the exact bytes, who may read it (a permission and the record's region), and whether it
-- holds personal data. Review windows run from service, so every delivery is a row with its proof.
CREATE TABLE documents (
  county_code     char(6) NOT NULL,
  id              uuid NOT NULL,
  -- the region of the record it belongs to: a reader sees it only when this lies in their scope
  region_code     char(12) NOT NULL CHECK (region_code ~ '^[0-9]{12}$'),
  subject_type    text NOT NULL CHECK (subject_type ~ '^[a-z][a-z_]{0,39}$'),
  subject_id      uuid NOT NULL,
  subject_code    text NOT NULL,
  template        text NOT NULL CHECK (template ~ '^[a-z][a-z_]*\.[a-z][a-z_]*$'),
  title           text NOT NULL,
  file_name       text NOT NULL,
  read_permission text NOT NULL,
  personal        boolean NOT NULL,
  storage_key     text NOT NULL,
  size            integer NOT NULL CHECK (size > 0),
  pages           integer NOT NULL CHECK (pages > 0),
  sm3             char(64) NOT NULL,
  created_by      text NOT NULL,
  created_at      timestamptz NOT NULL,
  PRIMARY KEY (county_code, id)
);
CREATE INDEX documents_subject_idx ON documents (county_code, subject_type, subject_id, created_at);

CREATE TABLE document_services (
  county_code      char(6) NOT NULL,
  id               uuid NOT NULL,
  document_id      uuid NOT NULL,
  method           text NOT NULL CHECK (method IN ('in_person', 'post', 'sms_link')),
  served_at        timestamptz NOT NULL,
  -- post: the tracking number of the registered letter (its return slip is the proof)
  tracking_no      text CHECK (method <> 'post' OR tracking_no IS NOT NULL),
  -- uploads (a signed receipt, a return slip) claimed by this service record
  proof_upload_ids uuid[] NOT NULL DEFAULT '{}',
  note             text,
  recorded_by      text NOT NULL,
  recorded_at      timestamptz NOT NULL,
  PRIMARY KEY (county_code, id)
);
ALTER TABLE document_services ADD CONSTRAINT document_services_document_fk FOREIGN KEY (county_code, document_id) REFERENCES documents (county_code, id);
CREATE INDEX document_services_document_idx ON document_services (county_code, document_id);
