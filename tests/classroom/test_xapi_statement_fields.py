"""Each recorded event's xAPI statement, every field spelled out: the verb's
IRI and display, the object's id, name, type and description, the result,
the context's registration, parent, grouping and extensions. An LRS and the
teacher's dashboards read these by name, so a renamed key or a wrong verb is
a lost record even when the statement stays well-formed.
(tests/classroom/test_xapi.py checks the statements a played lesson queues.)"""

from __future__ import annotations

import uuid
from typing import Any

from game.classroom.xapi import statements

NAMESPACE = uuid.UUID("6f1d2c3b-4a59-5e6d-8c7b-0a1b2c3d4e5f")
AT = 1_700_000_000.5  # 2023-11-14 22:13:20.5 UTC
QUESTION = statements.Question(
    "ne_heart", "What does norepinephrine do to the heart?", ("Speeds it up", "Slows it down"), 1
)


def _attempt(**changes: Any) -> statements.Attempt:
    fields: dict[str, Any] = {
        "namespace": NAMESPACE,
        "session_id": 7,
        "actor": statements.actor("pseudo-1", None),
        "pack": "mini",
        "pack_version": "sha256:0123456789abcdef",
        "lesson": "woods_lesson",
        "lesson_title": "Lesson: Into the Woods",
        "objectives": {"ne_heart": "NE speeds the heart.", "lc_location": "", "calm": "Rest."},
        "class_code": "K7Q2",
        "titles": {
            ("storyline", "woods"): "Into the Woods",
            ("scene", "trail"): "The Trail",
            ("scene", "check"): "Checkpoint",
            ("badge", "brave"): "Brave",
        },
        "questions": {"check": QUESTION},
    }
    return statements.Attempt(**{**fields, **changes})


ATTEMPT = _attempt()
ACTOR = {
    "objectType": "Agent",
    "account": {"homePage": "https://locus.invalid", "name": "pseudo-1"},
}
LESSON_REF = {"objectType": "Activity", "id": "urn:locus:mini:lesson:woods_lesson"}
WOODS_REF = {"objectType": "Activity", "id": "urn:locus:mini:storyline:woods"}
WOODS = {
    "objectType": "Activity",
    "id": "urn:locus:mini:storyline:woods",
    "definition": {
        "name": {"en": "Into the Woods"},
        "type": "http://adlnet.gov/expapi/activities/module",
    },
}
LESSON = {
    "objectType": "Activity",
    "id": "urn:locus:mini:lesson:woods_lesson",
    "definition": {
        "name": {"en": "Lesson: Into the Woods"},
        "type": "http://adlnet.gov/expapi/activities/lesson",
        "description": {"en": "NE speeds the heart. Rest."},  # the empty sentence left out
    },
}


def _verb(name: str, iri: str | None = None) -> dict[str, Any]:
    return {"id": iri or f"http://adlnet.gov/expapi/verbs/{name}", "display": {"en-US": name}}


def _context(
    storyline: str | None = "woods",
    parent: dict[str, Any] | None = WOODS_REF,
    grouping: list[dict[str, Any]] | None = None,
    **extensions: object,
) -> dict[str, Any]:
    found: dict[str, object] = {
        "urn:locus:extension:pack": {"id": "mini", "version": "sha256:0123456789abcdef"},
        "urn:locus:extension:class": "K7Q2",
    }
    if storyline:
        found["urn:locus:extension:storyline"] = storyline
    found.update({f"urn:locus:extension:{key}": value for key, value in extensions.items()})
    context: dict[str, Any] = {
        "registration": str(uuid.uuid5(NAMESPACE, "session:7")),
        "platform": "Locus",
        "revision": "sha256:0123456789abcdef",
        "extensions": found,
    }
    if parent is not None:
        activities: dict[str, Any] = {"parent": [parent]}
        if grouping is not None:
            activities["grouping"] = grouping
        context["contextActivities"] = activities
    return context


def _event(event_id: int, verb: dict, obj: dict, context: dict, result: dict | None = None):
    statement = {
        "id": str(uuid.uuid5(NAMESPACE, f"event:{event_id}")),
        "actor": ACTOR,
        "verb": verb,
        "object": obj,
        "context": context,
        "timestamp": "2023-11-14T22:13:20.500Z",
        "version": "1.0.3",
    }
    if result is not None:
        statement["result"] = result
    return statement


