"""Item-writing checks: each rule fires at its position, is silenced by a
quiz's `lint: {allow: [...], why: ...}`, and the bundled bank passes them."""

from __future__ import annotations

from pathlib import Path

import pytest

from game.authoring import items
from game.authoring.check import check_pack
from game.paths import bundled_pack
from game.story.loader import load_pack

STORY = """\
format: 1
id: t
title: Test
start: a
objectives:
  o: An objective.
"""

# Each quiz breaks one rule; the line numbers below are those of this text.
SCENES = """\
scenes:
  a:
    title: Start
    text: Begin.
    next: q_long
  q_long:
    title: Long
    text: A question.
    quiz:
      question: What does the heart do in danger?
      objective: o
      options:
        - text: It speeds up and pumps more blood each minute, through beta-1 receptors in it
          correct: true
          feedback: Beta-1 receptors.
        - text: It slows down
          feedback: The other way.
        - text: It stops
          feedback: The other way.
    next: q_absolute
  q_absolute:
    title: Absolute
    text: A question.
    quiz:
      question: Where is norepinephrine made?
      objective: o
      options:
        - text: In nerve cells and the adrenal glands
          correct: true
          feedback: Nerve cells and adrenals.
        - text: Only in the liver
          feedback: Nerve cells and adrenals.
        - text: It is never made in the body
          feedback: Nerve cells and adrenals.
    next: q_echo
  q_echo:
    title: Echo
    text: A question.
    quiz:
      question: Which receptors speed the heart?
      objective: o
      options:
        - text: Beta-1 receptors on the heart
          correct: true
          feedback: They speed it.
        - text: Alpha-2 on nerve endings
          feedback: A brake on release.
        - text: Histamine H1 in the brain
          feedback: Wakefulness, not the heart.
    next: q_two
  q_two:
    title: Two
    text: A question.
    quiz:
      question: Does norepinephrine narrow vessels?
      objective: o
      options:
        - text: Yes, on alpha-1 receptors
          correct: true
          feedback: Alpha-1 receptors narrow arteries.
        - text: No, it widens them all
          feedback: Alpha-1 receptors narrow arteries.
    next: q_feedback
  q_feedback:
    title: Feedback
    text: A question.
    quiz:
      question: What ends the signal in a synapse?
      objective: o
      options:
        - text: Reuptake through NET
          correct: true
          feedback: "Right. NET carries it back."
        - text: The receptors keep it
        - text: The blood washes it away
          feedback: Too slow; reuptake clears it.
    next: q_same
  q_same:
    title: Same
    text: A question.
    quiz:
      question: What ends the signal in the synapse?
      objective: o
      options:
        - text: Reuptake through NET
          correct: true
          feedback: NET carries it back.
        - text: The receptors keep it
          feedback: Receptors let go; NET removes it.
        - text: The blood washes it away
          feedback: Too slow; reuptake clears it.
    next: end
  end:
    title: End
    text: Done.
    ending: {kind: good, summary: Done.}
"""


def _pack(tmp_path: Path, scenes: str = SCENES) -> Path:
    (tmp_path / "story.yaml").write_text(STORY, encoding="utf-8")
    (tmp_path / "scenes.yaml").write_text(scenes, encoding="utf-8")
    return tmp_path


def _found(tmp_path: Path, scenes: str = SCENES) -> set[tuple[str, str]]:
    result = load_pack(_pack(tmp_path, scenes))
    assert result.story is not None, result.diagnostics
    return {(d.code, str(d.loc)) for d in items.check_items(result.story)}


EXPECTED = {
    ("W060", "scenes.yaml:13:11"),  # q_long's key: 78 characters against at most 13
    ("W061", "scenes.yaml:25:7"),  # q_absolute: 'only' and 'never' in wrong options alone
    ("W062", "scenes.yaml:43:11"),  # q_echo's key alone repeats 'receptors' and 'heart'
    ("W064", "scenes.yaml:55:7"),  # q_two: two options
    ("W066", "scenes.yaml:71:11"),  # q_feedback: "Right." before the reason
    ("W065", "scenes.yaml:74:11"),  # q_feedback: an option without feedback
    ("W063", "scenes.yaml:82:7"),  # q_same: q_feedback's question again
}


@pytest.mark.parametrize(("code", "where"), sorted(EXPECTED))
def test_each_rule_fires_at_its_position(tmp_path, code, where):
    assert (code, where) in _found(tmp_path)


def test_nothing_else_fires(tmp_path):
    assert _found(tmp_path) == EXPECTED


def with_lint(lint: str) -> str:
    """SCENES with a lint line in q_long's quiz (line 11, the value at column 13)."""
    question = "      question: What does the heart do in danger?\n"
    return SCENES.replace(question, question + f"      lint: {lint}\n")


def test_lint_allow_silences_a_rule_and_names_unknown_codes(tmp_path):
    found = _found(tmp_path, with_lint('{allow: [W060, W099], why: "the detail is the point"}'))
    assert not [f for f in found if f[0] == "W060"]
    assert ("W067", "scenes.yaml:11:13") in found


def test_lint_needs_a_reason(tmp_path):
    result = load_pack(_pack(tmp_path, with_lint("{allow: [W060]}")))
    assert ("E012", "scenes.yaml:11:13") in {(d.code, str(d.loc)) for d in result.diagnostics}


def test_lint_codes_must_look_like_warning_codes(tmp_path):
    result = load_pack(_pack(tmp_path, with_lint("{allow: [longest], why: because}")))
    assert ("E011", "scenes.yaml:11:22") in {(d.code, str(d.loc)) for d in result.diagnostics}


def test_quiz_kind_must_be_known(tmp_path):
    question = "      question: What does the heart do in danger?\n"
    scenes = SCENES.replace(question, question + "      kind: essay\n")
    result = load_pack(_pack(tmp_path, scenes))
    found = {(d.code, str(d.loc), d.hint) for d in result.diagnostics}
    assert ("E011", "scenes.yaml:11:13", None) in found


def test_templates_count_as_one_word():
    assert items.plain("About ${body.ne_plasma / 4:.0f} pg/mL") == "About N pg/mL"
    assert items.words("the nerve's endings") == {"nerve", "ending"}


def test_the_bundled_bank_passes_every_item_check():
    result = load_pack(bundled_pack())
    assert result.story is not None
    found = items.check_items(result.story)
    assert not found, [f"{d.loc}: {d.code} {d.message}" for d in found]
    silenced = [s.id for s in result.story.quizzes if s.quiz and s.quiz.lint]
    assert not silenced


def test_check_reports_the_item_warnings(tmp_path):
    codes = {d.code for d in check_pack(_pack(tmp_path))}
    assert {"W060", "W061", "W062", "W063", "W064", "W065", "W066"} <= codes
