"""bank version: one row whose number every change to the bank moves on, so servers may cache the bank

Revision ID: 7c3e9a51b2d4
Revises: 2134db4aa7ee
Create Date: 2026-12-04 16:30:00

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = '7c3e9a51b2d4'
down_revision = '2134db4aa7ee'
branch_labels = None
depends_on = None


def upgrade():
    bank_version = op.create_table('bank_version',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('number', sa.Integer(), nullable=False),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_bank_version'))
    )
    op.bulk_insert(bank_version, [{'id': 1, 'number': 1}])


def downgrade():
    op.drop_table('bank_version')