def test_a_launched_lesson_names_it_and_its_objectives_and_has_no_parent() -> None:
    assert statements.lesson_opened(ATTEMPT, AT, resumed=False) == {
        "id": str(uuid.uuid5(NAMESPACE, "session:7:launched")),
        "actor": ACTOR,
        "verb": _verb("launched"),
        "object": LESSON,
        "context": _context(storyline=None, parent=None),
        "timestamp": "2023-11-14T22:13:20.500Z",
        "version": "1.0.3",
    }


def test_a_resumed_lesson_is_a_statement_of_its_own_for_each_reopening() -> None:
    resumed = statements.lesson_opened(ATTEMPT, AT, resumed=True)
    assert resumed["verb"] == _verb("resumed")
    assert resumed["id"] == str(uuid.uuid5(NAMESPACE, f"session:7:resumed:{AT!r}"))
    later = statements.lesson_opened(ATTEMPT, AT + 60, resumed=True)
    assert later["id"] != resumed["id"]


def test_a_lesson_without_objective_sentences_has_no_description() -> None:
    bare = _attempt(objectives={"ne_heart": ""}, lesson_title="")
    assert statements.lesson_activity(bare)["definition"] == {
        "name": {"en": "woods_lesson"},  # no title: the id names it
        "type": "http://adlnet.gov/expapi/activities/lesson",
    }


def test_a_finished_lesson_is_completed_then_passed_with_its_score() -> None:
    result = statements.LessonResult(
        finished=True, passed=True, has_quizzes=True, earned=15, possible=20, time_on_task=95.256
    )
    completed, verdict = statements.lesson_finished(ATTEMPT, AT, result)
    context = _context(storyline=None, parent=None)
    assert completed == {
        "id": str(uuid.uuid5(NAMESPACE, "session:7:completed")),
        "actor": ACTOR,
        "verb": _verb("completed"),
        "object": LESSON,
        "context": context,
        "timestamp": "2023-11-14T22:13:20.500Z",
        "version": "1.0.3",
        "result": {"completion": True, "duration": "PT95.26S"},
    }
    assert verdict == {
        "id": str(uuid.uuid5(NAMESPACE, "session:7:result")),
        "actor": ACTOR,
        "verb": _verb("passed"),
        "object": LESSON,
        "context": context,
        "timestamp": "2023-11-14T22:13:20.500Z",
        "version": "1.0.3",
        "result": {
            "success": True,
            "completion": True,
            "duration": "PT95.26S",
            "score": {"raw": 15, "min": 0, "max": 20, "scaled": 0.75},
        },
    }


def test_a_failed_lesson_without_quizzes_has_no_score() -> None:
    result = statements.LessonResult(
        finished=True, passed=False, has_quizzes=False, earned=0, possible=0, time_on_task=3.0
    )
    _, verdict = statements.lesson_finished(ATTEMPT, AT, result)
    assert verdict["verb"] == _verb("failed")
    assert verdict["result"] == {"success": False, "completion": True, "duration": "PT3.00S"}


def test_scores_are_bounded_and_scaled_to_four_places() -> None:
    def scored(raw: int, possible: int) -> dict:
        data = {"scene": "check", "option": 1, "points": raw, "possible": possible}
        answer = statements.for_event(ATTEMPT, 1, AT, "woods", "answer", "", data)
        assert answer is not None
        return answer["result"]["score"]

    assert scored(1, 3) == {"raw": 1, "min": 0, "max": 3, "scaled": 0.3333}
    assert scored(2, 3) == {"raw": 2, "min": 0, "max": 3, "scaled": 0.6667}
    assert scored(12, 10) == {"raw": 12, "min": 0, "max": 12, "scaled": 1.0}  # max covers raw
    assert scored(-5, 10) == {"raw": -5, "min": 0, "max": 10, "scaled": 0.0}
    assert scored(-5, 0) == {"raw": -5, "min": 0, "max": 0}  # nothing possible: not scaled


def test_a_storyline_start_is_launched_inside_the_lesson() -> None:
    started = statements.for_event(ATTEMPT, 11, AT, "woods", "start", "Started", {})
    assert started == _event(
        11, _verb("launched"), WOODS, _context(parent=LESSON_REF)
    )  # the lesson is the parent, so it is not repeated as a grouping
    named = statements.for_event(ATTEMPT, 12, AT, None, "start", "", {"storyline": "woods"})
    assert named is not None and named["object"] == WOODS


