"""The draft: the content files editors changed, in full, with a revision for conflict checks."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from api.db import Base, UTCDateTime


class ContentDraftFile(Base):
    """One changed content file. Residents never see it until it is published."""

    __tablename__ = "content_draft_files"

    path: Mapped[str] = mapped_column(String(255), primary_key=True)
    text: Mapped[str] = mapped_column(Text)
    # Raised by one on every save: a save based on an older revision is detected.
    revision: Mapped[int] = mapped_column(Integer)
    updated_by: Mapped[str] = mapped_column(String(64))
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime())
