"""The key bar at the bottom of every screen, shown from the first frame.

Textual's Footer waits for the app to have focus before it lists the keys.
A browser tab (``locus serve``) has no focus until it is clicked, so the title
showed an empty bar there; this footer lists the keys at once.
"""

from __future__ import annotations

from textual.screen import Screen
from textual.widgets import Footer


class KeysFooter(Footer):
    """A Footer that does not wait for the app's focus."""

    def bindings_changed(self, screen: Screen) -> None:
        self._bindings_ready = True
        if self.is_attached and screen is self.screen:
            self.call_after_refresh(self.recompose)
