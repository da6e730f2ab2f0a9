"""xAPI 1.0.3 statements from what the results database records: pure
functions of an attempt's recorded facts (``Attempt``) and one recorded
event row (game/classroom/records.py writes them), no I/O.

* **The actor is an account**, never an e-mail: its name is the student's
  pseudonym (game/classroom/privacy.py: a keyed hash, stable for one results
  database, that cannot be turned back into the name), on ``HOME_PAGE``.
  The student's name is added only when the teacher asks (``send_names``).
* **Verbs are ADL's** (``VERBS``); a badge is TinCan's ``earned``.
* **Activities have definitions**: a name, a description where the pack has
  one, a type; a question is a ``cmi.interaction`` of type ``choice`` with
  its options and its correct one.
* **Context** carries the attempt (``registration``), the pack's id and
  version, the lesson as the parent or grouping activity, and the class.
* **Ids are UUID v5** of the event's identity (the database's own namespace,
  then the event's row or the attempt's milestone), so the same recorded
  event always gives the same statement, and the LRS keeps one copy however
  often it is posted.
"""

from __future__ import annotations

import hashlib
import hmac
import uuid
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any
from urllib.parse import quote

VERSION = "1.0.3"
# The system the students' accounts belong to. ``.invalid`` is reserved
# (RFC 2606): it names no one's site, and the account name is the pseudonym.
HOME_PAGE = "https://locus.invalid"
LANGUAGE = "en"
PLATFORM = "Locus"
# The namespace every results database derives its own namespace from.
LOCUS_NAMESPACE = uuid.UUID("0f5c7a3e-4b1d-5e8a-9c61-2d3f4a5b6c7d")

ADL = "http://adlnet.gov/expapi"
VERBS = {
    "launched": f"{ADL}/verbs/launched",
    "resumed": f"{ADL}/verbs/resumed",
    "experienced": f"{ADL}/verbs/experienced",
    "interacted": f"{ADL}/verbs/interacted",
    "answered": f"{ADL}/verbs/answered",
    "scored": f"{ADL}/verbs/scored",
    "completed": f"{ADL}/verbs/completed",
    "passed": f"{ADL}/verbs/passed",
    "failed": f"{ADL}/verbs/failed",
    "earned": "http://id.tincanapi.com/verb/earned",
}
TYPES = {
    "lesson": f"{ADL}/activities/lesson",
    "storyline": f"{ADL}/activities/module",
    "question": f"{ADL}/activities/cmi.interaction",
    "badge": "http://id.tincanapi.com/activitytype/badge",
    "scene": "urn:locus:activitytype:scene",
    "codex": "urn:locus:activitytype:codex-entry",
    "condition": "urn:locus:activitytype:condition",
    "medication": "urn:locus:activitytype:medication",
}
EXTENSIONS = {
    "pack": "urn:locus:extension:pack",  # {"id": ..., "version": ...}
    "class": "urn:locus:extension:class",
    "storyline": "urn:locus:extension:storyline",
    "choice": "urn:locus:extension:choice",  # the option's number on screen
    "ending": "urn:locus:extension:ending",  # good, neutral or bad
    "action": "urn:locus:extension:action",  # a condition added, a medication stopped...
    "points": "urn:locus:extension:points",
}


@dataclass(frozen=True, slots=True)
class Question:
    objective: str
    question: str
    options: tuple[str, ...]
    correct_option: int  # 1-based


@dataclass(frozen=True, slots=True)
class Attempt:
    """What every statement of one lesson attempt shares, read from the
    results database when the attempt opens (game/classroom/xapi/outbox.py)."""

    namespace: uuid.UUID
    session_id: int
    actor: Mapping[str, Any]
    pack: str
    pack_version: str
    lesson: str
    lesson_title: str
    objectives: Mapping[str, str]  # the lesson's objective ids -> sentences
    class_code: str | None
    titles: Mapping[tuple[str, str], str]  # (kind, id) -> title, as the pack said
    questions: Mapping[str, Question]  # by scene


