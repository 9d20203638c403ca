"""The sentence-vector cache in the database: what the claim map reads so it need not run the encoder.

It implements the generator's ``VectorStore`` protocol over the ``sentence_vector`` table. Writes are
best effort: two requests may encode the same new sentence at once, and losing that race only means the
vector was computed twice, never a failed page.
"""

from collections.abc import Mapping, Sequence

from sqlalchemy import inspect, select
from sqlalchemy.exc import IntegrityError, OperationalError, ProgrammingError
from sqlalchemy.orm import Session

from app.bank.generator.semantic import MODEL_NAME, sentence_vectors
from app.bank.generator.semantic_pairs import claim_form
from app.bank.generator.suggesters import choose
from app.bank.generator.vector_store import text_key
from app.sources.models import Passage, Sentence, SentenceVector

KEYS_PER_QUERY = 500  # stays under every database's limit on bound parameters


class DatabaseVectorStore:
    """Vectors kept with the stored sources, shared by every app server of one database."""

    def __init__(self, session: Session):
        self.session = session

    def load(self, model: str, keys: Sequence[str]) -> dict[str, bytes]:
        found: dict[str, bytes] = {}
        unique = list(dict.fromkeys(keys))
        for start in range(0, len(unique), KEYS_PER_QUERY):
            rows = self.session.execute(
                select(SentenceVector.text_sha256, SentenceVector.vector).where(
                    SentenceVector.model == model,
                    SentenceVector.text_sha256.in_(unique[start : start + KEYS_PER_QUERY]),
                )
            )
            found.update((key, bytes(vector)) for key, vector in rows)
        return found

    def save(self, model: str, vectors: Mapping[str, bytes]) -> None:
        """Add the new vectors in a savepoint of their own, so a lost race leaves the caller's work alone."""
        new = {key: value for key, value in vectors.items() if key not in self.load(model, list(vectors))}
        if not new:
            return
        try:
            with self.session.begin_nested():
                self.session.add_all(
                    SentenceVector(model=model, text_sha256=key, vector=value) for key, value in new.items()
                )
        except IntegrityError:
            pass  # another request stored them first: the same vectors, since the key is the text


def database_store(session: Session) -> DatabaseVectorStore | None:
    """The store, or None where the database predates the table (a command run before `db upgrade`)."""
    try:
        if not inspect(session.get_bind()).has_table(SentenceVector.__tablename__):
            return None
    except (OperationalError, ProgrammingError):
        return None
    return DatabaseVectorStore(session)


def keep_sentence_vectors(session: Session) -> int:
    """Encode every stored sentence whose vector is not kept yet, so the claim map's first use is quick.

    Returns how many were added: 0 when all were kept already, when the model is not installed, or when
    the database predates the table.
    """
    store = database_store(session)
    if store is None or choose().name != "semantic":
        return 0
    rows = session.execute(select(Passage.text, Sentence.start, Sentence.end).join(Sentence.passage))
    texts = list(dict.fromkeys(claim_form(text[start:end]) for text, start, end in rows))
    kept_before = len(store.load(MODEL_NAME, [text_key(text) for text in texts]))
    sentence_vectors(texts, store)
    return len(texts) - kept_before