def test_entering_a_scene_is_experienced_inside_its_storyline() -> None:
    entered = statements.for_event(ATTEMPT, 13, AT, "woods", "enter", "", {"scene": "trail"})
    scene = {
        "objectType": "Activity",
        "id": "urn:locus:mini:scene:trail",
        "definition": {"name": {"en": "The Trail"}, "type": "urn:locus:activitytype:scene"},
    }
    assert entered == _event(13, _verb("experienced"), scene, _context(grouping=[LESSON_REF]))
    untitled = statements.for_event(ATTEMPT, 14, AT, "woods", "enter", "", {"scene": "hill"})
    assert untitled is not None and untitled["object"]["definition"]["name"] == {"en": "hill"}


def test_a_choice_is_interacted_with_its_words_and_number() -> None:
    data = {"scene": "trail", "number": 2, "text": "Sprint up the hill"}
    chosen = statements.for_event(ATTEMPT, 15, AT, "woods", "choice", "You chose", data)
    assert chosen is not None
    assert chosen["verb"] == _verb("interacted")
    assert chosen["object"]["id"] == "urn:locus:mini:scene:trail"
    assert chosen["result"] == {"response": "Sprint up the hill"}
    assert chosen["context"] == _context(grouping=[LESSON_REF], choice=2)
    fallback = statements.for_event(ATTEMPT, 16, AT, "woods", "choice", "Wait", {"number": True})
    assert fallback is not None
    assert fallback["result"] == {"response": "Wait"}  # the recorded text when data has none
    assert fallback["context"]["extensions"]["urn:locus:extension:choice"] == 0  # not a number


def test_an_answer_is_a_choice_interaction_grouped_under_its_objective() -> None:
    data = {
        "scene": "check",
        "objective": "ne_heart",
        "option": 2,
        "correct": False,
        "points": 0,
        "possible": 10,
    }
    answered = statements.for_event(ATTEMPT, 17, AT, "woods", "answer", "Answered", data)
    question = {
        "objectType": "Activity",
        "id": "urn:locus:mini:question:check",
        "definition": {
            "name": {"en": "Checkpoint"},
            "type": "http://adlnet.gov/expapi/activities/cmi.interaction",
            "description": {"en": "What does norepinephrine do to the heart?"},
            "interactionType": "choice",
            "correctResponsesPattern": ["option-1"],
            "choices": [
                {"id": "option-1", "description": {"en": "Speeds it up"}},
                {"id": "option-2", "description": {"en": "Slows it down"}},
            ],
        },
    }
    objective = {"objectType": "Activity", "id": "urn:locus:mini:objective:ne_heart"}
    assert answered == _event(
        17,
        _verb("answered"),
        question,
        _context(grouping=[LESSON_REF, objective]),
        {
            "success": False,
            "response": "option-2",
            "score": {"raw": 0, "min": 0, "max": 10, "scaled": 0.0},
        },
    )


def test_an_unrecorded_question_is_named_by_its_scene_without_choices() -> None:
    activity = statements.question_activity(_attempt(questions={}), "check")
    assert activity["definition"] == {
        "name": {"en": "Checkpoint"},
        "type": "http://adlnet.gov/expapi/activities/cmi.interaction",
    }
    assert statements.question_activity(_attempt(titles={}), "check")["definition"]["name"] == {
        "en": "check"
    }


def test_points_are_scored_on_the_storyline() -> None:
    data = {"score": 15, "points": -5}
    scored = statements.for_event(ATTEMPT, 18, AT, "woods", "score", "Score -5", data)
    assert scored == _event(
        18,
        _verb("scored"),
        WOODS,
        _context(grouping=[LESSON_REF], points=-5),
        {"score": {"raw": 15}},
    )


