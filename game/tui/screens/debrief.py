"""The debrief at every ending: what happened to the body and what was learned.

The ending's summary, the chart of brain NE, heart rate and pressure with the
choices that raised them, the quiz results, badges, the objectives this run
taught and assessed, and in a lesson the result against the pass mark.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, ClassVar, cast

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.content import Content
from textual.screen import Screen
from textual.widgets import Footer, Static

from game.engine.machine import Game
from game.story.model import Story
from game.tui.widgets.chart import TraceChart, legend_lines

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
    answers = game.state.answers
    if not answers:
        return Content("No checkpoint questions in this run.")
    earned = sum(a.points for a in answers)
    possible = sum(a.possible for a in answers)
    right = sum(1 for a in answers if a.correct)
    lines = [
        Content(
            f"{right} of {len(answers)} answers right · {earned} of {possible} points"
            f" · score {game.state.score}"
        )
    ]
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


def objectives_text(game: Game, story: Story) -> Content:
    """Objectives taught (scenes visited, codex read) and assessed (quizzes)."""
    state = game.state
    taught: list[str] = []
    for scene_id in state.visits:
        scene = story.scenes.get(scene_id)
        if scene is not None:
            taught += [o for o in scene.teaches if o not in taught]
    for entry_id in state.codex:
        taught += [o for o in story.codex[entry_id].objectives if o not in taught]
    assessed = {a.objective: a.correct for a in state.answers}
    shown = taught + [o for o in assessed if o not in taught]
    if not shown:
        return Content("This run did not reach any learning objective.")
    lines = []
    for objective in shown:
        tags = []
        if objective in taught:
            tags.append("taught")
        if objective in assessed:
            tags.append("assessed ✔" if assessed[objective] else "assessed ✘")
        lines.append(
            Content.assemble(
                "• ", story.objectives.get(objective, objective), (f"  ({', '.join(tags)})", "dim")
            )
        )
    return Content("\n").join(lines)


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
        run = self.locus.playthrough
        assert run is not None
        game, story = run.game, run.story
        with VerticalScroll(id="debrief"):
            yield Static(heading("Debrief"), classes="debrief-heading")
            yield Static(ending_text(game), id="ending")
            if self.locus.lesson is not None:
                yield Static(lesson_text(self.locus.lesson, game), id="lesson-result")
            yield Static(heading("Your body through the story"), classes="debrief-heading")
            titles = {scene.id: scene.title for scene in story.scenes.values()}
            yield TraceChart(game.state.trace, titles, start_time=game.state.start_time, id="chart")
            yield Static(
                Content("\n").join(legend_lines(game.state.trace, titles, game.state.start_time)),
                id="legend",
            )
            yield Static(heading("Checkpoints"), classes="debrief-heading")
            yield Static(quiz_text(game, story), id="quiz")
            yield Static(heading("Badges"), classes="debrief-heading")
            yield Static(badges_text(game, story), id="badges")
            yield Static(heading("What this run taught"), classes="debrief-heading")
            yield Static(objectives_text(game, story), id="objectives")
            yield Static(self._next_hint(), id="next-hint")
        yield Footer()

    def _next_hint(self) -> Content:
        lesson, run = self.locus.lesson, self.locus.playthrough
        if lesson is not None and run is not None:
            following = lesson.next_storyline(run.game)
            if following is None:
                return Content.styled("n: finish the lesson", "italic")
            title = run.story.storylines[following].title
            return Content.styled(f"n: the lesson's next part, {title}", "italic")
        return Content.styled("n: a new game · u: undo the last choice · t: the title", "italic")

    async def action_next(self) -> None:
        if self.locus.lesson is not None:
            if self.locus.next_lesson_storyline():
                return
            self.notify("The lesson is complete. Well done!", title="Lesson")
            self.locus.close_lesson()
            await self.locus.show_title()
            return
        await self.locus.show_title()
        self.locus.menu("new")

    def action_undo(self) -> None:
        run = self.locus.playthrough
        if run is not None and run.undo():
            self.dismiss()
            self.notify("Undone.", timeout=2)
            self.locus.playthrough_changed()

    def action_codex(self) -> None:
        self.locus.action_codex()

    async def action_title(self) -> None:
        await self.locus.show_title()