@dataclass(frozen=True, slots=True)
class LessonResult:
    finished: bool
    passed: bool
    has_quizzes: bool
    earned: int
    possible: int
    time_on_task: float


def database_namespace(secret: str) -> uuid.UUID:
    """This database's namespace for statement ids: derived from its secret
    key (a keyed hash, so the key itself never leaves the file), so two
    databases never give two different events the same id."""
    digest = hmac.new(bytes.fromhex(secret), b"xapi statement ids", hashlib.sha256)
    return uuid.uuid5(LOCUS_NAMESPACE, digest.hexdigest())


def actor(pseudonym: str, name: str | None) -> dict[str, Any]:
    agent: dict[str, Any] = {
        "objectType": "Agent",
        "account": {"homePage": HOME_PAGE, "name": pseudonym},
    }
    if name is not None:
        agent["name"] = name
    return agent


def pack_version(titles: Mapping[tuple[str, str], str], questions: Mapping[str, Question]) -> str:
    """A short digest of the pack's recorded texts (titles and questions): it
    changes when the author rewords a question or renames a scene, so an LRS
    can tell statements about two versions of a pack apart."""
    digest = hashlib.sha256()
    for (kind, ident), title in sorted(titles.items()):
        digest.update(f"{kind}\x1f{ident}\x1f{title}\x1e".encode())
    for scene, q in sorted(questions.items()):
        fields = (scene, q.objective, q.question, *q.options, str(q.correct_option))
        digest.update(("\x1f".join(fields) + "\x1e").encode())
    return "sha256:" + digest.hexdigest()[:16]


def activity_iri(attempt: Attempt, kind: str, ident: str) -> str:
    return f"urn:locus:{quote(attempt.pack, safe='')}:{kind}:{quote(ident, safe='')}"


def timestamp(at: float) -> str:
    when = datetime.fromtimestamp(at, UTC)
    return when.isoformat(timespec="milliseconds").replace("+00:00", "Z")


def _text(value: str) -> dict[str, str]:
    return {LANGUAGE: value}


def _activity(
    attempt: Attempt, kind: str, ident: str, name: str, description: str | None = None
) -> dict[str, Any]:
    definition: dict[str, Any] = {"name": _text(name or ident), "type": TYPES[kind]}
    if description:
        definition["description"] = _text(description)
    return {
        "objectType": "Activity",
        "id": activity_iri(attempt, kind, ident),
        "definition": definition,
    }


def lesson_activity(attempt: Attempt) -> dict[str, Any]:
    sentences = [attempt.objectives[o] for o in attempt.objectives if attempt.objectives[o]]
    return _activity(
        attempt, "lesson", attempt.lesson, attempt.lesson_title, " ".join(sentences) or None
    )


def _storyline(attempt: Attempt, storyline: str) -> dict[str, Any]:
    return _activity(
        attempt, "storyline", storyline, attempt.titles.get(("storyline", storyline), storyline)
    )


def _scene(attempt: Attempt, scene: str) -> dict[str, Any]:
    return _activity(attempt, "scene", scene, attempt.titles.get(("scene", scene), scene))


def question_activity(attempt: Attempt, scene: str) -> dict[str, Any]:
    """A quiz as a ``choice`` interaction: its wording, its options (ids
    ``option-1``...) and the correct one, as the results database keeps them."""
    activity = _activity(attempt, "question", scene, attempt.titles.get(("scene", scene), scene))
    q = attempt.questions.get(scene)
    if q is not None:
        activity["definition"].update(
            description=_text(q.question),
            interactionType="choice",
            correctResponsesPattern=[f"option-{q.correct_option}"],
            choices=[
                {"id": f"option-{n}", "description": _text(text)}
                for n, text in enumerate(q.options, start=1)
            ],
        )
    return activity


def _reference(activity: Mapping[str, Any]) -> dict[str, Any]:
    return {"objectType": "Activity", "id": activity["id"]}


