"""Pure deduplication: fingerprints, near-duplicates and story matching. No database."""
