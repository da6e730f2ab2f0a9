"""The plain front end: sentences on standard output, a command on each input line.

One module past 500 lines because it is the whole screen-reader front end: the
sentences, the session that says them and the command loop change together
whenever the game gains something to show, and the rest of game/ uses only its
entry point, ``play_plain``.

Made for screen readers first, and so for pipes and scripts too: linear text,
no decoration, no glyphs a reader spells out (arrows become words: "heart
rate up from 70 to 112 bpm"), and numbers that stay put (a choice keeps its
number for the whole scene, even when an earlier one is used up). It says
everything the TUI shows: the scene and the story's clock, the body in words (`b` reads every value
with its meaning), what each step did and why, the right answer and the
points after a quiz, the codex, and the debrief at every ending. Scene art
is read only with --art, and the story's internal variables only with
--verbose. Every step is autosaved, and the player's profile (codex, endings,
XP) lasts between games, as in the TUI.
"""

from __future__ import annotations

import argparse
import calendar
import re
import sys
from collections import Counter
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import TYPE_CHECKING, TextIO

from game import body as bm
from game.engine import events as ev
from game.engine.debrief import body_changes, objective_results, score_parts
from game.engine.events import Event
from game.engine.machine import ActionError, ChoiceView, ContentError, Game, format_duration
from game.engine.profile import (
    Profile,
    ProfileError,
    endings_of,
    profile_path,
    read_profile,
    storyline_key,
    write_profile,
)
from game.engine.saves import (
    AUTOSAVE,
    SaveError,
    find_save,
    list_saves,
    read_save,
    slot_path,
    write_save,
)
from game.engine.state import GameState
from game.packs import pack_dir
from game.paths import saves_dir
from game.story.clock import StoryTime
from game.story.model import Story
from game.story.printable import printable
from game.story.styles import plain_text

if TYPE_CHECKING:
    from game.watch import PackWatcher

Observer = Callable[[Game, tuple[Event, ...]], None]
Say = Callable[[str], None]
XpRule = Callable[[GameState], int]

HELP = """Commands:
  a number   take that choice, or give that answer
  r          read the scene again
  b          read every body value and what it means
  c          list your codex entries; c and a number reads one
  u          undo the last step
  s NAME     save in a slot with that name (s alone: quicksave)
  l NAME     load the slot with that name (l alone lists your saves)
  d          the debrief again, at an ending
  ?          this help
  q          quit"""

# What each readout means, for `b`: one sentence a 15-year-old can follow.
MEANINGS = {
    "lc_rate": (
        "how fast the locus coeruleus, the brainstem's main source of brain norepinephrine,"
        " is firing"
    ),
    "lc_mode": (
        "its firing pattern: low tonic is drowsy, phasic is focused,"
        " high tonic is anxious and distractible"
    ),
    "ne": "norepinephrine in the brain, compared with its resting level",
    "ne_plasma": "norepinephrine in the blood, which comes mainly from sympathetic nerves",
    "heart_rate": "heartbeats each minute",
    "systolic": "blood pressure while the heart beats",
    "diastolic": "blood pressure between beats",
    "resp_rate": "breaths each minute",
    "glucose": "sugar in the blood, the body's quick fuel",
    "cardiac_output": "how much blood the heart pumps each minute",
    "pupil": "how wide the pupils are; they widen when the locus coeruleus is active",
    "muscle_flow": "blood reaching the muscles, compared with rest",
    "digestion": "how busy the gut is, compared with rest; stress slows it",
    "pain": "how strongly pain is felt, compared with normal; norepinephrine can dampen it",
    "alertness": "how awake and alert, from 0 to 100",
    "focus": (
        "how well attention holds, from 0 to 100;"
        " best with a moderate level of brain norepinephrine"
    ),
    "anxiety": "how anxious, from 0 to 100",
    "fatigue": "how tired, from 0 to 100",
    "mood": "how good the mood is, from 0 to 100",
    "stress_load": "how much stress has built up over days, from 0 to 100",
}
UNITS = {
    "bpm": "beats a minute",
    "/min": "a minute",
    "%": "percent",
    "mmHg": "mmHg",
    "mg/dL": "mg per dL",
    "pg/mL": "pg per mL",
    "L/min": "litres a minute",
    "mm": "mm",
    "Hz": "Hz",
    "": "",
}
# The status after each scene: the body panel's values, in its order.
STATUS = (
    "heart_rate",
    "resp_rate",
    "glucose",
    "ne",
    "focus",
    "alertness",
    "anxiety",
    "fatigue",
    "mood",
)
# Glyphs in the engine's sentences, and the words a reader should hear instead.
WORDS = (
    (re.compile(r"\s*→\s*"), ", so "),
    (re.compile(r"\s*[↑▲]"), " up"),
    (re.compile(r"\s*[↓▼]"), " down"),
    (re.compile(r"(\d)\s*[–-]\s*(\d)"), r"\1 to \2"),
    (re.compile(r"β(\d)"), r"beta-\1"),
    (re.compile(r"α(\d)"), r"alpha-\1"),
    (re.compile(r"\s*·\s*"), ", "),
)
ENDINGS = {"good": "a good ending", "bad": "a bad ending", "neutral": "an ending"}