def _context(
    attempt: Attempt,
    *,
    storyline: str | None,
    parent: Mapping[str, Any] | None,
    extra: Mapping[str, object] | None = None,
    grouping: tuple[str, ...] = (),
) -> dict[str, Any]:
    """The attempt (``registration``), where the object sits (its ``parent``,
    and the lesson and the objectives it belongs to as ``grouping``, given
    by their IRIs), the pack's id and version, the class."""
    lesson_id = activity_iri(attempt, "lesson", attempt.lesson)
    activities: dict[str, Any] = {}
    if parent is not None:
        activities["parent"] = [_reference(parent)]
        groups = [] if parent["id"] == lesson_id else [{"objectType": "Activity", "id": lesson_id}]
        groups += [{"objectType": "Activity", "id": iri} for iri in grouping]
        if groups:
            activities["grouping"] = groups
    extensions: dict[str, object] = {
        EXTENSIONS["pack"]: {"id": attempt.pack, "version": attempt.pack_version}
    }
    if attempt.class_code:
        extensions[EXTENSIONS["class"]] = attempt.class_code
    if storyline:
        extensions[EXTENSIONS["storyline"]] = storyline
    for key, value in (extra or {}).items():
        extensions[EXTENSIONS[key]] = value
    context: dict[str, Any] = {
        "registration": str(uuid.uuid5(attempt.namespace, f"session:{attempt.session_id}")),
        "platform": PLATFORM,
        "revision": attempt.pack_version,
        "extensions": extensions,
    }
    if activities:
        context["contextActivities"] = activities
    return context


def _statement(
    attempt: Attempt,
    identity: str,
    verb: str,
    obj: dict[str, Any],
    at: float,
    context: dict[str, Any],
    result: dict[str, Any] | None = None,
) -> dict[str, Any]:
    statement: dict[str, Any] = {
        "id": str(uuid.uuid5(attempt.namespace, identity)),
        "actor": dict(attempt.actor),
        "verb": {"id": VERBS[verb], "display": {"en-US": verb}},
        "object": obj,
        "context": context,
        "timestamp": timestamp(at),
        "version": VERSION,
    }
    if result is not None:
        statement["result"] = result
    return statement


def lesson_opened(attempt: Attempt, at: float, *, resumed: bool) -> dict[str, Any]:
    """``launched`` the lesson (a new attempt) or ``resumed`` it (the same
    attempt reopened after a pause or a crash)."""
    identity = f"session:{attempt.session_id}:" + (f"resumed:{at!r}" if resumed else "launched")
    context = _context(attempt, storyline=None, parent=None)
    return _statement(
        attempt,
        identity,
        "resumed" if resumed else "launched",
        lesson_activity(attempt),
        at,
        context,
    )


def lesson_finished(attempt: Attempt, at: float, result: LessonResult) -> list[dict[str, Any]]:
    """``completed`` the lesson, then ``passed`` or ``failed`` it, with the
    score the teacher report gives (first tries only)."""
    lesson = lesson_activity(attempt)
    context = _context(attempt, storyline=None, parent=None)
    duration = f"PT{result.time_on_task:.2f}S"
    completed = _statement(
        attempt,
        f"session:{attempt.session_id}:completed",
        "completed",
        lesson,
        at,
        context,
        {"completion": True, "duration": duration},
    )
    outcome: dict[str, Any] = {"success": result.passed, "completion": True, "duration": duration}
    if result.has_quizzes:
        outcome["score"] = _score(result.earned, result.possible)
    verdict = _statement(
        attempt,
        f"session:{attempt.session_id}:result",
        "passed" if result.passed else "failed",
        lesson,
        at,
        context,
        outcome,
    )
    return [completed, verdict]


def _score(raw: int, possible: int) -> dict[str, float | int]:
    score: dict[str, float | int] = {"raw": raw, "min": 0, "max": max(possible, raw, 0)}
    if possible > 0:
        score["scaled"] = round(max(0.0, min(1.0, raw / possible)), 4)
    return score


