"""Deduplication and stories: MinHash signatures, LSH band keys, term index, story time, novelty.

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-22
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects import postgresql

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table('article_bands',
    sa.Column('band_key', sa.BigInteger(), nullable=False),
    sa.Column('article_id', sa.BigInteger(), nullable=False),
    sa.ForeignKeyConstraint(['article_id'], ['articles.id'], name=op.f('article_bands_article_id_fkey'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('band_key', 'article_id', name=op.f('article_bands_pkey')),
    comment='LSH band keys of article MinHash signatures (near-duplicate lookup).'
    )
    op.create_index(op.f('article_bands_article_id_idx'), 'article_bands', ['article_id'], unique=False)
    op.create_table('story_terms',
    sa.Column('term', sa.Text(), nullable=False),
    sa.Column('day', sa.Integer(), nullable=False, comment='Days since 1970-01-01 (UTC).'),
    sa.Column('article_id', sa.BigInteger(), nullable=False),
    sa.ForeignKeyConstraint(['article_id'], ['articles.id'], name=op.f('story_terms_article_id_fkey'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('term', 'day', 'article_id', name=op.f('story_terms_pkey')),
    comment='Term index for story matching: (word, day) -> article.'
    )
    op.create_index(op.f('story_terms_article_id_idx'), 'story_terms', ['article_id'], unique=False)
    op.add_column('articles', sa.Column('minhash', sa.LargeBinary(), nullable=True, comment="MinHash signature of the body's word shingles."))
    op.add_column('articles', sa.Column('profile', postgresql.JSONB(astext_type=sa.Text()), nullable=True, comment="The article's most telling words with weights, and its direct quotes (story matching)."))
    op.add_column('articles', sa.Column('story_time', sa.DateTime(timezone=True), sa.Computed('coalesce(published, created_at)', persisted=True), nullable=False, comment='When the article happened for story matching: published, else arrival.'))
    op.add_column('articles', sa.Column('novel_paragraphs', postgresql.ARRAY(sa.Integer()), nullable=True, comment='Indexes of paragraphs not already in the story when this article joined it.'))
    op.add_column('articles', sa.Column('novelty', sa.Float(), nullable=True, comment="Share of the body's words in novel paragraphs."))
    op.create_index(op.f('articles_story_time_idx'), 'articles', ['story_time'], unique=False)
    op.create_index(op.f('articles_created_at_idx'), 'articles', ['created_at'], unique=False)


def downgrade() -> None:
    op.drop_index(op.f('articles_created_at_idx'), table_name='articles')
    op.drop_index(op.f('articles_story_time_idx'), table_name='articles')
    op.drop_column('articles', 'novelty')
    op.drop_column('articles', 'novel_paragraphs')
    op.drop_column('articles', 'story_time')
    op.drop_column('articles', 'profile')
    op.drop_column('articles', 'minhash')
    op.drop_index(op.f('story_terms_article_id_idx'), table_name='story_terms')
    op.drop_table('story_terms')
    op.drop_index(op.f('article_bands_article_id_idx'), table_name='article_bands')
    op.drop_table('article_bands')