def in_words(text: str) -> str:
    """The engine's text with its glyphs said in words."""
    for pattern, words in WORDS:
        text = pattern.sub(words, text)
    return text


def lowered(label: str) -> str:
    """ "heart rate" in a sentence, but "LC firing" and "NE" kept as written."""
    return label if label[:2].isupper() else label[:1].lower() + label[1:]


def sentence(text: str) -> str:
    return text[:1].upper() + text[1:]


def closed(text: str) -> str:
    """``text`` ending in a full stop, unless it has its own (a reader pauses there)."""
    return text if text.endswith((".", "?", "!", ":")) else text + "."


def spoken(name: str, value: float | str) -> str:
    """ "heart rate 70 beats a minute" """
    info = bm.READOUTS[name]
    if isinstance(value, str):
        return f"{lowered(info.label)} {value.replace('_', ' ')}"
    unit = UNITS.get(info.unit, info.unit)
    return f"{lowered(info.label)} {value:.0f}{(' ' + unit) if unit else ''}"


def status_line(game: Game) -> str:
    r = bm.readouts(game.state.body)
    parts = [
        spoken(STATUS[0], float(r[STATUS[0]])),
        f"blood pressure {float(r['systolic']):.0f} over {float(r['diastolic']):.0f}",
        *(spoken(name, float(r[name])) for name in STATUS[1:]),
        f"LC {str(r['lc_mode']).replace('_', ' ')}",
    ]
    return "Body: " + ", ".join(parts) + "."


def body_report(game: Game) -> list[str]:
    """Every readout with its meaning, then conditions and medications."""
    r = bm.readouts(game.state.body)
    lines = ["Every body value:"]
    for name in bm.READOUTS:
        value = r[name]
        shown = spoken(name, value if isinstance(value, str) else float(value))
        meaning = MEANINGS.get(name, "")
        lines.append(f"  {sentence(shown)}: {meaning}.")
    state = game.state.body
    if state.conditions:
        titles = [bm.CONDITIONS[c].title for c in state.conditions if c in bm.CONDITIONS]
        lines.append("  Conditions: " + ", ".join(titles) + ".")
    if state.medications:
        titles = [bm.MEDICATIONS[d].title for d, _ in state.medications if d in bm.MEDICATIONS]
        lines.append("  Medications: " + ", ".join(titles) + ".")
    return lines


def changes_sentence(before: GameState, after: GameState) -> str:
    """ "Heart rate up from 70 to 112 beats a minute; mood down from 60 to 55." """
    old, new = bm.readouts(before.body), bm.readouts(after.body)
    said = []
    for name in ("heart_rate", "systolic", "resp_rate", "glucose", *STATUS[3:]):
        info = bm.READOUTS[name]
        was, now = float(old[name]), float(new[name])
        if info.low is None or info.high is None or abs(now - was) < (info.high - info.low) * 0.02:
            continue
        unit = UNITS.get(info.unit, info.unit)
        way = "up" if now > was else "down"
        said.append(
            f"{lowered(info.label)} {way} from {was:.0f} to {now:.0f}{(' ' + unit) if unit else ''}"
        )
    if not said:
        return ""
    return sentence("; ".join(said)) + "."


