"""Where the expressions and the player-facing texts of a scene are.

A check that reads every condition, ``compute`` or template of a pack, or
every sentence a player sees, walks a scene through these, so a new element
of the format is added here once and every such check sees it.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator

from game.story import model as m
from game.story.diagnostics import Loc
from game.story.expr import Binary, BoolOp, Call, Expr, Unary
from game.story.templates import Template


def calls(node: object) -> Iterator[Call]:
    """Every function call in an expression tree, outermost first."""
    if isinstance(node, Call):
        yield node
        for arg in node.args:
            yield from calls(arg)
    elif isinstance(node, Binary):
        yield from calls(node.left)
        yield from calls(node.right)
    elif isinstance(node, BoolOp):
        for operand in node.operands:
            yield from calls(operand)
    elif isinstance(node, Unary):
        yield from calls(node.operand)


def _template_exprs(template: Template | None, loc: Loc) -> Iterator[tuple[Expr, Loc]]:
    if template is not None and not template.is_constant:
        for expr, _offset, _spec in template.expressions():
            yield expr, loc


def _effect_exprs(effects: Iterable[m.Effect]) -> Iterator[tuple[Expr, Loc]]:
    for effect in effects:
        if isinstance(effect, m.ComputeVars):
            for _name, expr in effect.values:
                yield expr, effect.loc


def scene_exprs(scene: m.Scene) -> Iterator[tuple[Expr, Loc]]:
    """Every expression of a scene, with the position of its element."""
    for paragraph in scene.text:
        if paragraph.condition is not None:
            yield paragraph.condition, scene.loc
        yield from _template_exprs(paragraph.text, scene.loc)
    yield from _effect_exprs(scene.on_enter)
    for choice in scene.choices:
        for condition in (choice.condition, choice.enabled_if):
            if condition is not None:
                yield condition, choice.loc
        yield from _template_exprs(choice.text, choice.loc)
        yield from _template_exprs(choice.hint, choice.loc)
        yield from _effect_exprs(choice.effects)
    for route in scene.routes():
        for branch in route.branches:
            if branch.condition is not None:
                yield branch.condition, branch.loc
    if scene.quiz is not None:
        quiz = scene.quiz
        yield from _template_exprs(quiz.question, quiz.loc)
        for option in quiz.options:
            yield from _template_exprs(option.text, option.loc)
            yield from _template_exprs(option.feedback, option.loc)
    if scene.ending is not None:
        yield from _template_exprs(scene.ending.summary, scene.ending.loc)


def scene_texts(scene: m.Scene) -> Iterator[tuple[str, Loc, bool]]:
    """Every text of a scene the player reads, with the position of its
    element and whether styles apply in it (only the scene's own text)."""
    yield scene.title, scene.loc, False
    for paragraph in scene.text:
        yield paragraph.text.source, scene.loc, True
    for choice in scene.choices:
        yield choice.text.source, choice.loc, False
        if choice.hint is not None:
            yield choice.hint.source, choice.loc, False
    if scene.quiz is not None:
        yield scene.quiz.question.source, scene.quiz.loc, False
        for option in scene.quiz.options:
            yield option.text.source, option.loc, False
            if option.feedback is not None:
                yield option.feedback.source, option.loc, False
    if scene.ending is not None:
        yield scene.ending.summary.source, scene.ending.loc, False
