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
from game.story.diagnostics import Descriptor, Diagnostic, Loc

#: The item-writing warnings, each declared once (stable codes, documented in
#: docs/authoring.md; the words come from the finding).
KEY_IS_LONGEST = Descriptor("W060", "the correct option is the longest by a clear margin")
ABSOLUTES_ONLY_WRONG = Descriptor("W061", "absolute words only in wrong options")
KEY_ECHOES_QUESTION = Descriptor("W062", "the correct option echoes the question's words")
NEAR_DUPLICATE_QUESTION = Descriptor("W063", "two questions are nearly the same")
TOO_FEW_OPTIONS = Descriptor("W064", "fewer than 3 options")
NO_FEEDBACK = Descriptor("W065", "an option has no feedback")
FEEDBACK_REPEATS_VERDICT = Descriptor("W066", "feedback repeats the verdict the game already shows")
ALLOWS_NO_SUCH_CHECK = Descriptor("W067", "lint allows a code that is not an item-writing check")
ALLOWS_A_GONE_WARNING = Descriptor("W068", "lint allows a warning the quiz no longer has")
DESCRIPTORS = (
    KEY_IS_LONGEST,
    ABSOLUTES_ONLY_WRONG,
    KEY_ECHOES_QUESTION,
    NEAR_DUPLICATE_QUESTION,
    TOO_FEW_OPTIONS,
    NO_FEEDBACK,
    FEEDBACK_REPEATS_VERDICT,
    ALLOWS_NO_SUCH_CHECK,
    ALLOWS_A_GONE_WARNING,
)
_CODES = frozenset(kind.code for kind in DESCRIPTORS)

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
    quizzes = [(scene.id, scene.quiz) for scene in story.scenes.values() if scene.quiz]
    raw: dict[int, list[Diagnostic]] = {id(quiz): list(_quiz_warnings(quiz)) for _, quiz in quizzes}
    for quiz, diagnostic in _similar_stems(quizzes):
        raw[id(quiz)].append(diagnostic)
    found: list[Diagnostic] = []
    for _, quiz in quizzes:
        allowed = set(quiz.lint.codes) if quiz.lint else set()
        found.extend(d for d in raw[id(quiz)] if d.code not in allowed)
        if quiz.lint:
            found.extend(_stale(quiz.lint, {d.code for d in raw[id(quiz)]}))
    return found


def _stale(lint: m.LintAllow, fired: set[str]) -> Iterator[Diagnostic]:
    """Allowed codes that are no item check, or that this quiz no longer
    breaks: a silencing whose reason has gone should go too."""
    for code in lint.codes:
        if code not in _CODES:
            yield _warn(
                lint.loc,
                ALLOWS_NO_SUCH_CHECK,
                f"lint allows {code}, which is not an item-writing check",
                "item-writing checks are W060 to W066",
            )
        elif code not in fired:
            yield _warn(
                lint.loc,
                ALLOWS_A_GONE_WARNING,
                f"lint allows {code}, but this quiz no longer breaks that rule",
                f"remove {code} from allow",
            )


def _warn(loc: Loc, kind: Descriptor, message: str, hint: str | None = None) -> Diagnostic:
    return kind.at(loc, hint, message=message)


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
            TOO_FEW_OPTIONS,
            f"this quiz has {len(quiz.options)} options; with fewer than 3, guessing "
            "scores half the time",
        )
    if wrong:
        longest = max(len(plain(o.text.source)) for o in wrong)
        if len(key_text) >= MARGIN * longest and len(key_text) - longest >= MARGIN_CHARS:
            yield _warn(
                key.loc,
                KEY_IS_LONGEST,
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
                ABSOLUTES_ONLY_WRONG,
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
                KEY_ECHOES_QUESTION,
                f"the correct option echoes the question most, and alone repeats "
                f"{', '.join(sorted(cues))}, which points at it",
                "use the word in a wrong option too, or in none",
            )
    for option in quiz.options:
        if option.feedback is None or not option.feedback.source.strip():
            yield _warn(
                option.loc,
                NO_FEEDBACK,
                "this option has no feedback; say why it is right, or why it is wrong "
                "and what is right",
            )
        elif _VERDICT_RE.match(option.feedback.source):
            yield _warn(
                option.loc,
                FEEDBACK_REPEATS_VERDICT,
                "the feedback starts with a verdict, but the game already says "
                "'Correct.' or 'Not quite.' before it",
                "start with the reason",
            )


def _normalised(text: str) -> str:
    return " ".join(_WORD_RE.findall(plain(text).lower()))


def _similar_stems(quizzes: list[tuple[str, m.Quiz]]) -> Iterator[tuple[m.Quiz, Diagnostic]]:
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
                yield (
                    quiz,
                    _warn(
                        quiz.loc,
                        NEAR_DUPLICATE_QUESTION,
                        f"this question is nearly the same as the one in '{other_scene}' "
                        f"({other.loc}); a student meeting both is asked one thing twice",
                    ),
                )
                break
