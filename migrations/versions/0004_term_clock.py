"""Term index rows say which day they are filed under (publication, arrival, or undated arrival).

Dated articles then look up publication days only (plus undated articles' arrivals), so
their story-candidate lookups stay flat when many old articles arrive on one day. The
index is rebuilt from the stored profiles: the strongest 20 terms, DedupOptions.indexed_terms
when this revision was written.

Revision ID: 0004
Revises: 0003
Create Date: 2026-11-22
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0004"
down_revision = "0003"
branch_labels = None
depends_on = None

CLOCK_COMMENT = "0: publication day of a dated article, 1: its arrival day, 2: arrival day of an undated article."

_REBUILD = """
INSERT INTO story_terms (term, clock, day, article_id)
SELECT DISTINCT t.term, d.clock, d.day, a.id
  FROM articles a
  CROSS JOIN LATERAL (
      SELECT e.value ->> 0 AS term FROM jsonb_array_elements(a.profile -> 'terms') WITH ORDINALITY AS e (value, n)
       WHERE e.n <= 20
  ) t
  CROSS JOIN LATERAL (VALUES
      (0, floor(extract(epoch FROM a.published) / 86400)::int),
      (1, CASE WHEN a.published IS NOT NULL THEN floor(extract(epoch FROM a.created_at) / 86400)::int END),
      (2, CASE WHEN a.published IS NULL THEN floor(extract(epoch FROM a.created_at) / 86400)::int END)
  ) d (clock, day)
 WHERE a.profile IS NOT NULL AND d.day IS NOT NULL
"""


def upgrade() -> None:
    op.execute("DELETE FROM story_terms")
    op.drop_constraint("story_terms_pkey", "story_terms", type_="primary")
    op.add_column("story_terms", sa.Column("clock", sa.SmallInteger(), nullable=False, comment=CLOCK_COMMENT))
    op.create_primary_key("story_terms_pkey", "story_terms", ["term", "clock", "day", "article_id"])
    op.create_table_comment("story_terms", "Term index for story matching: (word, clock, day) -> article.",
                            existing_comment="Term index for story matching: (word, day) -> article.")
    op.execute(_REBUILD)


def downgrade() -> None:
    op.execute("""DELETE FROM story_terms arrived USING story_terms filed
                   WHERE arrived.clock = 1 AND filed.clock = 0 AND (arrived.term, arrived.day, arrived.article_id)
                         = (filed.term, filed.day, filed.article_id)""")
    op.drop_constraint("story_terms_pkey", "story_terms", type_="primary")
    op.drop_column("story_terms", "clock")
    op.create_primary_key("story_terms_pkey", "story_terms", ["term", "day", "article_id"])
    op.create_table_comment("story_terms", "Term index for story matching: (word, day) -> article.",
                            existing_comment="Term index for story matching: (word, clock, day) -> article.")
