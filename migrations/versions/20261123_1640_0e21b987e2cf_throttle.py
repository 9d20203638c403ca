"""throttle: failed logins and new guests, counted in the database that every app server shares

Revision ID: 0e21b987e2cf
Revises: 8d4f2a6c1e37
Create Date: 2026-11-23 16:40:00

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = '0e21b987e2cf'
down_revision = '8d4f2a6c1e37'
branch_labels = None
depends_on = None


def upgrade():
    op.create_table('throttle_event',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('kind', sa.String(length=20), nullable=False),
    sa.Column('key', sa.String(length=100), nullable=False),
    sa.Column('client_address', sa.String(length=100), nullable=False),
    sa.Column('occurred_at', sa.DateTime(timezone=True), nullable=False),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_throttle_event'))
    )
    with op.batch_alter_table('throttle_event', schema=None) as batch_op:
        batch_op.create_index('ix_throttle_event_kind_address', ['kind', 'client_address', 'occurred_at'], unique=False)
        batch_op.create_index('ix_throttle_event_kind_key', ['kind', 'key', 'occurred_at'], unique=False)
        batch_op.create_index(batch_op.f('ix_throttle_event_occurred_at'), ['occurred_at'], unique=False)


def downgrade():
    with op.batch_alter_table('throttle_event', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_throttle_event_occurred_at'))
        batch_op.drop_index('ix_throttle_event_kind_key')
        batch_op.drop_index('ix_throttle_event_kind_address')

    op.drop_table('throttle_event')