def event_lines(game: Game, verbose: bool) -> list[str]:
    """What the last step did, in sentences (in the order it happened)."""
    events = game.last_events
    lines: list[str] = []
    previous = game.steps[-2].state if len(game.steps) > 1 else None
    seconds = sum(e.seconds for e in events if isinstance(e, ev.TimePassed))
    after_answer = False
    # A long step repeats the body's links each night and morning: each is
    # said once, where it first happened, with how often.
    repeats = Counter(e.text for e in events if isinstance(e, ev.BodyExplained))
    said: set[str] = set()
    for item in events:
        if isinstance(item, ev.AnswerGiven):
            lines.append(answer_sentence(game, item))
        elif isinstance(item, ev.ScoreChanged):
            if not after_answer:  # else the answer's sentence says its points
                lines.append(f"{item.text}.")
        elif isinstance(item, ev.BodyExplained):
            if item.text not in said:
                said.add(item.text)
                count = repeats[item.text]
                lines.append(
                    sentence(in_words(item.text)) + (f", {count} times." if count > 1 else ".")
                )
        elif isinstance(item, ev.CodexUnlocked):
            title = game.story.codex[item.id].title
            lines.append(f"New in the codex: {title}. Type c to read it.")
        elif isinstance(item, ev.BadgeEarned | ev.ConditionChanged | ev.MedicationChanged):
            lines.append(f"{item.text}.")
        elif isinstance(item, ev.VariableChanged):
            if verbose:
                lines.append(f"Variable {item.name} is now {item.value}.")
        elif shown_if_verbose(item) and (
            verbose or (isinstance(item, ev.RouteTaken) and item.random)
        ):
            lines.append(sentence(in_words(item.text)) + ".")
        after_answer = isinstance(item, ev.AnswerGiven)
    if seconds:
        passing = format_duration(seconds)
        verb = "passes" if passing.split()[0] == "1" else "pass"
        moved = changes_sentence(previous, game.state) if previous is not None else ""
        lines.insert(0, f"{passing} {verb}." + (f" {moved}" if moved else ""))
    return lines


def shown_if_verbose(item: Event) -> bool:
    """The story's inner workings: body inputs, and the condition a route
    took (a route taken by chance is part of the story, and said)."""
    return isinstance(item, ev.InputsChanged | ev.RouteTaken)


def answer_sentence(game: Game, item: ev.AnswerGiven) -> str:
    points = f"{item.points} of {item.possible} points"
    feedback = item.feedback.strip()
    if item.correct:
        return f"Correct, {points}. {feedback}".strip()
    right = item.correct_option
    scene = game.story.scenes.get(item.scene)
    text = ""
    if scene is not None and scene.quiz is not None and 1 <= right <= len(scene.quiz.options):
        text = f": {plain_text(scene.quiz.options[right - 1].text.source)}"
    return f"Not quite, {points}. The right answer was {right}{text}. {feedback}".strip()


def spoken_time(time: StoryTime) -> str:
    """The story's clock as a reader says it: "Thursday 18:30", "day 3,
    06:10" or "21:05" (the status bar's "Thu" and "·" spelled out)."""
    if time.weekday is not None:
        return f"{calendar.day_name[time.weekday]} {time.clock}"
    return f"day {time.day}, {time.clock}" if time.day else time.clock


def stable_number(option: ChoiceView) -> int:
    """The number a choice keeps all scene: its place among the scene's
    choices (the same as the visible number in quizzes and Continue)."""
    return option.source if option.kind == "choice" else option.number


def scene_lines(game: Game, art: bool) -> list[str]:
    view = game.view()
    lines = ["", f"Scene: {closed(view.title)}", f"Time: {spoken_time(game.state.time)}."]
    if art and view.art:
        lines += ["Art:", view.art.rstrip("\n")]
    lines += [plain_text(paragraph).strip() for paragraph in view.paragraphs]
    lines.append(status_line(game))
    if view.kind == "ending":
        kind = ENDINGS.get(view.ending_kind or "", view.ending_kind or "an ending")
        lines.append(f"THE END ({view.ending_kind}), {kind}: {view.ending_summary}")
        return lines
    if view.question:
        lines.append(f"Question: {plain_text(view.question)}")
    options = game.options()
    for option in options:
        number = stable_number(option)
        if option.enabled:
            lines.append(f"{number}. {option.text}")
        else:
            reason = option.hint or "not possible now"
            lines.append(f"{number}. Not available: {option.text}. Why: {reason}")
    if not options:
        lines.append(
            "This is a dead end: the story offers no way on from here."
            " Type u to undo the last step, or q to quit."
        )
    elif not any(option.enabled for option in options):
        lines.append("No choice is open here now. Type u to undo the last step, or q to quit.")
    return lines


