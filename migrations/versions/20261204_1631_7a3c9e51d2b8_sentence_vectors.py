"""sentence vectors: each sentence's meaning vector, kept so suggestions need not run the encoder again

Keyed by (model name, sha256 of the sentence text); the table starts empty and fills on first use.

Revision ID: 7a3c9e51d2b8
Revises: 7c3e9a51b2d4
Create Date: 2026-12-04 16:30:00

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = '7a3c9e51d2b8'
down_revision = '7c3e9a51b2d4'
branch_labels = None
depends_on = None


def upgrade():
    op.create_table('sentence_vector',
    sa.Column('model', sa.String(length=120), nullable=False),
    sa.Column('text_sha256', sa.String(length=64), nullable=False),
    sa.Column('vector', sa.LargeBinary(), nullable=False),
    sa.PrimaryKeyConstraint('model', 'text_sha256', name=op.f('pk_sentence_vector'))
    )


def downgrade():
    op.drop_table('sentence_vector')
