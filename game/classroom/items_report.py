"""`locus report --items`: what each question tells the teacher.

For every quiz the class met: how many students answered, the share right at
the first try, the share of each option (the most-chosen wrong answer is the
misconception to discuss), and how well the question separates students who
did well in the lesson from those who did not.

Two discrimination figures, both over the students who answered the
question, ranked by their lesson score (each student's best attempt, as in
the main report; the first try of each question, as in scoring):

* **D, upper-lower groups** (Kelley): the share right in the top 27% of
  students minus the share right in the bottom 27% (at least one student
  each). From -1 to 1; 0.3 and above is usually read as a good question,
  below 0 as one to check (the stronger students got it wrong).
* **Point-biserial r**: the correlation between getting the question right
  and the lesson score; ``None`` when everyone (or no one) got it right.

Both are noisy in a small class: below MIN_STUDENTS the report says so.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass

from game.classroom.queries import Answer, Question
from game.classroom.report import ResultsReport, StudentResult

UPPER_LOWER_SHARE = 0.27
MIN_STUDENTS = 10


@dataclass(frozen=True, slots=True)
class OptionShare:
    number: int  # 1-based, as the student saw it
    text: str
    correct: bool
    chosen: int
    percent: float
    most_chosen_wrong: bool


@dataclass(frozen=True, slots=True)
class ItemStats:
    pack: str
    lesson: str
    scene: str
    objective: str
    question: str
    answered: int
    first_try_correct: int
    options: tuple[OptionShare, ...]
    discrimination: float | None  # D, upper-lower groups
    point_biserial: float | None
    note: str

    @property
    def percent_correct(self) -> float:
        return 100.0 * self.first_try_correct / self.answered if self.answered else 0.0


def item_stats(
    report: ResultsReport, answers: Iterable[Answer], questions: Mapping[tuple[str, str], Question]
) -> list[ItemStats]:
    """One ItemStats per question answered in ``report``'s attempts, in the
    order the class first met them."""
    shown = {s.session_id: s for s in report.students}
    first: dict[tuple[str, str, str], dict[int, Answer]] = {}  # (pack, lesson, scene) -> tries
    for answer in answers:
        if answer.session_id not in shown:
            continue
        tries = first.setdefault((answer.pack, answer.lesson, answer.scene), {})
        tries.setdefault(answer.session_id, answer)
    return [
        _stats(pack, lesson, scene, tries, shown, questions.get((pack, scene)))
        for (pack, lesson, scene), tries in first.items()
    ]


def _stats(
    pack: str,
    lesson: str,
    scene: str,
    tries: Mapping[int, Answer],
    students: Mapping[int, StudentResult],
    question: Question | None,
) -> ItemStats:
    answered = len(tries)
    counts: dict[int, int] = {}
    for answer in tries.values():
        counts[answer.option] = counts.get(answer.option, 0) + 1
    texts = _option_texts(question, tries.values())
    right = {a.option for a in tries.values() if a.correct}
    if question is not None:
        right = {question.correct_option}
    wrong = [(counts.get(n, 0), -n) for n in texts if n not in right and counts.get(n, 0)]
    worst = -max(wrong)[1] if wrong else None
    options = tuple(
        OptionShare(
            number,
            text,
            number in right,
            counts.get(number, 0),
            100.0 * counts.get(number, 0) / answered,
            number == worst,
        )
        for number, text in sorted(texts.items())
    )
    ranked = [
        (students[session].score_percent or 0.0, answer.correct)
        for session, answer in tries.items()
    ]
    note = ""
    if answered < MIN_STUDENTS:
        note = (
            f"only {answered} student{'s' if answered != 1 else ''} answered: the discrimination "
            f"figures mean little below {MIN_STUDENTS}"
        )
    first_answer = next(iter(tries.values()))
    return ItemStats(
        pack=pack,
        lesson=lesson,
        scene=scene,
        objective=question.objective if question else first_answer.objective,
        question=question.question if question else scene,
        answered=answered,
        first_try_correct=sum(a.correct for a in tries.values()),
        options=options,
        discrimination=upper_lower(ranked),
        point_biserial=point_biserial(ranked),
        note=note,
    )


def _option_texts(question: Question | None, tries: Iterable[Answer]) -> dict[int, str]:
    if question is not None:
        return dict(enumerate(question.options, 1))
    return {a.option: a.text for a in tries}  # recorded before quiz wording was kept


def upper_lower(ranked: Sequence[tuple[float, bool]]) -> float | None:
    """Kelley's D: share right among the top 27% by score minus the share
    right among the bottom 27%; None with fewer than two students. Ties in
    score are broken by keeping the input order (stable sort)."""
    if len(ranked) < 2:
        return None
    size = max(1, round(UPPER_LOWER_SHARE * len(ranked)))
    size = min(size, len(ranked) // 2)
    ordered = sorted(ranked, key=lambda pair: pair[0])
    lower = sum(correct for _, correct in ordered[:size])
    upper = sum(correct for _, correct in ordered[-size:])
    return (upper - lower) / size


def point_biserial(ranked: Sequence[tuple[float, bool]]) -> float | None:
    """r = (M1 - M0) / s * sqrt(p q), with s the population standard
    deviation of the scores; None when it is undefined (everyone right, no
    one right, or every score equal)."""
    n = len(ranked)
    right = [score for score, correct in ranked if correct]
    wrong = [score for score, correct in ranked if not correct]
    if not right or not wrong:
        return None
    mean = sum(score for score, _ in ranked) / n
    spread = math.sqrt(sum((score - mean) ** 2 for score, _ in ranked) / n)
    if spread == 0:
        return None
    p = len(right) / n
    return (sum(right) / len(right) - sum(wrong) / len(wrong)) / spread * math.sqrt(p * (1 - p))


# --- showing -------------------------------------------------------------------------


def format_items(items: Sequence[ItemStats], report: ResultsReport, unicode: bool = True) -> str:
    from game.classroom.table import bar

    scope = f"lesson {report.lesson}" if report.lesson else "all lessons"
    if report.class_code:
        scope += f", class {report.class_code}"
    lines = [f"Question analysis: {len(items)} questions, {scope}", ""]
    if not items:
        lines.append("No quiz answered yet.")
    for number, item in enumerate(items, 1):
        objective = report.title(item.pack, "objective", item.objective)
        lines.append(f"Q{number}. {item.question}")
        lines.append(f"    {item.scene} · objective {item.objective}: {objective}")
        lines.append(
            f"    answered by {item.answered} · right at the first try "
            f"{item.percent_correct:.0f}% · discrimination D {_figure(item.discrimination)}, "
            f"r {_figure(item.point_biserial)}"
        )
        for option in item.options:
            mark = "right" if option.correct else ""
            flag = "  <- most chosen wrong answer" if option.most_chosen_wrong else ""
            lines.append(
                f"    {option.number}. {bar(option.percent, 10, unicode)} {option.percent:3.0f}% "
                f"({option.chosen}) {mark:5} {option.text}{flag}"
            )
        if item.note:
            lines.append(f"    note: {item.note}")
        lines.append("")
    return "\n".join(lines) + "\n"


def _figure(value: float | None) -> str:
    return "—" if value is None else f"{value:+.2f}"


def items_json(items: Sequence[ItemStats], report: ResultsReport) -> dict[str, object]:
    return {
        "results": report.results,
        "lesson": report.lesson,
        "class": report.class_code,
        "generated_at": report.generated_at,
        "items": [
            {
                "pack": i.pack,
                "lesson": i.lesson,
                "scene": i.scene,
                "objective": i.objective,
                "objective_title": report.title(i.pack, "objective", i.objective),
                "question": i.question,
                "answered": i.answered,
                "first_try_correct": i.first_try_correct,
                "first_try_correct_percent": round(i.percent_correct, 1),
                "discrimination_upper_lower": i.discrimination,
                "point_biserial": i.point_biserial,
                "note": i.note or None,
                "options": [
                    {
                        "number": o.number,
                        "text": o.text,
                        "correct": o.correct,
                        "chosen": o.chosen,
                        "percent": round(o.percent, 1),
                        "most_chosen_wrong": o.most_chosen_wrong,
                    }
                    for o in i.options
                ],
            }
            for i in items
        ],
    }