class PlainSession:
    """One plain game: the game value, its autosave and the player's profile."""

    def __init__(
        self,
        story: Story,
        game: Game,
        args: argparse.Namespace,
        say: Say,
        xp: XpRule | None,
    ) -> None:
        self.story = story
        self.game = game
        self.say = say
        self.xp = xp or (lambda _state: 0)
        self.art = bool(getattr(args, "art", False))
        self.verbose = bool(getattr(args, "verbose", False))
        lesson = getattr(args, "lesson", None)
        student = getattr(args, "student", None) if lesson else None
        self.profile_file = profile_path(saves_dir(), student)
        self.profile, damaged = read_profile(self.profile_file)
        if damaged:
            say(f"Note: {damaged}")
        self._told_autosave = False
        self._told_profile = False

    # --- after every step -------------------------------------------------------

    def stepped(self) -> None:
        """Read the step, autosave and record the profile, then read the scene."""
        for line in event_lines(self.game, self.verbose):
            self.say(line)
        self.record()
        self.show()

    def show(self) -> None:
        for line in scene_lines(self.game, self.art):
            self.say(line)
        if self.game.ended:
            self.debrief()

    def record(self) -> None:
        try:
            write_save(slot_path(saves_dir(), self.story.id, AUTOSAVE), self.game, AUTOSAVE)
        except SaveError as error:
            if not self._told_autosave:
                self._told_autosave = True
                self.say(f"Note: autosave failed: {error}")
        updated = self.profile.with_game(self.game, self.xp(self.game.state))
        if updated is self.profile:
            return
        self.profile = updated
        try:
            write_profile(self.profile_file, updated)
        except ProfileError as error:
            if not self._told_profile:
                self._told_profile = True
                self.say(f"Note: {error}")

    # --- the debrief ------------------------------------------------------------

    def debrief(self) -> None:
        for line in debrief_lines(self.game, self.profile, self.xp(self.game.state)):
            self.say(line)

    # --- commands ---------------------------------------------------------------

    def codex(self, argument: str) -> None:
        unlocked = unlocked_codex(self.story, self.game, self.profile)
        if not unlocked:
            self.say("No codex entries yet: play to unlock them.")
            return
        if not argument:
            self.say(f"Codex, {len(unlocked)} of {len(self.story.codex)} entries unlocked:")
            for number, ident in enumerate(unlocked, 1):
                self.say(f"{number}. {self.story.codex[ident].title}")
            self.say("Type c and a number to read one, for example c 1.")
            return
        if not argument.isdigit() or not 1 <= int(argument) <= len(unlocked):
            self.say(f"Type c and a number from 1 to {len(unlocked)}.")
            return
        entry = self.story.codex[unlocked[int(argument) - 1]]
        self.say(f"Codex: {entry.title}.")
        for paragraph in entry.paragraphs:
            self.say(plain_text(paragraph))
        for objective in entry.objectives:
            self.say(f"This teaches: {self.story.objectives.get(objective, objective)}")
        for source in entry.sources:
            self.say(f"Source: {source}")

    def load(self, name: str) -> None:
        folder = saves_dir()
        if not name:
            found = list_saves(folder, self.story.id)
            for path in found.unreadable:
                self.say(f"Note: {path.name} cannot be read as a save; it is skipped.")
            slots = found.slots
            if not slots:
                self.say("There are no saves yet. Type s and a name to save.")
                return
            self.say("Your saves, newest first: " + ", ".join(s.name for s in slots) + ".")
            self.say("Type l and a name to load one.")
            return
        try:
            loaded = read_save(find_save(folder, self.story.id, name), self.story)
        except SaveError as error:
            self.say(f"Could not load: {error}.")
            return
        for warning in loaded.warnings:
            self.say(f"Note: {warning}")
        self.game = loaded.game
        self.say(f"Loaded {loaded.name or name}.")
        self.show()

    def save(self, name: str) -> None:
        try:
            path = write_save(slot_path(saves_dir(), self.story.id, name), self.game, name)
        except SaveError as error:
            self.say(f"Could not save: {error}")
            return
        self.say(f"Saved as {name}, in {path}. Load it with l {name}, or --load {name}.")

    def choose(self, typed: int) -> bool:
        """Take the option the player numbered; False when it cannot be taken."""
        options = self.game.options()
        numbers = {stable_number(o): o for o in options}
        option = numbers.get(typed)
        if option is None:
            shown = [str(stable_number(o)) for o in options if o.enabled]
            which = ", ".join(shown[:-1]) + f" or {shown[-1]}" if len(shown) > 1 else "".join(shown)
            self.say(f"There is no {typed} here." + (f" Type {which}." if shown else ""))
            return False
        if not option.enabled:
            self.say(f"{typed} is not available: {option.hint or 'not possible now'}.")
            return False
        self.game = self.game.act(option.number)
        return True


