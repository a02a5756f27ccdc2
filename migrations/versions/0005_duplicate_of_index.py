"""Index articles by the original they copy (`duplicate_of`), copies only.

Listing an article's near-duplicates (`ingest show`, GET /articles/{id}), moving an article
with its copies to another story, and unlinking the copies of an article deleted by a
re-processing (the foreign key's ON DELETE SET NULL) each read the whole table without it:
a re-processing of the corpus took time in the square of its size.

Revision ID: 0005
Revises: 0004
Create Date: 2026-11-24
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0005"
down_revision = "0004"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_index("articles_duplicate_of_idx", "articles", ["duplicate_of"],
                    postgresql_where=sa.text("duplicate_of IS NOT NULL"))


def downgrade() -> None:
    op.drop_index("articles_duplicate_of_idx", table_name="articles")
