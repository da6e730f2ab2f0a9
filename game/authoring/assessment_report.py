"""The assessment section of `locus test`: what every path of each storyline
and lesson asks (``game.authoring.assessment``), as data for ``--format json``
and as text, with the shape of the whole quiz bank."""

from __future__ import annotations

from collections import Counter
from pathlib import Path
from typing import TYPE_CHECKING, TextIO

from game.authoring.assessment import (
    Coverage,
    lesson_paths,
    lesson_warnings,
    objective_ranges,
    percent_range,
    possible_points,
    quizzes_missed,
    score_range,
    silent_endings,
    storyline_views,
)
from game.authoring.memory import MemoryBudget
from game.story import model as m

if TYPE_CHECKING:  # (only a type here: the playtest is not imported for it)
    from game.authoring.playtest import KnownSteps


def report(
    story: m.Story, within: MemoryBudget | None = None, known: KnownSteps | None = None
) -> dict[str, object]:
    """The assessment section of ``locus test``, as data (JSON with
    ``--format json``; ``print_report`` renders it as text); its walks stay
    ``within`` the command's memory budget, and follow the ``known`` steps of
    the command's random playtest instead of taking them again."""
    views = {ident: storyline_views(story, ident, within, known) for ident in story.storylines}
    lines = {ident: plain for ident, (plain, _) in views.items()}
    wise = {ident: wise for ident, (_, wise) in views.items()}
    sections: list[dict[str, object]] = []
    for ident, coverage in lines.items():
        sections.append(_section(story, coverage, wise[ident], None))
    for lesson in story.lessons.values():
        if not all(s in lines for s in lesson.storylines):
            continue
        coverage = lesson_paths(story, lesson, lines)
        sections.append(_section(story, coverage, lesson_paths(story, lesson, wise), lesson))
    return {"items": bank_figures(story), "sections": sections}


def _section(
    story: m.Story, coverage: Coverage, wise: Coverage, lesson: m.Lesson | None
) -> dict[str, object]:
    objectives = lesson.objectives if lesson is not None else None
    ranges = objective_ranges(story, coverage, objectives)
    if lesson is not None:  # then the objectives its quizzes assess beyond its own
        listed = set(lesson.objectives)
        ranges += [r for r in objective_ranges(story, coverage) if r.objective not in listed]
    low, high = score_range(story, coverage)
    wise_low, wise_high = percent_range(story, wise)
    data: dict[str, object] = {
        "kind": coverage.kind,
        "id": coverage.id,
        "path": coverage.loc.path,
        "line": coverage.loc.line,
        "method": coverage.method,
        "states": coverage.states,
        "paths": coverage.paths,
        "note": coverage.note,
        "objectives": [
            {
                "objective": r.objective,
                "in_lesson": lesson is None or r.objective in lesson.objectives,
                "min": r.fewest,
                "max": r.most,
                "applied_min": r.applied_fewest,
                "applied_max": r.applied_most,
            }
            for r in ranges
        ],
        "score": {"min": low, "max": high},
        "possible_points": {str(k): v for k, v in sorted(possible_points(story, coverage).items())},
        "silent_endings": silent_endings(coverage),
        "quizzes_missed": [{"scene": s, "paths": n} for s, n in quizzes_missed(coverage)],
        "longest_option_percent": {"min": round(wise_low, 1), "max": round(wise_high, 1)},
    }
    if lesson is not None:
        data["pass_mark"] = lesson.pass_mark
        data["min_questions"] = lesson.min_questions
        data["warnings"] = [
            {"code": d.code, "message": d.message} for d in lesson_warnings(story, lesson, coverage)
        ]
    return data


def bank_figures(story: m.Story) -> dict[str, object]:
    """The whole bank's shape: how often the correct option is the strictly
    longest (as written), where it stands, and the kinds of question."""
    quizzes = [scene.quiz for scene in story.scenes.values() if scene.quiz is not None]
    longest = 0
    positions: Counter[int] = Counter()
    kinds: Counter[str] = Counter()
    for quiz in quizzes:
        lengths = [len(o.text.source) for o in quiz.options]
        key = lengths[quiz.correct_number - 1]
        longest += all(key > n for i, n in enumerate(lengths, 1) if i != quiz.correct_number)
        positions[quiz.correct_number] += 1
        kinds[quiz.kind] += 1
    return {
        "quizzes": len(quizzes),
        "key_strictly_longest": longest,
        "key_positions": {str(k): v for k, v in sorted(positions.items())},
        "kinds": dict(sorted(kinds.items())),
    }


def print_report(data: dict[str, object], root: Path, out: TextIO) -> None:
    """The report as text; positions are shown under ``root``, the pack
    folder as the user named it, so an editor can open them."""
    bank = data["items"]
    assert isinstance(bank, dict)
    count = bank["quizzes"] or 1
    print("Assessment (every path; see docs/authoring.md, 'Assessment analysis'):", file=out)
    print(
        f"  bank: {bank['quizzes']} quizzes; correct option strictly longest in "
        f"{bank['key_strictly_longest']} ({100 * bank['key_strictly_longest'] / count:.0f}%); "
        f"correct option position {_pairs(bank['key_positions'])}; kinds {_pairs(bank['kinds'])}",
        file=out,
    )
    for section in data["sections"]:  # type: ignore[attr-defined]
        method = (
            f"exact over {section['states']:,} states"
            if section["method"] == "exact"
            else f"sampled over {section['states']:,} random playthroughs"
        )
        print(
            f"  {section['kind']} {section['id']} ({root / section['path']}:{section['line']}): "
            f"{method}, {section['paths']} path classes"
            + (f" ({section['note']})" if section["note"] else ""),
            file=out,
        )
        if "pass_mark" in section:
            mark, needed = section["pass_mark"], section["min_questions"]
            print(f"    pass mark {mark:g}%, min_questions {needed}", file=out)
        score, wise = section["score"], section["longest_option_percent"]
        print(
            f"    score {score['min']} to {score['max']}; points a path can earn (path classes) "
            f"{_counts(section['possible_points'])}; always the longest option: "
            f"{wise['min']:g}% to {wise['max']:g}%",
            file=out,
        )
        print("    questions per path (all / apply+read_panel):", file=out)
        for row in section["objectives"]:
            mark = "" if row["in_lesson"] else "  (not a lesson objective)"
            print(
                f"      {row['objective']:<22} {row['min']}-{row['max']:<4} "
                f"{row['applied_min']}-{row['applied_max']}{mark}",
                file=out,
            )
        silent = ", ".join(section["silent_endings"]) or "none"
        print(f"    endings reached without a question: {silent}", file=out)
        missed = ", ".join(f"{q['scene']} ({q['paths']})" for q in section["quizzes_missed"])
        print(f"    quizzes some paths miss (path classes missing): {missed or 'none'}", file=out)
        for warning in section.get("warnings", ()):
            print(f"    warning {warning['code']}: {warning['message']}", file=out)


def _counts(mapping: object) -> str:
    assert isinstance(mapping, dict)
    return ", ".join(f"{k} ({v})" for k, v in mapping.items()) or "none"


def _pairs(mapping: object) -> str:
    assert isinstance(mapping, dict)
    return ", ".join(f"{k}: {v}" for k, v in mapping.items()) or "none"
