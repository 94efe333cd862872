"""The services take any Session: one bound to a Connection (an outer transaction) works as one bound to the
engine does. They used to read the database's address from `session.get_bind().url`, which only an Engine has."""

from sqlalchemy.orm import Session

from server.db import Database
from server.migrate import upgrade
from server.services import feed, reference
from server.services.audience import AccessChange, Notice


def test_a_session_on_a_connection_looks_up_references_and_announces_its_commit(tmp_path):
    path = tmp_path / "palaute.db"
    db = Database(f"sqlite:///{path}")
    upgrade(db)
    heard: list[tuple[str | None, Notice | AccessChange]] = []

    def listen(database: str | None, notice: Notice | AccessChange) -> None:
        heard.append((database, notice))

    feed.on_commit.append(listen)
    try:
        with db.engine.connect() as connection:
            session = Session(bind=connection)
            community_id = reference.add_community(session, "field-sales", "Field sales").id
            assert reference.community_by_slug(session, "field-sales").id == community_id
            assert feed.instance_id(session) != "none"
            feed.note_access(session, community_id)
            session.commit()
            session.close()
    finally:
        feed.on_commit.remove(listen)
        db.dispose()
    assert heard == [(str(path), AccessChange(frozenset({community_id})))]
