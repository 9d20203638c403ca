"""card kinds: a teacher chooses which question kinds become flashcards for a class

Existing classes leave nothing out, so every published question stays a card, as before.

Revision ID: 7c3e51a9d4b2
Revises: 7a3c9e51d2b8
Create Date: 2026-12-04 17:10:00

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = '7c3e51a9d4b2'
down_revision = '7a3c9e51d2b8'
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table('classroom', schema=None) as batch_op:
        batch_op.add_column(sa.Column('card_kinds_left_out', sa.JSON(), server_default='[]', nullable=False))


def downgrade():
    with op.batch_alter_table('classroom', schema=None) as batch_op:
        batch_op.drop_column('card_kinds_left_out')
