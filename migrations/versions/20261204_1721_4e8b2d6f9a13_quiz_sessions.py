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

    if op.get_bind().dialect.name == "sqlite":
        # SQLite adds a column with its reference in place; a batch copy of the table would drop the old
        # one, which attempts and reviews point at, and fail on their foreign keys.
        op.execute(
            "ALTER TABLE presentation ADD COLUMN quiz_session_id INTEGER "
            "CONSTRAINT fk_presentation_quiz_session_id_quiz_session REFERENCES quiz_session (id)"
        )
    else:
        op.add_column('presentation', sa.Column('quiz_session_id', sa.Integer(), nullable=True))
        op.create_foreign_key(
            op.f('fk_presentation_quiz_session_id_quiz_session'), 'presentation', 'quiz_session',
            ['quiz_session_id'], ['id'],
        )
    op.add_column('presentation', sa.Column('session_position', sa.Integer(), nullable=True))
    op.create_index(
        'uq_presentation_quiz_session_id', 'presentation', ['quiz_session_id', 'session_position'], unique=True
    )


def downgrade():
    op.drop_index('uq_presentation_quiz_session_id', table_name='presentation')
    with op.batch_alter_table('presentation', schema=None) as batch_op:
        batch_op.drop_constraint(batch_op.f('fk_presentation_quiz_session_id_quiz_session'), type_='foreignkey')
        batch_op.drop_column('session_position')
        batch_op.drop_column('quiz_session_id')

    with op.batch_alter_table('quiz_session', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_quiz_session_user_id'))

    op.drop_table('quiz_session')
