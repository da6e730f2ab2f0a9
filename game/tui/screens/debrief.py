"""The debrief at every ending: what happened to the body and what was learned.

The ending's summary, what lasts (endings found, storylines done, level), the
chart (the storyline's own readouts, then brain NE, heart rate and pressure)
with the choices that raised them, the quiz results with the score explained,
badges, the objectives this run taught and assessed, and in a lesson the
result against the pass mark.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, ClassVar, cast

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.content import Content
from textual.screen import Screen
from textual.widgets import Static

from game.classroom.scoring import level_for
from game.engine.debrief import objective_results, score_parts
from game.engine.machine import Game
from game.engine.profile import PackProgress, endings_of, storyline_key
from game.story.model import Story
from game.tui.messages import CodexRequested, NextRequested, TitleRequested, UndoRequested
from game.tui.widgets.chart import TraceChart, legend_lines, played, series_for
from game.tui.widgets.footer import KeysFooter

if TYPE_CHECKING:
    from game.classroom.session import LessonSession
    from game.tui.app import LocusApp


def heading(text: str) -> Content:
    return Content.styled(text, "bold $primary")


def ending_text(game: Game) -> Content:
    view = game.view()
    kind = {"good": "a good ending", "bad": "a bad ending", "neutral": "an ending"}.get(
        view.ending_kind or "", view.ending_kind or "an ending"
    )
    return Content.assemble(
        (f"■ {view.title}", "bold"), (f" · {kind}\n", "italic"), view.ending_summary or ""
    )


def quiz_text(game: Game, story: Story) -> Content:
    """The score explained, then each answer."""
    parts = score_parts(game)
    answers = game.state.answers
    head = (
        f"{parts.right} of {parts.asked} answers right · {parts.summary()}"
        if answers
        else f"No checkpoint questions in this run · {parts.summary()}"
    )
    lines = [Content(head)]
    lines += [Content.styled(f"  {line}", "dim") for line in parts.bonus_lines()]
    for answer in answers:
        scene = story.scenes.get(answer.scene)
        question = (
            scene.quiz.question.source
            if scene is not None and scene.quiz is not None
            else answer.scene
        )
        mark = ("✔ right", "$success") if answer.correct else ("✘ wrong", "$error")
        lines.append(Content.assemble("  ", mark, f"  {question}"))
    return Content("\n").join(lines)


def badges_text(game: Game, story: Story) -> Content:
    if not game.state.badges:
        return Content("No badges this time.")
    return Content("\n").join(
        Content.assemble(
            ("★ ", "$success"), (story.badges[b].title, "bold"), f" — {story.badges[b].description}"
        )
        for b in game.state.badges
        if b in story.badges
    )


def objectives_text(game: Game) -> Content:
    """Objectives taught (scenes visited, codex read) and assessed (quizzes)."""
    results = objective_results(game)
    if not results:
        return Content("This run did not reach any learning objective.")
    lines = []
    for result in results:
        tags = ["taught"] if result.taught else []
        if result.assessed is not None:
            tags.append("assessed ✔" if result.assessed else "assessed ✘")
        lines.append(Content.assemble("• ", result.sentence, (f"  ({', '.join(tags)})", "dim")))
    return Content("\n").join(lines)


def progress_text(game: Game, progress: PackProgress, xp: int) -> Content:
    """What lasts beyond this game, from the player's profile."""
    story = game.story
    key = storyline_key(game)
    name = story.storylines[key].title if key in story.storylines else "the whole story"
    found = len(progress.endings.get(key, ()))
    parts = [f"Endings found in {name}: {found} of {len(endings_of(story, key))}"]
    if story.storylines:
        done = sum(1 for s in story.storylines if progress.finished(s))
        parts.append(f"storylines done {done} of {len(story.storylines)}")
    level, into, needed = level_for(xp)
    parts.append(f"level {level}, XP {xp} ({into}/{needed})")
    return Content(" · ".join(parts))


