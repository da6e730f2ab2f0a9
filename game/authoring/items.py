"""Item-writing checks: the classic rules for multiple-choice questions.

A quiz that can be answered by its form (the longest option, the one without
"never", the one that repeats the question's words) measures test-wiseness,
not understanding, and a teacher reading the results cannot tell the
difference. Each rule is a warning with its own code at the quiz's line; an
author who breaks one on purpose says so in the quiz:
``lint: {allow: [W061], why: "..."}``. Texts are checked as written, with each
``${...}`` read as one placeholder word.
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Iterator

from game.story import model as m
from game.story.diagnostics import Diagnostic, Loc, Severity

#: The item-writing warnings (stable codes, documented in docs/authoring.md).
WARNINGS: dict[str, str] = {
    "W060": "the correct option is the longest by a clear margin",
    "W061": "absolute words only in wrong options",
    "W062": "the correct option echoes the question's words",
    "W063": "two questions are nearly the same",
    "W064": "fewer than 3 options",
    "W065": "an option has no feedback",
    "W066": "feedback repeats the verdict the game already shows",
    "W067": "lint allows a code that is not an item-writing check",
}

#: The key is "longest by a clear margin" when it is this much longer than
#: every wrong option (and at least MARGIN_CHARS characters longer).
MARGIN = 1.25
MARGIN_CHARS = 12
#: Questions at least this similar (difflib ratio, after normalising) are "nearly the same".
SIMILAR = 0.85
ABSOLUTES = ("all of the above", "none of the above", "only", "always", "never", "none")
_ABSOLUTE_RE = re.compile(r"\b(" + "|".join(re.escape(w) for w in ABSOLUTES) + r")\b", re.I)
#: Words the game itself says before the feedback ("Correct. " / "Not quite. ").
_VERDICT_RE = re.compile(
    r"^\s*(correct|right|wrong|incorrect|not quite|no|yes|exactly|well done)\b[.!,]", re.I
)
_TEMPLATE_RE = re.compile(r"\$\{[^}]*\}")
_WORD_RE = re.compile(r"[a-z][a-z0-9'-]*")
#: Words too common to give an answer away.
_STOPWORDS = """a an the and or but of to in on at by for from with without into onto over under
    is are was were be been being am do does did done have has had having it its this that
    these those there their they them you your yours we our us he she his her i me my what
    which who whom whose why how when where while than then so as if not no yes can could
    would should will shall may might must more most less least much many some any each
    very just also about after before during because through between up down out off one
    two three every other same such own"""
STOPWORDS = frozenset(_STOPWORDS.split())


def check_items(story: m.Story) -> list[Diagnostic]:
    """Every item-writing warning of the pack's quizzes, minus those a quiz allows."""
    found: list[Diagnostic] = []
    quizzes = [(scene.id, scene.quiz) for scene in story.scenes.values() if scene.quiz]
    for _, quiz in quizzes:
        allowed = set(quiz.lint.codes) if quiz.lint else set()
        found.extend(d for d in _quiz_warnings(quiz) if d.code not in allowed)
        if quiz.lint:
            for code in quiz.lint.codes:
                if code not in WARNINGS:
                    found.append(
                        _warn(
                            quiz.lint.loc,
                            "W067",
                            f"lint allows {code}, which is not an item-writing check",
                            "item-writing checks are W060 to W066",
                        )
                    )
    found.extend(_similar_stems(quizzes))
    return found


def _warn(loc: Loc, code: str, message: str, hint: str | None = None) -> Diagnostic:
    return Diagnostic(loc, code, message, Severity.WARNING, hint)


def plain(text: str) -> str:
    """A text as a student reads its shape: each template as one number."""
    return _TEMPLATE_RE.sub("N", text)


def words(text: str) -> set[str]:
    """Content words of a text, crudely stemmed, so 'nerves' meets 'nerve'."""
    return {_stem(w) for w in _WORD_RE.findall(plain(text).lower()) if w not in STOPWORDS}


def _stem(word: str) -> str:
    word = word.removesuffix("'s").strip("'-")
    for suffix in ("ing", "ed", "es", "s"):
        if len(word) > len(suffix) + 3 and word.endswith(suffix):
            return word[: -len(suffix)]
    return word


def _quiz_warnings(quiz: m.Quiz) -> Iterator[Diagnostic]:
    key = quiz.options[quiz.correct_number - 1]
    wrong = [o for o in quiz.options if not o.correct]
    key_text = plain(key.text.source)
    if len(quiz.options) < 3:
        yield _warn(
            quiz.loc,
            "W064",
            f"this quiz has {len(quiz.options)} options; with fewer than 3, guessing "
            "scores half the time",
        )
    if wrong:
        longest = max(len(plain(o.text.source)) for o in wrong)
        if len(key_text) >= MARGIN * longest and len(key_text) - longest >= MARGIN_CHARS:
            yield _warn(
                key.loc,
                "W060",
                f"the correct option ({len(key_text)} characters) is much longer than "
                f"every wrong one (at most {longest}); test-wise students pick it unread",
                "shorten it, or give the wrong options the same detail",
            )
        absolutes = sorted(
            {w.lower() for o in wrong for w in _ABSOLUTE_RE.findall(plain(o.text.source))}
        )
        if absolutes and not _ABSOLUTE_RE.search(key_text):
            yield _warn(
                quiz.loc,
                "W061",
                f"only wrong options say {', '.join(repr(w) for w in absolutes)}; "
                "absolute words mark an option as wrong without reading it",
                "reword them as plain claims, or let the correct option use one too",
            )
        stem = words(quiz.question.source)
        echoed = stem & words(key.text.source)
        echoes = [stem & words(o.text.source) for o in wrong]
        cues = echoed - set().union(*echoes)
        if cues and len(echoed) > max(len(e) for e in echoes):
            yield _warn(
                key.loc,
                "W062",
                f"the correct option echoes the question most, and alone repeats "
                f"{', '.join(sorted(cues))}, which points at it",
                "use the word in a wrong option too, or in none",
            )
    for option in quiz.options:
        if option.feedback is None or not option.feedback.source.strip():
            yield _warn(
                option.loc,
                "W065",
                "this option has no feedback; say why it is right, or why it is wrong "
                "and what is right",
            )
        elif _VERDICT_RE.match(option.feedback.source):
            yield _warn(
                option.loc,
                "W066",
                "the feedback starts with a verdict, but the game already says "
                "'Correct.' or 'Not quite.' before it",
                "start with the reason",
            )


def _normalised(text: str) -> str:
    return " ".join(_WORD_RE.findall(plain(text).lower()))


def _similar_stems(quizzes: list[tuple[str, m.Quiz]]) -> Iterator[Diagnostic]:
    """Pairs of near-identical questions (the later one is reported). The cheap
    upper bounds of difflib rule out most pairs before the real ratio."""
    stems = [(scene, quiz, _normalised(quiz.question.source)) for scene, quiz in quizzes]
    for i, (_scene, quiz, text) in enumerate(stems):
        matcher = difflib.SequenceMatcher(None, autojunk=False)
        matcher.set_seq2(text)
        for other_scene, other, other_text in stems[:i]:
            matcher.set_seq1(other_text)
            if (
                matcher.real_quick_ratio() >= SIMILAR
                and matcher.quick_ratio() >= SIMILAR
                and matcher.ratio() >= SIMILAR
            ):
                if quiz.lint and "W063" in quiz.lint.codes:
                    break
                yield _warn(
                    quiz.loc,
                    "W063",
                    f"this question is nearly the same as the one in '{other_scene}' "
                    f"({other.loc}); a student meeting both is asked one thing twice",
                )
                break
