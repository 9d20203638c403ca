"""source text: a source's whole text in the database, so sources uploaded in the browser are shared

Revision ID: 8d4f2a6c1e37
Revises: 5c1a3e7b9d20
Create Date: 2026-11-23 09:05:00

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = '8d4f2a6c1e37'
down_revision = '5c1a3e7b9d20'
branch_labels = None
depends_on = None


def upgrade():
    # Existing rows get their text on the next `bank load`, which reads the bank folder's files.
    with op.batch_alter_table('source', schema=None) as batch_op:
        batch_op.add_column(sa.Column('text', sa.Text(), nullable=True))


def downgrade():
    with op.batch_alter_table('source', schema=None) as batch_op:
        batch_op.drop_column('text')
