"""A diagnostic carries the whole explanation its check wrote, message and
hint, to the author: nothing is lost between the check and the report."""

from __future__ import annotations

from tests.story.test_loader_diagnostics import GOOD, at, only


def test_a_template_syntax_error_keeps_its_message_hint_and_column(make_pack) -> None:
    text = GOOD.replace("    text: Hello\n", '    text: "Pulse ${} now"\n')
    d = only(make_pack(**{"s.yaml": text}), "E042")
    assert d.message == "empty ${}"
    assert d.hint == "put an expression inside, e.g. ${body.heart_rate}"
    assert at(d) == ("s.yaml", 4, 18)


QUIZ = """\
scenes:
  a:
    title: A
    text: Hello
    quiz:
      question: Does norepinephrine narrow blood vessels?
      objective: obj
      lint: {allow: [W064, nonsense], why: "a yes/no question"}
      options:
        - {text: "Yes, on alpha-1 receptors", correct: true, feedback: Right.}
        - {text: "No, it widens them all", feedback: Not quite.}
    next: b
  b:
    title: B
    text: End
    ending: {kind: good, summary: Done}
"""


def test_a_bad_warning_code_to_allow_is_named_with_an_example(make_pack) -> None:
    d = only(make_pack(**{"s.yaml": QUIZ}), "E011")
    assert d.message == "'nonsense' is not a warning code like W060"
    assert at(d)[:2] == ("s.yaml", 8)
