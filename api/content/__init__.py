"""The editors' workspace: content files, drafts, checks, versions and publishing (issue 14)."""
