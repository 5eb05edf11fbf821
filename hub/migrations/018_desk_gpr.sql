-- The GPR feed as the desk's inbox of drafts (issue 30): an item imported from GPR keeps the GPR
-- article's address, so the same article is never imported twice into one library, and the list
-- marks it "dari GPR".
ALTER TABLE desk_items ADD COLUMN gpr_link text;
CREATE UNIQUE INDEX desk_items_gpr_link ON desk_items (library_id, gpr_link);
