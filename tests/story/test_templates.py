"""Unit tests for ${...} text templates (game.story.templates)."""

from __future__ import annotations

import pytest

from game.story.expr import ExprEvalError, Value, parse
from game.story.templates import (
    MAX_SPEC_NUMBER,
    Template,
    TemplateSyntaxError,
    format_value,
    parse_template,
)


class Ctx:
    values: dict[str, object] = {  # noqa: RUF012 - read-only test data
        "hr": 72.0,
        "glucose": 97.46,
        "courage": 3,
        "ok": True,
        "no": False,
        "name": "Sam",
        "body.heart_rate": 121.5,
        "weird": None,
    }

    def lookup(self, name: str) -> Value:
        return self.values[name]  # type: ignore[return-value]

    def call(self, function: str, args: tuple[Value, ...]) -> Value:
        return 2 if function == "visited" else True


def render(text: str) -> str:
    return parse_template(text).render(Ctx())


def error(text: str) -> TemplateSyntaxError:
    with pytest.raises(TemplateSyntaxError) as info:
        parse_template(text)
    return info.value


# --- format_value --------------------------------------------------------------


@pytest.mark.parametrize(
    ("value", "spec", "text"),
    [
        (72.0, None, "72"),
        (97.46, None, "97.5"),
        (97.44, None, "97.4"),
        (72.04, None, "72.0"),
        (-0.0, None, "0"),
        (-3.25, None, "-3.2"),
        (3, None, "3"),
        (-12, None, "-12"),
        (True, None, "true"),
        (False, None, "false"),
        ("as is", None, "as is"),
        ("", None, ""),
        (float("inf"), None, "inf"),
        (97.46, ".0f", "97"),
        (97.46, ".2f", "97.46"),
        (3, "03d", "003"),
        (3, ".1f", "3.0"),
        (1234567, ",", "1,234,567"),
        (0.25, ".0%", "25%"),
        ("Sam", ">5", "  Sam"),
        ("Sam", "<5", "Sam  "),
        (True, ">6", "  true"),
        (False, "^7", " false "),
        (72.0, ">5", " 72.0"),
    ],
)
def test_format_value(value: Value, spec: str | None, text: str) -> None:
    assert format_value(value, spec) == text


@pytest.mark.parametrize(
    ("value", "spec"),
    [("Sam", ".1f"), (True, "d"), (2.5, "d"), (None, None), ([1], ">3")],
)
def test_format_value_errors(value: Value, spec: str | None) -> None:
    with pytest.raises(ExprEvalError):
        format_value(value, spec)


# --- rendering -----------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "rendered"),
    [
        ("", ""),
        ("no placeholders", "no placeholders"),
        ("Your heart beats ${hr} times a minute.", "Your heart beats 72 times a minute."),
        ("${glucose}", "97.5"),
        ("${glucose:.0f} mg/dL", "97 mg/dL"),
        ("${glucose:.2f}", "97.46"),
        ("${courage}${courage}", "33"),
        ("${ok} / ${no}", "true / false"),
        ("Hi ${name}!", "Hi Sam!"),
        ("[${name:>5}]", "[  Sam]"),
        ("${body.heart_rate}", "121.5"),
        ("${courage * 2 + 1}", "7"),
        ("${courage / 2}", "1.5"),
        ("${courage / 3:.3f}", "1.000"),
        ("${ name }", "Sam"),
        ("${visited(ff_bear)} visits", "2 visits"),
        ("${name + ': ' + 'x'}", "Sam: x"),
        ("${name == 'a:b'}", "false"),
        ("${name == 'a}b'}", "false"),
        ("${'it\\'s}'}", "it's}"),
        ("${'}':>3}", "  }"),
        ("costs $5", "costs $5"),
        ("$", "$"),
        ("$$", "$$"),
        ("${courage}$", "3$"),
        ("a $ {b}", "a $ {b}"),
        ("{not a placeholder}", "{not a placeholder}"),
        ("$${literal}", "${literal}"),
        ("$${courage} is ${courage}", "${courage} is 3"),
        ("$$${courage}", "$${courage}"),
        ("line one\n${courage}\nline three", "line one\n3\nline three"),
    ],
)
def test_render(text: str, rendered: str) -> None:
    assert render(text) == rendered


