"""Say whether a story's first and last publication times came with a UTC offset.

An article whose page gave no offset keeps its wall-clock time as if UTC, flagged by
`published_has_offset`; its story's `first_published` and `last_published` lost that flag,
so the API and the CLI showed those wall-clock times as UTC (`+00:00`).

Revision ID: 0006
Revises: 0005
Create Date: 2026-11-24
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0006"
down_revision = "0005"
branch_labels = None
depends_on = None

FIRST = "Whether first_published came with a UTC offset; if not, it is the page's wall-clock time stored as if UTC."
LAST = "Whether last_published came with a UTC offset; if not, it is the page's wall-clock time stored as if UTC."


def upgrade() -> None:
    op.add_column("stories", sa.Column("first_published_has_offset", sa.Boolean(), nullable=True, comment=FIRST))
    op.add_column("stories", sa.Column("last_published_has_offset", sa.Boolean(), nullable=True, comment=LAST))
    op.execute("""
        UPDATE stories AS s
           SET (first_published_has_offset, last_published_has_offset) = (
                   SELECT (array_agg(a.published_has_offset ORDER BY a.published, a.id)
                             FILTER (WHERE a.published IS NOT NULL))[1],
                          (array_agg(a.published_has_offset ORDER BY a.published DESC, a.id)
                             FILTER (WHERE a.published IS NOT NULL))[1]
                     FROM articles AS a
                    WHERE a.story_id = s.id)
         WHERE s.first_published IS NOT NULL
    """)


def downgrade() -> None:
    op.drop_column("stories", "last_published_has_offset")
    op.drop_column("stories", "first_published_has_offset")
