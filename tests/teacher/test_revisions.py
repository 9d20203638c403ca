"""What changed between two revisions: the words a teacher reads in the history and the marked-up diff."""

from app.teacher.revisions import change_summary, changed_fields, compare, display, word_diff

BASE = {
    "type": "typed", "prompt": "According to Weathersby, who wanted the war to go on?", "choices": None,
    "answer": "Stalin", "accepted_answers": [], "explanation": "Moscow kept the war going.",
    "support_source_id": "weathersby", "support_quote": "Stalin wanted the war to continue.",
    "claim_pair_id": "p1", "section": "Conclusions", "skill": "close_reading", "tags": ["stalin"],
    "origin": "authored",
}  # fmt: skip


def test_the_summary_names_each_changed_field_in_words() -> None:
    new = {**BASE, "prompt": "According to Weathersby, who prolonged the war?", "answer": "Joseph Stalin"}
    assert change_summary(BASE, new) == "prompt changed, answer changed"
    assert change_summary(None, BASE) == "created"
    assert change_summary(BASE, dict(BASE)) == "content unchanged"
    assert changed_fields(BASE, {**BASE, "claim_pair_id": None, "tags": []}) == ["claim_pair_id", "tags"]


def test_a_word_diff_marks_only_the_words_that_changed() -> None:
    html = word_diff("Stalin wanted the war to continue.", "Stalin wanted the fighting to continue.")
    assert str(html) == "Stalin wanted the <del>war</del><ins>fighting</ins> to continue."


def test_a_word_diff_escapes_what_the_teacher_typed() -> None:
    html = str(word_diff("plain text", "plain <script>alert(1)</script> text"))
    assert html == "plain <ins>&lt;script&gt;alert(1)&lt;/script&gt;</ins> text"


def test_compare_lists_every_field_and_diffs_lists_line_by_line() -> None:
    old = {**BASE, "type": "multiple_choice", "choices": ["Stalin", "Mao", "Kim"], "answer": "Stalin"}
    new = {**old, "choices": ["Stalin", "Mao Zedong", "Kim"]}
    diffs = {diff.name: diff for diff in compare(old, new)}
    assert len(diffs) == len(BASE)
    assert [name for name, diff in diffs.items() if diff.changed] == ["choices"]
    assert str(diffs["choices"].html) == "Stalin<br><del>Mao</del><br><ins>Mao Zedong</ins><br>Kim"
    assert str(diffs["prompt"].html) == "According to Weathersby, who wanted the war to go on?"


def test_values_are_displayed_as_a_teacher_reads_them() -> None:
    assert display(True) == "true" and display(None) == "" and display(["a", "b"]) == "a\nb"
    diffs = {
        d.name: d for d in compare({**BASE, "type": "true_false", "answer": True}, {**BASE, "answer": False})
    }
    assert diffs["answer"].changed and str(diffs["answer"].html) == "<del>true</del><ins>false</ins>"


def test_a_rewritten_sentence_reads_as_one_struck_phrase_and_its_replacement() -> None:
    html = word_diff("The sources give opposite pictures.", "Thanks against indifference.")
    removed = "<del>The sources give opposite pictures.</del>"
    assert str(html) == removed + "<ins>Thanks against indifference.</ins>"