def unlocked_codex(story: Story, game: Game, profile: Profile) -> list[str]:
    """Entries unlocked in this game and in any earlier one, in pack order."""
    known = set(game.state.codex) | set(profile.progress(story.id).codex)
    return [ident for ident in story.codex if ident in known]


def debrief_lines(game: Game, profile: Profile, run_xp: int) -> list[str]:
    """The debrief as text: score explained, answers, how the body changed,
    what was taught and assessed, badges, and what lasts (endings, XP)."""
    story, state = game.story, game.state
    parts = score_parts(game)
    lines = ["", "Debrief.", f"Score: {parts.summary()}."]
    lines += [f"  {line}." for line in parts.bonus_lines()]
    if state.answers:
        lines.append(f"Checkpoints: {parts.right} of {parts.asked} answers right.")
        for answer in state.answers:
            scene = story.scenes.get(answer.scene)
            question = (
                scene.quiz.question.source if scene is not None and scene.quiz else answer.scene
            )
            mark = "Right" if answer.correct else "Wrong"
            lines.append(f"  {mark}, {answer.points} of {answer.possible} points: {question}")
    else:
        lines.append("Checkpoints: none in this run.")
    lines.append("Your body, from where play started to the end:")
    for change in body_changes(game):
        unit = UNITS.get(change.unit, change.unit)
        step = max(0.5, abs(change.start) * 0.02)
        way = "about the same"
        if abs(change.end - change.start) >= step:
            way = "up" if change.end > change.start else "down"
        lines.append(
            f"  {change.label}: {change.start:.0f} to {change.end:.0f}"
            f"{(' ' + unit) if unit else ''}, {way}."
        )
    results = objective_results(game)
    lines.append(
        "What this run taught and assessed:"
        if results
        else "This run reached no learning objective."
    )
    for result in results:
        tags = ["taught"] if result.taught else []
        if result.assessed is not None:
            tags.append(
                "assessed, answered right" if result.assessed else "assessed, answered wrong"
            )
        lines.append(f"  {', '.join(tags).capitalize()}: {result.sentence}")
    titles = [story.badges[b].title for b in state.badges if b in story.badges]
    lines.append("Badges: " + (", ".join(titles) + "." if titles else "none this time."))
    lines += lasting_lines(game, profile, run_xp)
    lines.append("Type u to undo the last step and try another way, or q to quit.")
    return lines


def lasting_lines(game: Game, profile: Profile, run_xp: int) -> list[str]:
    """What lasts beyond this game: endings found, storylines finished, XP."""
    story = game.story
    progress = profile.progress(story.id)
    key = storyline_key(game)
    name = story.storylines[key].title if key in story.storylines else "the whole story"
    found = len(progress.endings.get(key, ()))
    lines = [f"Endings found in {name}: {found} of {len(endings_of(story, key))}."]
    if story.storylines:
        done = sum(1 for s in story.storylines if progress.finished(s))
        lines.append(f"Storylines finished: {done} of {len(story.storylines)}.")
    lines.append(f"XP over all your games: {progress.total_xp(key, run_xp)}.")
    return lines


def start_game(story: Story, args: argparse.Namespace) -> tuple[Game, tuple[str, ...]]:
    """The game to begin with: a save (`--load` a file or a slot name) or a new one."""
    if args.load:
        loaded = read_save(find_save(saves_dir(), story.id, args.load), story)
        return loaded.game, loaded.warnings
    game = Game.start(story, seed=args.seed, storyline=args.storyline, start=args.start)
    return game, ()


