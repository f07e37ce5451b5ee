-- The media library: uploads with their resized variants, who uploaded them.
ALTER TABLE media ADD COLUMN variant_widths TEXT NOT NULL DEFAULT '';
ALTER TABLE media ADD COLUMN uploaded_by BIGINT REFERENCES users (id) ON DELETE SET NULL;
ALTER TABLE media ADD COLUMN original_file TEXT;
