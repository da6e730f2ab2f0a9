"""`locus new PACK_DIR`: a small, complete pack to start writing from.

A blank folder is the hardest place to start. The new pack shows one of
everything an author needs first (choices with effects and a condition, a
``next`` scene, a quiz that assesses an objective, an ending, a codex entry,
a walkthrough test and a lesson) and passes ``locus check --strict`` and
``locus test`` unchanged, so every later warning is the author's own change.
Each YAML file starts with a ``yaml-language-server`` comment that points at
a copy of the JSON Schemas inside the pack (``_schemas/``, which the loader
ignores), so editors complete keys and flag mistakes even offline, and the
pack keeps working when it is zipped and shared.
"""

from __future__ import annotations

import argparse
import re
import shlex
import sys
from pathlib import Path

from game.story import schema

SCHEMA_DIR = "_schemas"

STORY = """\
# The pack's metadata. Reference: docs/authoring.md ("story.yaml").
format: 1
id: {pack_id}
title: "{title}"
start: noise

variables:
  looked_closer: false

objectives:
  ne_heart: Norepinephrine speeds up the heart when something startles you.

storylines:
  - id: main
    title: "{title}"
    start: noise
    summary: A branch snaps in the woods, and your heart answers.
"""

SCENES = """\
# Scenes and codex entries. Add more files like this one, in any folder.
scenes:
  noise:
    title: A Sudden Noise
    text:
      - A branch snaps behind you. You freeze.
      - Your heart jumps to ${body.heart_rate:.0f} beats a minute.
    teaches: [ne_heart]
    on_enter:
      - body: {threat: 0.6}
    time: 1min
    choices:
      - text: Turn and look closer
        goto: deer
        effects:
          - set: {looked_closer: true}
      - text: Breathe out slowly and walk on
        goto: checkpoint
        effects:
          - body: {threat: 0, calm: 0.8}
        time: 5min

  deer:
    title: Only a Deer
    text:
      - It is only a deer. It stares at you, then bounds away.
      - if: "looked_closer"
        text: >-
          A small cluster of neurons in your brainstem, the locus coeruleus, fired when the
          branch snapped. Nerves released norepinephrine onto your heart, and it sped up.
    on_enter:
      - body: {threat: 0}
      - codex: norepinephrine
    time: 2min
    next: checkpoint

  checkpoint:
    title: Checkpoint
    text: A quick question before you head home.
    quiz:
      question: What did norepinephrine do to your heart when the branch snapped?
      objective: ne_heart
      options:
        - text: It made it beat faster
          correct: true
          feedback: Norepinephrine acts on beta-1 receptors in the heart.
        - text: It made it beat slower
          feedback: Slowing the heart is the job of the calming, parasympathetic side.
        - text: It left it alone
          feedback: The heart has many beta-1 receptors, and norepinephrine speeds it up.
    next: home

  home:
    title: Home
    text: Your heart rate has settled back to ${body.heart_rate:.0f}.
    ending:
      kind: good
      summary: You heard a noise, your heart raced, and it settled again.

codex:
  norepinephrine:
    title: Norepinephrine
    text: >-
      A messenger that is both a neurotransmitter and a stress hormone. In a fright it
      speeds up the heart.
    objectives: [ne_heart]
"""

TEST = """\
# A walkthrough test: run it with `locus test`. Reference: docs/authoring.md.
name: Looking closer, then answering right, ends at home
steps:
  - expect:
      scene: noise
      choices: [look closer, walk on]
      body: {heart_rate: "> 80"}
  - choose: look closer
  - expect: {scene: deer, vars: {looked_closer: true}, codex: [norepinephrine]}
  - choose: Continue
  - answer: faster
  - expect: {ending: home, score: 10}
"""

LESSON = """\
# A classroom lesson: `locus play PACK --lesson first_lesson`.
id: first_lesson
title: "Lesson: {title}"
storylines: [main]
objectives: [ne_heart]
pass_mark: 70
# Questions per objective that every path must ask; raise it as you add quizzes.
min_questions: 1
"""

FILES = {
    "story.yaml": ("story", STORY),
    "scenes.yaml": ("content", SCENES),
    "tests/walkthrough.yaml": ("test", TEST),
    "lessons/first_lesson.yaml": ("lesson", LESSON),
}


def pack_id(folder: Path) -> str:
    """An id from the folder name: ``My Pack!`` -> ``my_pack``."""
    ident = re.sub(r"[^a-z0-9]+", "_", folder.name.lower()).strip("_")
    if not ident or not ident[0].isalpha():
        ident = "pack_" + ident if ident else "my_pack"
    return ident


def create(folder: Path) -> list[Path]:
    """Write the pack into ``folder`` (which must be missing or empty)."""
    title = re.sub(r"[_\-]+", " ", folder.name).strip().title() or "My Pack"
    title = title.replace('"', "'")
    written: list[Path] = []
    for rel, (kind, template) in FILES.items():
        path = folder / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        depth = len(Path(rel).parts) - 1
        pointer = "../" * depth + f"{SCHEMA_DIR}/{schema.file_name(kind)}"
        text = template.replace("{pack_id}", pack_id(folder)).replace("{title}", title)
        path.write_text(f"# yaml-language-server: $schema={pointer}\n{text}", encoding="utf-8")
        written.append(path)
    schema_dir = folder / SCHEMA_DIR
    schema_dir.mkdir(exist_ok=True)
    for kind in schema.KINDS:
        path = schema_dir / schema.file_name(kind)
        path.write_text(schema.dumps(schema.generate(kind)), encoding="utf-8")
        written.append(path)
    return written


def run(args: argparse.Namespace) -> int:
    folder = Path(args.path)
    if folder.exists() and (not folder.is_dir() or any(folder.iterdir())):
        print(
            f"{folder} already exists and is not an empty folder; choose a new name",
            file=sys.stderr,
        )
        return 1
    for path in create(folder):
        print(f"created {path}")
    shown = shlex.quote(str(folder))
    print(f"\nNext: locus check {shown}   (every mistake, with file and line)")
    print(f"      locus test {shown}    (the tests in tests/; add --random 1000)")
    print(f"      locus play {shown}")
    return 0
