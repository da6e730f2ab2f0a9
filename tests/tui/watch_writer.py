"""A student in another process, for the live view's tests: records steps
into the results database the way a game does (records.record_step, one
transaction each), walking the mini pack's scenes and answering its quiz,
pausing between steps like a reader, until the stop file appears. It does
not load the pack or the engine, so thirty of them start quickly."""

from __future__ import annotations

import random
import sys
import time
from pathlib import Path

from game.classroom import records
from game.classroom.results_db import ResultsDB
from game.classroom.scoring import FirstTry

SCENES = ("trail", "hill", "bear", "check", "end_safe")
PAUSE_S = 0.05


def main(results: str, class_code: str, name: str, stop: str) -> None:
    db = ResultsDB.open_for_writing(results)
    session_id, _ = db.write(
        lambda conn: records.open_session(
            conn,
            pack="mini",
            lesson="woods_lesson",
            student=name,
            key=name.casefold(),
            now=time.time(),
            storylines_total=1,
            has_quizzes=True,
            pass_mark=70.0,
            class_code=class_code,
        )
    )
    steps = 0
    while not Path(stop).exists():
        scene = SCENES[steps % len(SCENES)]
        right = random.random() < 0.6
        answer = FirstTry("check", "ne_heart", right, 10 if right else 0, 10)
        step = records.RecordedStep(
            at=time.time(),
            storyline="woods",
            events=[("choice", f"step {steps}", {"scene": scene})],
            answers=[answer] if scene == "check" else [],
            xp=steps,
            ended=False,
            ending=None,
            badges=(),
            time_on_task=PAUSE_S,
            scene=scene,
        )
        db.write(lambda conn, s=step: records.record_step(conn, session_id, s))
        steps += 1
        time.sleep(PAUSE_S)
    db.close()


if __name__ == "__main__":
    main(*sys.argv[1:5])