def lesson_text(session: LessonSession, game: Game) -> Content:
    """The lesson result from the results database, the teacher's truth."""
    summary = session.summary(game)
    if summary.passed:
        verdict = ("PASSED", "bold $success")
    elif summary.finished:
        verdict = ("NOT PASSED", "bold $error")
    else:
        verdict = ("not passed yet", "bold $warning")
    lines = [
        Content.assemble(
            (f"{session.lesson.title}: ", "bold"),
            verdict,
            f" · {summary.percent:.0f}% of {summary.possible} points"
            f" (pass mark {summary.pass_mark:.0f}%)",
        ),
        Content(
            f"Parts done {summary.storylines_done} of {summary.storylines_total}"
            f" · XP {summary.xp} · level {summary.level}"
        ),
    ]
    story = game.story
    for objective, (first_tries, attempts) in summary.mastery.items():
        sentence = story.objectives.get(objective, objective)
        result = f"{first_tries}/{attempts} right first time" if attempts else "not assessed"
        lines.append(Content(f"  {result} · {sentence}"))
    return Content("\n").join(lines)


class DebriefScreen(Screen[None]):
    """Shown over the play screen; undo goes back into the story."""

    CSS_PATH = "../styles/debrief.tcss"

    BINDINGS: ClassVar = [
        Binding("n", "next", "Next / new game"),
        Binding("u", "undo", "Undo"),
        Binding("ctrl+z", "undo", "Undo", show=False),
        Binding("c", "codex", "Codex"),
        Binding("t", "title", "Title"),
        Binding("escape", "title", "Title", show=False),
        Binding("q", "app.quit", "Quit"),
    ]

    @property
    def locus(self) -> LocusApp:
        return cast("LocusApp", self.app)

    def compose(self) -> ComposeResult:
        run, controller = self.locus.playthrough, self.locus.controller
        assert run is not None and controller is not None
        game, story = run.game, run.story
        with VerticalScroll(id="debrief"):
            yield Static(heading("Debrief"), classes="debrief-heading")
            yield Static(ending_text(game), id="ending")
            if controller.lesson is not None:
                yield Static(lesson_text(controller.lesson, game), id="lesson-result")
            progress = controller.keeper.profile.progress(story.id)
            yield Static(progress_text(game, progress, controller.lasting_xp()), id="lasting")
            yield Static(heading("Your body through the story"), classes="debrief-heading")
            titles = {scene.id: scene.title for scene in story.scenes.values()}
            line = story.storylines.get(game.state.storyline or "")
            series = series_for(line.chart if line is not None else ())
            trace = played(game)
            start = game.state.start_time
            yield TraceChart(trace, titles, series=series, start_time=start, id="chart")
            yield Static(
                Content("\n").join(legend_lines(trace, titles, series, start)), id="legend"
            )
            yield Static(heading("Checkpoints"), classes="debrief-heading")
            yield Static(quiz_text(game, story), id="quiz")
            yield Static(heading("Badges"), classes="debrief-heading")
            yield Static(badges_text(game, story), id="badges")
            yield Static(heading("What this run taught"), classes="debrief-heading")
            yield Static(objectives_text(game), id="objectives")
            yield Static(self._next_hint(), id="next-hint")
        yield KeysFooter()

    def _next_hint(self) -> Content:
        controller, run = self.locus.controller, self.locus.playthrough
        lesson = controller.lesson if controller is not None else None
        if lesson is not None and run is not None:
            following = lesson.next_storyline(run.game)
            if following is None:
                return Content.styled("n: finish the lesson", "italic")
            title = run.story.storylines[following].title
            return Content.styled(f"n: the lesson's next part, {title}", "italic")
        return Content.styled("n: a new game · u: undo the last choice · t: the title", "italic")

    def action_next(self) -> None:
        self.post_message(NextRequested())

    def action_undo(self) -> None:
        run = self.locus.playthrough
        if run is not None and run.game.can_undo:
            self.app.post_message(UndoRequested())  # the app's, as this screen closes now
            self.dismiss()

    def action_codex(self) -> None:
        self.post_message(CodexRequested())

    def action_title(self) -> None:
        self.post_message(TitleRequested())
