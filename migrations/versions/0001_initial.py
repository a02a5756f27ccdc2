"""initial schema

Revision ID: 0001
Revises: 
Create Date: 2026-11-22

Documents (raw bytes kept), clean articles, stories, and the views users query.
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects import postgresql

revision = "0001"
down_revision = None
branch_labels = None
depends_on = None

VIEWS = [
    """
    CREATE VIEW article_feed AS
    SELECT a.id, a.title, a.summary, a.section, a.authors, a.outlet, a.language,
           a.published, a.modified, a.source_url, a.word_count, a.body,
           a.story_id, s.title AS story_title, d.original_name AS source_name,
           a.search, a.created_at
      FROM articles a
      JOIN documents d ON d.id = a.document_id
      LEFT JOIN stories s ON s.id = a.story_id
     WHERE a.duplicate_of IS NULL
    """,
    """
    CREATE VIEW failed_documents AS
    SELECT id, original_name, error, attempts, size_bytes, received_at, updated_at
      FROM documents
     WHERE status = 'failed'
    """,
    """
    CREATE VIEW removed_lines AS
    SELECT a.id AS article_id, r.position, r.item ->> 'rule' AS rule, r.item ->> 'line' AS line
      FROM articles a
     CROSS JOIN LATERAL jsonb_array_elements(a.removed) WITH ORDINALITY AS r(item, position)
    """,
]

VIEW_COMMENTS = [
    "COMMENT ON VIEW article_feed IS 'One row per article that is not a near-duplicate, with its story and source file name.'",
    "COMMENT ON VIEW failed_documents IS 'Documents that could not be ingested, with the reason.'",
    "COMMENT ON VIEW removed_lines IS 'One row per line the cleaner removed, with the rule that removed it.'",
]
PUBLISHED = (
    "Publication time; when published_has_offset is false the page gave no UTC offset "
    "and this holds its wall-clock time as if UTC."
)


def upgrade() -> None:
    op.create_table('documents',
    sa.Column('id', sa.BigInteger(), autoincrement=True, nullable=False),
    sa.Column('sha256', sa.Text(), nullable=False),
    sa.Column('original_name', sa.Text(), nullable=False),
    sa.Column('media_type', sa.Text(), nullable=True),
    sa.Column('size_bytes', sa.BigInteger(), nullable=False),
    sa.Column('raw', sa.LargeBinary(), nullable=True),
    sa.Column('received_at', sa.DateTime(timezone=True), server_default=sa.text('now()'), nullable=False),
    sa.Column('times_received', sa.Integer(), server_default='1', nullable=False),
    sa.Column('status', sa.Text(), server_default='queued', nullable=False),
    sa.Column('error', sa.Text(), nullable=True),
    sa.Column('attempts', sa.Integer(), server_default='0', nullable=False),
    sa.Column('updated_at', sa.DateTime(timezone=True), server_default=sa.text('now()'), nullable=False),
    sa.CheckConstraint("status IN ('queued', 'processing', 'done', 'duplicate', 'failed')", name=op.f('documents_status_check')),
    sa.PrimaryKeyConstraint('id', name=op.f('documents_pkey')),
    sa.UniqueConstraint('sha256', name=op.f('documents_sha256_key')),
    comment='Every received file or request, with its raw bytes, SHA-256 and processing status.'
    )
    op.create_index(op.f('documents_status_idx'), 'documents', ['status'], unique=False)
    op.create_table('stories',
    sa.Column('id', sa.BigInteger(), autoincrement=True, nullable=False),
    sa.Column('title', sa.Text(), nullable=True),
    sa.Column('first_published', sa.DateTime(timezone=True), nullable=True),
    sa.Column('last_published', sa.DateTime(timezone=True), nullable=True),
    sa.Column('article_count', sa.Integer(), server_default='0', nullable=False),
    sa.Column('outlets', postgresql.ARRAY(sa.Text()), server_default='{}', nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), server_default=sa.text('now()'), nullable=False),
    sa.Column('updated_at', sa.DateTime(timezone=True), server_default=sa.text('now()'), nullable=False),
    sa.PrimaryKeyConstraint('id', name=op.f('stories_pkey')),
    comment='Events: articles from one or more outlets grouped together.'
    )
    op.create_table('articles',
    sa.Column('id', sa.BigInteger(), autoincrement=True, nullable=False),
    sa.Column('document_id', sa.BigInteger(), nullable=False),
    sa.Column('record_index', sa.Integer(), server_default='0', nullable=False),
    sa.Column('kind', sa.Text(), nullable=False),
    sa.Column('title', sa.Text(), nullable=True),
    sa.Column('summary', sa.Text(), nullable=True),
    sa.Column('section', sa.Text(), nullable=True),
    sa.Column('authors', postgresql.ARRAY(sa.Text()), server_default='{}', nullable=False),
    sa.Column('outlet', sa.Text(), nullable=True),
    sa.Column('source_url', sa.Text(), nullable=True),
    sa.Column('published', sa.DateTime(timezone=True), nullable=True, comment=PUBLISHED),
    sa.Column('published_has_offset', sa.Boolean(), nullable=True),
    sa.Column('modified', sa.DateTime(timezone=True), nullable=True),
    sa.Column('modified_has_offset', sa.Boolean(), nullable=True),
    sa.Column('language', sa.Text(), nullable=True),
    sa.Column('body', sa.Text(), nullable=False),
    sa.Column('paragraphs', postgresql.ARRAY(sa.Text()), nullable=False),
    sa.Column('word_count', sa.Integer(), nullable=False),
    sa.Column('removed', postgresql.JSONB(astext_type=sa.Text()), server_default='[]', nullable=False,
              comment='Lines the cleaner dropped, in page order: [{"line": ..., "rule": ...}].'),
    sa.Column('search', postgresql.TSVECTOR(), sa.Computed("setweight(to_tsvector('simple'::regconfig, coalesce(title, '')), 'A') || setweight(to_tsvector('simple'::regconfig, coalesce(summary, '')), 'B') || setweight(to_tsvector('simple'::regconfig, body), 'C')", persisted=True), nullable=False),
    sa.Column('fingerprint', sa.Text(), nullable=False),
    sa.Column('story_id', sa.BigInteger(), nullable=True),
    sa.Column('duplicate_of', sa.BigInteger(), nullable=True,
              comment='The earlier article this one near-duplicates (syndicated or re-saved copy), else null.'),
    sa.Column('created_at', sa.DateTime(timezone=True), server_default=sa.text('now()'), nullable=False),
    sa.ForeignKeyConstraint(['document_id'], ['documents.id'], name=op.f('articles_document_id_fkey'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['duplicate_of'], ['articles.id'], name=op.f('articles_duplicate_of_fkey'), ondelete='SET NULL'),
    sa.ForeignKeyConstraint(['story_id'], ['stories.id'], name=op.f('articles_story_id_fkey'), ondelete='SET NULL'),
    sa.PrimaryKeyConstraint('id', name=op.f('articles_pkey')),
    sa.UniqueConstraint('document_id', 'record_index', name='articles_document_record_key'),
    comment='Clean articles: metadata, body, removed lines with their rules, story and duplicate links.'
    )
    op.create_index(op.f('articles_fingerprint_idx'), 'articles', ['fingerprint'], unique=False)
    op.create_index(op.f('articles_outlet_idx'), 'articles', ['outlet'], unique=False)
    op.create_index('articles_published_idx', 'articles', ['published'], unique=False)
    op.create_index('articles_search_idx', 'articles', ['search'], unique=False, postgresql_using='gin')
    op.create_index(op.f('articles_story_id_idx'), 'articles', ['story_id'], unique=False)
    for statement in VIEWS + VIEW_COMMENTS:
        op.execute(statement)


def downgrade() -> None:
    for view in ("removed_lines", "failed_documents", "article_feed"):
        op.execute(f"DROP VIEW IF EXISTS {view}")
    op.drop_index(op.f('articles_story_id_idx'), table_name='articles')
    op.drop_index('articles_search_idx', table_name='articles', postgresql_using='gin')
    op.drop_index('articles_published_idx', table_name='articles')
    op.drop_index(op.f('articles_outlet_idx'), table_name='articles')
    op.drop_index(op.f('articles_fingerprint_idx'), table_name='articles')
    op.drop_table('articles')
    op.drop_table('stories')
    op.drop_index(op.f('documents_status_idx'), table_name='documents')
    op.drop_table('documents')
