"""The title screen: the game's art and the main menu.

It is the bottom of the screen stack, so "back to the title" is always a pop.
It needs only the pack's summary (``LocusApp.pack``, which it watches), not
the story or the engine, so it is drawn whole before the pack is parsed.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, ClassVar, cast

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Center, Vertical
from textual.content import Content
from textual.screen import Screen
from textual.widgets import OptionList, Static
from textual.widgets.option_list import Option

from game.classroom.scoring import level_for
from game.paths import shared_assets
from game.tui import lazy
from game.tui.messages import MenuItem, MenuPicked
from game.tui.widgets.too_small import MIN_HEIGHT, MIN_WIDTH, TOO_NARROW, TOO_SHORT, TooSmall

if TYPE_CHECKING:
    from game.tui.app import LocusApp

FALLBACK_ART = "L O C U S"
# The layout classes by terminal size (title.tcss); constants for the reason
# given in game/tui/screens/play.py.
WIDTHS = [TOO_NARROW, (MIN_WIDTH, "-wide-enough")]
HEIGHTS = [TOO_SHORT, (MIN_HEIGHT, "-short"), (24, "-tall")]

# (item, label, what it does) in menu order; an option's id is its item's value.
MENU: tuple[tuple[MenuItem, str, str], ...] = (
    (MenuItem.NEW, "New game", "start the story or one storyline"),
    (MenuItem.CONTINUE, "Continue", "carry on from the latest autosave"),
    (MenuItem.LOAD, "Load", "open a saved game"),
    (MenuItem.LESSONS, "Lessons", "a classroom lesson, with results"),
    (MenuItem.CODEX, "Codex", "what you have learned"),
    (MenuItem.HELP, "Help", "keys and symbols"),
    (MenuItem.QUIT, "Quit", "leave the game"),
)


def breakpoint_classes(cells: int, breakpoints: list[tuple[int, str]]) -> tuple[str, ...]:
    """The class Textual gives a screen ``cells`` wide (or high) for these
    breakpoints: the one with the largest threshold it reaches."""
    reached = [(threshold, name) for threshold, name in breakpoints if cells >= threshold]
    return (max(reached)[1],) if reached else ()


def title_art() -> str:
    """The shared title art; a plain name if the file is missing or unreadable."""
    try:
        return (shared_assets() / "title.txt").read_text(encoding="utf-8").rstrip("\n")
    except OSError:
        return FALLBACK_ART


class TitleScreen(Screen[None]):
    """Art, the pack's title and the menu."""

    HORIZONTAL_BREAKPOINTS = WIDTHS
    VERTICAL_BREAKPOINTS = HEIGHTS
    BINDINGS: ClassVar = [
        Binding("n", "menu('new')", "New game"),
        Binding("r", "menu('continue')", "Continue"),
        Binding("l", "menu('load')", "Load"),
        Binding("c", "menu('codex')", "Codex"),
        Binding("q", "menu('quit')", "Quit"),
    ]  # Textual's action strings; action_menu turns them into a MenuItem

    def __init__(self) -> None:
        super().__init__()
        self._settled = False  # the menu has been shown with the pack loaded
        # The layout classes for the terminal's size now, so the widgets are
        # styled once before the first frame; Textual adds them on the
        # screen's first resize, which restyled every widget again.
        width, height = self.app.size
        self.add_class(*breakpoint_classes(width, WIDTHS), *breakpoint_classes(height, HEIGHTS))

    @property
    def locus(self) -> LocusApp:
        return cast("LocusApp", self.app)

    def compose(self) -> ComposeResult:
        # The box centres the art and the menu itself (title.tcss): a Center
        # around each was two more widgets to lay out before the first frame.
        with Vertical(id="title-box"):
            yield Static(Content(title_art()), id="title-art")  # text, not markup
            yield Static(id="pack-title")
            yield Static(id="progress")
            with Center():
                yield OptionList(id="menu")
        yield TooSmall()

    def on_mount(self) -> None:
        self.watch(self.locus, "pack", self.refresh_menu, init=False)
        self.refresh_menu()
        self.call_after_refresh(self._add_keys)

    async def _add_keys(self) -> None:
        """The key bar comes in the frame after the first: the first frame
        (the art, the pack's title and a working menu) is what start-up
        waits for (bench/bench_startup.py), and the bar is not needed for it.
        The screen announced its keys before the bar was there to hear it,
        so the bar is told (in its own context, where it composes)."""
        if self.is_attached:  # not when the app quit at once
            footer = lazy.KeysFooter()
            await self.mount(footer, before=self.query_one(TooSmall))
            footer.call_later(footer.bindings_changed, self)

    def on_screen_resume(self) -> None:
        self.refresh_menu()

    def refresh_menu(self) -> None:
        """Menu entries that cannot work now (no autosave, no lessons, a pack
        that does not load) stay visible but disabled, with the reason."""
        app = self.locus
        pack = app.pack
        title = self.query_one("#pack-title", Static)
        if pack is None and app.loading:
            title.update(Content.styled("Loading the story…", "italic"))
        elif pack is None:
            title.update(
                Content.styled("The pack does not load: see the diagnostics.", "bold $error")
            )
        else:
            title.update(Content.styled(pack.title, "bold"))
        self.query_one("#progress", Static).update(self._progress())
        controller = app.controller
        available = {
            MenuItem.NEW: pack is not None,
            MenuItem.CONTINUE: app.autosave_path() is not None,
            MenuItem.LOAD: pack is not None,
            MenuItem.LESSONS: pack is not None and pack.lessons > 0,
            MenuItem.CODEX: pack is not None and bool(pack.codex),
            MenuItem.HELP: True,
            MenuItem.QUIT: True,
        }
        menu = self.query_one("#menu", OptionList)
        highlighted = menu.highlighted
        options = []
        for item, label, detail in MENU:
            prompt = Content.assemble((f"{label:<10}", "bold"), (f" {detail}", "dim"))
            options.append(Option(prompt, id=item.value, disabled=not available[item]))
        menu.set_options(options)
        if highlighted is not None and not options[highlighted].disabled and self._settled:
            menu.highlighted = highlighted
        else:  # Continue when there is a game to continue, else New game
            default = MenuItem.CONTINUE if available[MenuItem.CONTINUE] else MenuItem.NEW
            menu.highlighted = next(
                (i for i, o in enumerate(options) if o.id == default.value and not o.disabled),
                next(i for i, o in enumerate(options) if not o.disabled),
            )
        self._settled = controller is not None  # from now on, keep where the player is
        menu.focus()

    def _progress(self) -> Content:
        """What lasts between games, from the profile: "Codex 12 of 39 ·
        storylines done 2 of 5 · level 3 (XP 180)"."""
        pack = self.locus.pack
        if pack is None:
            return Content("")
        progress = self.locus.keeper.profile.progress(pack.id)
        unlocked = set(progress.codex)
        parts = [f"Codex {sum(1 for c in pack.codex if c in unlocked)} of {len(pack.codex)}"]
        if pack.storylines:
            done = sum(1 for s in pack.storylines if progress.finished(s))
            parts.append(f"storylines done {done} of {len(pack.storylines)}")
        xp = progress.total_xp()
        parts.append(f"level {level_for(xp)[0]} (XP {xp})")
        return Content.styled(" · ".join(parts), "dim")

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        if event.option.id is not None:
            self.action_menu(event.option.id)

    def action_menu(self, ident: str) -> None:
        self.post_message(MenuPicked(MenuItem(ident)))
