-- Reports that survive outages (feed spec v1.2): the newest hash the hub holds for each install (its
-- `lastHash` when a chain refusal asks the client to resync), and the hashes of entries refused for
-- their content, which the chain goes on from.
ALTER TABLE installs ADD COLUMN chain_head text;
ALTER TABLE rejections ADD COLUMN hash text;
CREATE INDEX rejections_install_hash ON rejections (install_id, hash) WHERE hash IS NOT NULL;
CREATE INDEX rejections_install_entry ON rejections (install_id, entry_id);
