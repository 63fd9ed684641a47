-- 0031 (issue 15 items 5–8): the mediation agreement (调解协议书), its signatures and taking effect, judicial
-- confirmation (司法确认), performance of each agreed term, and the file's uploads (身份证明, signed scans …).
-- Every table is keyed (county_code, …), distributed by county and co-located with disputes; the keys to disputes
-- carry county_code (Citus).

-- One agreement per dispute: written (its document) or oral (its content on the dispute); when it took effect;
-- and the judicial confirmation that may follow.
CREATE TABLE dispute_agreements (
  county_code      char(6) NOT NULL,
  dispute_id       uuid NOT NULL,
  form             text NOT NULL,
  -- 文书编号 and the stored 调解协议书 (written agreements only).
  doc_no           text,
  document_id      uuid,
  points           text,
  responsibility   text,
  -- Identity, adoption or marriage-status matters (core/mediation/judicial-confirmation.ts): no confirmation.
  status_matter    text,
  -- The last signature or seal (written), or when it was reached (oral).
  effective_at     timestamptz,
  confirmation_court        text,
  confirmation_applied_at   timestamptz,
  -- 调确字 case number once the court accepted.
  confirmation_case_no      text,
  confirmation_accepted_at  timestamptz,
  -- Who approved the court's 10 more days (院长批准), recorded.
  confirmation_extended_by  text,
  confirmation_outcome      text,
  confirmation_decided_at   timestamptz,
  confirmation_note         text,
  created_at       timestamptz NOT NULL,
  updated_at       timestamptz NOT NULL,
  PRIMARY KEY (county_code, dispute_id)
);
ALTER TABLE dispute_agreements ADD CONSTRAINT dispute_agreements_dispute_fkey FOREIGN KEY (county_code, dispute_id) REFERENCES disputes (county_code, id) ON DELETE CASCADE;
ALTER TABLE dispute_agreements ADD CONSTRAINT dispute_agreements_form_check CHECK (form IN ('written','oral'));
ALTER TABLE dispute_agreements ADD CONSTRAINT dispute_agreements_matter_check CHECK (status_matter IS NULL OR status_matter IN ('identity','adoption','marriage_status'));
ALTER TABLE dispute_agreements ADD CONSTRAINT dispute_agreements_outcome_check CHECK (confirmation_outcome IS NULL OR confirmation_outcome IN ('confirmed','invalid','not_accepted'));

-- The agreed terms: what, how, where, by when; each deadline is a performance follow-up (回访) with its result.
CREATE TABLE dispute_agreement_terms (
  county_code      char(6) NOT NULL,
  dispute_id       uuid NOT NULL,
  position         smallint NOT NULL,
  content          text NOT NULL,
  manner           text NOT NULL,
  place            text,
  deadline         date NOT NULL,
  performance      text,
  performance_note text,
  performance_at   timestamptz,
  created_at       timestamptz NOT NULL,
  PRIMARY KEY (county_code, dispute_id, position)
);
ALTER TABLE dispute_agreement_terms ADD CONSTRAINT dispute_agreement_terms_dispute_fkey FOREIGN KEY (county_code, dispute_id) REFERENCES disputes (county_code, id) ON DELETE CASCADE;
ALTER TABLE dispute_agreement_terms ADD CONSTRAINT dispute_agreement_terms_performance_check CHECK (performance IS NULL OR performance IN ('performed','partly','not'));
CREATE INDEX dispute_agreement_terms_due_idx ON dispute_agreement_terms (county_code, deadline) WHERE performance IS NULL OR performance <> 'performed';

-- Signatures of the agreement: each party (by id), the mediator, the committee's seal; once each.
CREATE TABLE dispute_signatures (
  county_code  char(6) NOT NULL,
  dispute_id   uuid NOT NULL,
  -- A party's id, 'mediator' or 'committee'.
  signer       text NOT NULL,
  method       text NOT NULL,
  upload_id    uuid,
  signed_at    timestamptz NOT NULL,
  recorded_by  uuid,
  PRIMARY KEY (county_code, dispute_id, signer)
);
ALTER TABLE dispute_signatures ADD CONSTRAINT dispute_signatures_dispute_fkey FOREIGN KEY (county_code, dispute_id) REFERENCES disputes (county_code, id) ON DELETE CASCADE;
ALTER TABLE dispute_signatures ADD CONSTRAINT dispute_signatures_method_check CHECK (method IN ('screen','seal','fingerprint','scan'));

-- Files of the mediation file (卷宗) that are uploads: identity proofs, signed scans, evidence, proof of performance.
CREATE TABLE dispute_files (
  county_code  char(6) NOT NULL,
  dispute_id   uuid NOT NULL,
  upload_id    uuid NOT NULL,
  kind         text NOT NULL,
  title        text,
  created_by   uuid,
  created_at   timestamptz NOT NULL,
  PRIMARY KEY (county_code, dispute_id, upload_id)
);
ALTER TABLE dispute_files ADD CONSTRAINT dispute_files_dispute_fkey FOREIGN KEY (county_code, dispute_id) REFERENCES disputes (county_code, id) ON DELETE CASCADE;
ALTER TABLE dispute_files ADD CONSTRAINT dispute_files_kind_check CHECK (kind IN ('application','identity','authorization','investigation','evidence','signature','performance','confirmation','other'));