def play_plain(
    story: Story,
    args: argparse.Namespace,
    stdin: Iterable[str] | TextIO | None = None,
    stdout: TextIO | None = None,
    observer: Observer | None = None,
    xp: XpRule | None = None,
) -> int:
    """Play until `q` or the end of input. ``xp`` is the XP rule (the
    classroom's), given by the caller because it lives above this layer."""
    source = stdin if stdin is not None else sys.stdin
    out = stdout or sys.stdout

    def say(text: str = "") -> None:
        print(printable(text), file=out, flush=True)

    try:
        game, warnings = start_game(story, args)
    except (ActionError, SaveError, ContentError) as error:
        print(printable(f"locus: {error}"), file=sys.stderr)
        return 1
    session = PlainSession(story, game, args, say, xp)
    for warning in warnings:
        say(f"Note: {warning}")
    if observer:
        observer(session.game, session.game.last_events)
    say("Type a number to choose, ? for help, q to quit.")
    try:
        if args.load:
            session.show()  # the save's last step was read when it was played
        else:
            session.stepped()
        return _command_loop(session, source, observer, say, _watcher(args))
    except ContentError as error:  # a ``${x / y}`` with y zero cannot be known before play
        _content_error(error)
        return 1


def _content_error(error: ContentError) -> None:
    print(printable(f"locus: content error at {error}"), file=sys.stderr)
    print(
        "locus: a mistake in the pack that only shows in play: fix it at that line", file=sys.stderr
    )


def _watcher(args: argparse.Namespace) -> PackWatcher | None:
    """With ``--watch``, something that notices edits to the pack."""
    if not getattr(args, "watch", False):
        return None
    from game.watch import PackWatcher

    return PackWatcher(pack_dir(getattr(args, "pack", None)))


def _reload(session: PlainSession, root: Path, say: Say) -> None:
    """After an edit (noticed when the next command is typed): play on in
    the edited pack with the choices so far replayed, and say so; or, when
    the edit broke the pack, say its first errors and keep the last one."""
    from game.playthrough import Playthrough, start_options_of
    from game.story.loader import load_pack

    loaded = load_pack(root, for_play=True)
    if loaded.story is None:
        errors = loaded.errors
        plural = "s" * (len(errors) != 1)
        say(
            f"The pack changed but has {len(errors)} error{plural}; still playing the last version:"
        )
        for diagnostic in errors[:3]:
            say(f"  {diagnostic.loc}: {diagnostic.message}")
        return
    run = Playthrough(session.story, session.game, start_options_of(session.game))
    try:
        report = run.reload(loaded.story)
    except (ActionError, ContentError) as error:
        say(f"The pack changed, but its start fails ({error}); still playing the last version.")
        return
    line = f"Reloaded the pack: replayed {report.replayed} of {report.wanted} steps."
    if report.stopped_at:
        line += f" Stopped: {report.stopped_at}."
    say(line)
    session.story, session.game = loaded.story, run.game
    session.show()


def _command_loop(
    session: PlainSession,
    source: Iterable[str],
    observer: Observer | None,
    say: Say,
    watcher: PackWatcher | None = None,
) -> int:
    """Read commands until `q` or the end of input; a content error that only
    play can find propagates to ``play_plain``, which reports it."""
    for line in source:
        if watcher is not None and watcher.changed():
            _reload(session, watcher.root, say)
        command, _, argument = line.strip().partition(" ")
        argument = argument.strip()
        if not command:
            continue
        if command in ("q", "quit", "exit"):
            return 0
        if command in ("?", "h", "help"):
            say(HELP)
        elif command == "r":
            session.show()
        elif command == "b":
            for text in body_report(session.game):
                say(text)
        elif command == "c":
            session.codex(argument)
        elif command == "d":
            if session.game.ended:
                session.debrief()
            else:
                say("The debrief comes at an ending.")
        elif command == "u":
            if not session.game.can_undo:
                say("Nothing to undo.")
                continue
            session.game = session.game.undo()
            say("Undone.")
            session.record()
            session.show()
        elif command == "s":
            session.save(argument or "quicksave")
        elif command == "l":
            session.load(argument)
        elif session.game.ended:
            say("The story has ended. Type u to undo the last step, d for the debrief, q to quit.")
        elif not command.isdigit():
            say("Type a number to choose, or ? for help.")
        else:
            try:
                if not session.choose(int(command)):
                    continue
            except ActionError as error:
                say(f"{error}.")
                continue
            if observer:
                observer(session.game, session.game.last_events)
            session.stepped()
    return 0