def test_a_badge_is_earned_with_tincans_verb_and_its_title() -> None:
    earned = statements.for_event(ATTEMPT, 19, AT, "woods", "badge", "Badge", {"id": "brave"})
    badge = {
        "objectType": "Activity",
        "id": "urn:locus:mini:badge:brave",
        "definition": {
            "name": {"en": "Brave"},
            "type": "http://id.tincanapi.com/activitytype/badge",
        },
    }
    assert earned == _event(
        19,
        _verb("earned", "http://id.tincanapi.com/verb/earned"),
        badge,
        _context(grouping=[LESSON_REF]),
    )
    untitled = statements.for_event(ATTEMPT, 20, AT, "woods", "badge", "Badge", {"id": "calm"})
    assert untitled is not None and untitled["object"]["definition"]["name"] == {"en": "calm"}


def test_codex_conditions_and_medications_are_experienced_under_the_recorded_name() -> None:
    kinds = {
        "codex": "urn:locus:activitytype:codex-entry",
        "condition": "urn:locus:activitytype:condition",
        "medication": "urn:locus:activitytype:medication",
    }
    for kind, activity_type in kinds.items():
        text = f"{kind.title()} noted: The locus coeruleus"
        data = {"id": "lc id", "action": "stopped"}
        found = statements.for_event(ATTEMPT, 21, AT, "woods", kind, text, data)
        entry = {
            "objectType": "Activity",
            "id": f"urn:locus:mini:{kind}:lc%20id",  # ids are quoted into the IRI
            "definition": {"name": {"en": "The locus coeruleus"}, "type": activity_type},
        }
        assert found == _event(
            21, _verb("experienced"), entry, _context(grouping=[LESSON_REF], action="stopped")
        )
    nameless = statements.for_event(ATTEMPT, 22, AT, "woods", "codex", "Codex", {"id": "lc"})
    assert nameless is not None
    assert nameless["object"]["definition"]["name"] == {"en": "lc"}  # no ": name" in the text
    assert "urn:locus:extension:action" not in nameless["context"]["extensions"]


def test_an_ending_completes_the_storyline_with_its_kind() -> None:
    data = {"scene": "end_safe", "kind": "good"}
    ended = statements.for_event(ATTEMPT, 23, AT, "woods", "ending", "The end", data)
    assert ended == _event(
        23,
        _verb("completed"),
        WOODS,
        _context(grouping=[LESSON_REF], ending="good"),
        {"completion": True, "response": "end_safe"},
    )


def test_outside_a_storyline_the_lesson_is_the_parent() -> None:
    entered = statements.for_event(ATTEMPT, 24, AT, None, "enter", "", {"scene": "trail"})
    assert entered is not None
    assert entered["context"] == _context(storyline=None, parent=LESSON_REF)


def test_without_a_class_there_is_no_class_extension() -> None:
    entered = statements.for_event(
        _attempt(class_code=None), 25, AT, "woods", "enter", "", {"scene": "trail"}
    )
    assert entered is not None
    assert "urn:locus:extension:class" not in entered["context"]["extensions"]


def test_routes_and_unknown_kinds_make_no_statement() -> None:
    for kind in ("route", "xp", ""):
        assert statements.for_event(ATTEMPT, 26, AT, "woods", kind, "Went on", {}) is None


def test_a_named_actor_keeps_the_account_and_adds_the_name() -> None:
    assert statements.actor("pseudo-1", "Ana Lima") == {
        "objectType": "Agent",
        "account": {"homePage": "https://locus.invalid", "name": "pseudo-1"},
        "name": "Ana Lima",
    }


def test_the_pack_version_is_a_short_digest_of_titles_and_questions() -> None:
    version = statements.pack_version(dict(ATTEMPT.titles), {"check": QUESTION})
    assert version.startswith("sha256:") and len(version) == len("sha256:") + 16
    int(version.removeprefix("sha256:"), 16)  # hexadecimal
    # each field counts on its own: moving text between fields is a new version
    moved = statements.Question(
        "ne_heart",
        "What does norepinephrine do to the heart?",
        ("Speeds it up", "Slows it down"),
        2,
    )
    assert statements.pack_version(dict(ATTEMPT.titles), {"check": moved}) != version
    joined = {("scene", "check"): "Check", ("scene", "point"): "x"}
    split = {("scene", "check"): "Checkx", ("scene", "point"): ""}
    assert statements.pack_version(joined, {}) != statements.pack_version(split, {})


def test_each_database_has_its_own_namespace_for_statement_ids() -> None:
    first = statements.database_namespace("00" * 16)
    assert first == statements.database_namespace("00" * 16)
    assert first != statements.database_namespace("01" + "00" * 15)
    assert first.version == 5
