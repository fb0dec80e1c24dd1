"""The editors' workspace: the content tree, its catalog of texts and examples, and drafts."""
