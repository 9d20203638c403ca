"""quiz sessions: a quiz with a planned number of questions, and each presentation's session and place in it

Presentations shown before this change belong to no session (both new columns stay empty). A session
has one presentation per place, so a double-click on "Next" cannot show two questions as the same one.

Revision ID: 4e8b2d6f9a13
Revises: 7c3e51a9d4b2
Create Date: 2026-12-04 17:20:00

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = '4e8b2d6f9a13'
down_revision = '7c3e51a9d4b2'
branch_labels = None
depends_on = None


def upgrade():
    op.create_table('quiz_session',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('user_id', sa.Integer(), nullable=False),
    sa.Column('filters', sa.JSON(), nullable=False),
    sa.Column('question_ids', sa.JSON(), nullable=True),
    sa.Column('planned_size', sa.Integer(), nullable=False),
    sa.Column('started_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('finished_at', sa.DateTime(timezone=True), nullable=True),
    sa.ForeignKeyConstraint(['user_id'], ['user.id'], name=op.f('fk_quiz_session_user_id_user')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_quiz_session'))
    )
    with op.batch_alter_table('quiz_session', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_quiz_session_user_id'), ['user_id'], unique=False)

    with op.batch_alter_table('presentation', schema=None) as batch_op:
        batch_op.add_column(sa.Column('quiz_session_id', sa.Integer(), nullable=True))
        batch_op.add_column(sa.Column('session_position', sa.Integer(), nullable=True))
        batch_op.create_unique_constraint(batch_op.f('uq_presentation_quiz_session_id'), ['quiz_session_id', 'session_position'])
        batch_op.create_foreign_key(batch_op.f('fk_presentation_quiz_session_id_quiz_session'), 'quiz_session', ['quiz_session_id'], ['id'])


def downgrade():
    with op.batch_alter_table('presentation', schema=None) as batch_op:
        batch_op.drop_constraint(batch_op.f('fk_presentation_quiz_session_id_quiz_session'), type_='foreignkey')
        batch_op.drop_constraint(batch_op.f('uq_presentation_quiz_session_id'), type_='unique')
        batch_op.drop_column('session_position')
        batch_op.drop_column('quiz_session_id')

    with op.batch_alter_table('quiz_session', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_quiz_session_user_id'))

    op.drop_table('quiz_session')
