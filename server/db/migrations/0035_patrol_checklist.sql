-- 0035 (issue 16, session 12): a patrol keeps the 六必查 checklist its end record carries. The answers (what was
-- checked and where a problem was seen) are stored only encrypted, like a visit's sensitive answers, with the
-- template version they were given against; both stay empty for an end without a checklist. Written once, by the
-- first end: ending again keeps them.
ALTER TABLE patrols ADD COLUMN checklist_template_id uuid;
ALTER TABLE patrols ADD COLUMN checklist_enc text;