def for_event(
    attempt: Attempt,
    event_id: int,
    at: float,
    storyline: str | None,
    kind: str,
    text: str,
    data: Mapping[str, object],
) -> dict[str, Any] | None:
    """The statement for one recorded event, or None for the kinds that are
    the story's own bookkeeping (a route taken says why the story went on,
    which the next ``experienced`` statement shows)."""
    build = _BY_KIND.get(kind)
    if build is None:
        return None
    verb, obj, result, extra = build(attempt, storyline, text, data)
    in_lesson = kind == "start" or not storyline
    parent = lesson_activity(attempt) if in_lesson else _storyline(attempt, storyline or "")
    objective = str(data.get("objective", "")) if kind == "answer" else ""
    grouping = (activity_iri(attempt, "objective", objective),) if objective else ()
    context = _context(attempt, storyline=storyline, parent=parent, extra=extra, grouping=grouping)
    return _statement(attempt, f"event:{event_id}", verb, obj, at, context, result)


_Built = tuple[str, dict[str, Any], dict[str, Any] | None, dict[str, object] | None]


def _start(
    attempt: Attempt, storyline: str | None, text: str, data: Mapping[str, object]
) -> _Built:
    line = str(data.get("storyline") or storyline or "")
    return "launched", _storyline(attempt, line), None, None


def _enter(
    attempt: Attempt, storyline: str | None, text: str, data: Mapping[str, object]
) -> _Built:
    return "experienced", _scene(attempt, str(data.get("scene", ""))), None, None


def _choice(
    attempt: Attempt, storyline: str | None, text: str, data: Mapping[str, object]
) -> _Built:
    result = {"response": str(data.get("text", text))}
    return (
        "interacted",
        _scene(attempt, str(data.get("scene", ""))),
        result,
        {"choice": _int(data.get("number"))},
    )


def _answer(
    attempt: Attempt, storyline: str | None, text: str, data: Mapping[str, object]
) -> _Built:
    scene = str(data.get("scene", ""))
    result = {
        "success": bool(data.get("correct")),
        "response": f"option-{_int(data.get('option'))}",
        "score": _score(_int(data.get("points")), _int(data.get("possible"))),
    }
    return "answered", question_activity(attempt, scene), result, None


def _scored(
    attempt: Attempt, storyline: str | None, text: str, data: Mapping[str, object]
) -> _Built:
    result = {"score": {"raw": _int(data.get("score"))}}
    return (
        "scored",
        _storyline(attempt, storyline or ""),
        result,
        {"points": _int(data.get("points"))},
    )


def _badge(
    attempt: Attempt, storyline: str | None, text: str, data: Mapping[str, object]
) -> _Built:
    ident = str(data.get("id", ""))
    title = attempt.titles.get(("badge", ident), ident)
    return "earned", _activity(attempt, "badge", ident, title), None, None


def _named(kind: str) -> Any:
    """Codex entries, conditions and medications: the recorded text names
    them ("Codex unlocked: The locus coeruleus"), the pack's titles do not."""

    def build(
        attempt: Attempt, storyline: str | None, text: str, data: Mapping[str, object]
    ) -> _Built:
        ident = str(data.get("id", ""))
        name = text.partition(": ")[2] or ident
        action = data.get("action")
        extra: dict[str, object] | None = {"action": str(action)} if action is not None else None
        return "experienced", _activity(attempt, kind, ident, name), None, extra

    return build


def _ending(
    attempt: Attempt, storyline: str | None, text: str, data: Mapping[str, object]
) -> _Built:
    result = {"completion": True, "response": str(data.get("scene", ""))}
    return (
        "completed",
        _storyline(attempt, storyline or ""),
        result,
        {"ending": str(data.get("kind", ""))},
    )


def _int(value: object) -> int:
    return int(value) if isinstance(value, int | float) and not isinstance(value, bool) else 0


_BY_KIND = {
    "start": _start,
    "enter": _enter,
    "choice": _choice,
    "answer": _answer,
    "score": _scored,
    "badge": _badge,
    "codex": _named("codex"),
    "condition": _named("condition"),
    "medication": _named("medication"),
    "ending": _ending,
}