def test_constant_templates_render_their_source() -> None:
    for text in ("", "plain", "costs $5", "a { b } c"):
        template = parse_template(text)
        assert template.is_constant
        assert template.expressions() == ()
        assert template.render(Ctx()) is text
    # An escape alone makes a template non-constant: the text changes.
    escaped = parse_template("$${x}")
    assert not escaped.is_constant
    assert escaped.expressions() == ()
    assert escaped.render(Ctx()) == "${x}"
    assert not parse_template("${courage}").is_constant


def test_template_is_a_frozen_value() -> None:
    template = parse_template("HR ${hr}")
    assert isinstance(template, Template)
    assert template.source == "HR ${hr}"
    assert template == parse_template("HR ${hr}")
    with pytest.raises(AttributeError):
        template.source = "x"  # type: ignore[misc]


def test_expressions_and_offsets() -> None:
    text = "HR ${body.heart_rate:.0f}, ${ courage + 1 } and $${x} ${name:>5}"
    template = parse_template(text)
    found = template.expressions()
    assert [(e.source, offset, spec) for e, offset, spec in found] == [
        ("body.heart_rate", 5, ".0f"),
        (" courage + 1 ", 29, None),
        ("name", 56, ">5"),
    ]
    # A ref's offset plus the expression's offset points into the text.
    for expr, offset, _ in found:
        for ref in expr.refs():
            assert text[offset + ref.offset :].startswith(ref.name)
    assert found[0][0] == parse("body.heart_rate")


@pytest.mark.parametrize(
    ("text", "fragment"),
    [
        ("${courage + name}", "`+` adds numbers or joins strings"),
        ("${1 / 0}", "division by zero"),
        ("${name:.1f}", "can't show the string 'Sam' with :.1f"),
        ("${ok:d}", "can't show true with :d"),
        ("${nobody}", "unknown name nobody"),
        ("${weird}", "unsupported value"),
    ],
)
def test_render_errors(text: str, fragment: str) -> None:
    with pytest.raises(ExprEvalError) as info:
        render(text)
    assert fragment in info.value.message
    assert "(in ${" in info.value.message  # says which placeholder failed


# --- syntax errors -------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "offset", "message", "hint"),
    [
        ("abc ${courage", 4, "this ${ is never closed", "$${"),
        ("${", 0, "this ${ is never closed", None),
        ("${'}", 2, "this string is never closed", None),
        ("${name:>5", 0, "this ${ is never closed", None),
        ("x ${}", 2, "empty ${}", "put an expression inside"),
        ("x ${   }", 2, "empty ${}", None),
        ("${:d}", 0, "empty ${}", None),
        ("${courage:}", 9, "empty format spec after ':'", "remove the ':'"),
        ("ab ${courage:qq}", 13, "'qq' is not a format spec", ".0f"),
        ("${courage:.1z}", 10, "'.1z' is not a format spec", None),
        ("${courage:9999}", 10, "the number 9999 in the format spec is too large", None),
        (f"${{courage:.{MAX_SPEC_NUMBER + 1}f}}", 11, "too large", None),
        # errors inside the expression point into the template text
        ("HR: ${1 +}", 9, "the expression ends where a value was expected", None),
        ("HR: ${a = 1}", 8, "'=' is not an operator", "use =="),
        ("${a < b < c} and more", 8, "comparisons can't be chained", None),
        ("${  'open}", 4, "this string is never closed", None),
    ],
)
def test_syntax_errors(text: str, offset: int, message: str, hint: str | None) -> None:
    found = error(text)
    assert found.offset == offset
    assert message in found.message
    assert str(found) == found.message
    if hint is not None:
        assert found.hint is not None and hint in found.hint


def test_specs_that_fit_some_kind_are_accepted() -> None:
    for spec in (".0f", ">5", "<3", "^9", ",", "03d", ".1%", "+", "x", "s", "0>4"):
        parse_template(f"${{courage:{spec}}}")
    assert parse_template(f"${{courage:{MAX_SPEC_NUMBER}}}").expressions()[0][2] == "200"
