"""claim pair revisions: append-only history of every claim pair, starting with what exists now

Revision ID: 5c1a3e7b9d20
Revises: 2bf853f258f6
Create Date: 2026-11-23 09:00:00

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = '5c1a3e7b9d20'
down_revision = '2bf853f258f6'
branch_labels = None
depends_on = None


def upgrade():
    op.create_table('claim_pair_revision',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('claim_pair_id', sa.String(length=120), nullable=False),
    sa.Column('number', sa.Integer(), nullable=False),
    sa.Column('a_source_id', sa.String(length=64), nullable=False),
    sa.Column('a_quote', sa.Text(), nullable=False),
    sa.Column('b_source_id', sa.String(length=64), nullable=False),
    sa.Column('b_quote', sa.Text(), nullable=False),
    sa.Column('relation', sa.String(length=20), nullable=False),
    sa.Column('rationale', sa.Text(), nullable=False),
    sa.Column('topic', sa.String(length=255), nullable=True),
    sa.Column('status', sa.String(length=20), nullable=False),
    sa.Column('author', sa.String(length=120), nullable=False),
    sa.Column('reason', sa.String(length=255), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['a_source_id'], ['source.id'], name=op.f('fk_claim_pair_revision_a_source_id_source')),
    sa.ForeignKeyConstraint(['b_source_id'], ['source.id'], name=op.f('fk_claim_pair_revision_b_source_id_source')),
    sa.ForeignKeyConstraint(['claim_pair_id'], ['claim_pair.id'], name=op.f('fk_claim_pair_revision_claim_pair_id_claim_pair')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_claim_pair_revision')),
    sa.UniqueConstraint('claim_pair_id', 'number', name=op.f('uq_claim_pair_revision_claim_pair_id'))
    )
    with op.batch_alter_table('claim_pair_revision', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_claim_pair_revision_claim_pair_id'), ['claim_pair_id'], unique=False)

    # History starts complete: every pair that exists now gets its first revision.
    op.execute(
        "INSERT INTO claim_pair_revision (claim_pair_id, number, a_source_id, a_quote, b_source_id, b_quote,"
        " relation, rationale, topic, status, author, reason, created_at)"
        " SELECT id, 1, a_source_id, a_quote, b_source_id, b_quote, relation, rationale, topic, status,"
        " 'bank load', 'history begins', updated_at FROM claim_pair"
    )


def downgrade():
    with op.batch_alter_table('claim_pair_revision', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_claim_pair_revision_claim_pair_id'))

    op.drop_table('claim_pair_revision')
