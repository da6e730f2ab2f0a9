"""Locus's three looks: dark, light and high contrast.

Widgets use theme variables ($primary, $warning ...) only, so switching theme
(ctrl+t or the command palette) restyles everything, and with NO_COLOR the
symbols and words still carry every meaning.
"""

from __future__ import annotations

from textual.theme import BUILTIN_THEMES, Theme

DARK = Theme(
    name="locus-dark",
    primary="#4FA3D9",  # coeruleus blue
    secondary="#8FBCBB",
    accent="#E0A84F",
    warning="#F0B050",
    error="#E06C6C",
    success="#8CC47A",
    foreground="#D8DEE9",
    background="#10141A",
    surface="#171C24",
    panel="#1F2630",
    dark=True,
)

LIGHT = Theme(
    name="locus-light",
    primary="#005F87",
    secondary="#2E6F6A",
    accent="#875F00",
    warning="#A0522D",
    error="#AF0000",
    success="#2F6F1F",
    foreground="#1E1E1E",
    background="#F5F3EE",
    surface="#EBE8E0",
    panel="#DDD8CC",
    dark=False,
)

HIGH_CONTRAST = Theme(
    name="locus-contrast",
    primary="#FFFF00",
    secondary="#00FFFF",
    accent="#FF80FF",
    warning="#FFB000",
    error="#FF5555",
    success="#00FF00",
    foreground="#FFFFFF",
    background="#000000",
    surface="#000000",
    panel="#000000",
    dark=True,
    variables={
        "block-cursor-background": "#FFFF00",
        "block-cursor-foreground": "#000000",
        "block-cursor-text-style": "bold",
        "text-disabled": "#B0B0B0",
        "border": "#FFFFFF",
        "border-blurred": "#B0B0B0",
    },
)

THEMES = (DARK, LIGHT, HIGH_CONTRAST)
LOOKS = {theme.name: theme for theme in THEMES}
# What the player reads (the notice, the palette); the names above are ids.
LABELS = {DARK.name: "Locus dark", LIGHT.name: "Locus light", HIGH_CONTRAST.name: "High contrast"}


def theme_label(name: str) -> str:
    """ "Locus light" for "locus-light"; Textual's own themes keep their names."""
    return LABELS.get(name, name)


def first_theme(saved: object) -> str:
    """The theme to open with: the saved one (Locus's or Textual's) if it
    still exists, otherwise Locus dark."""
    if isinstance(saved, str) and (saved in LOOKS or saved in BUILTIN_THEMES):
        return saved
    return DARK.name
