"""The one exception the classroom raises.

Every failure a teacher or student can cause (a results path that cannot be
written, a damaged database, an unknown lesson, an unusable name) becomes a
``ClassroomError`` whose message says what happened, where, and what to do.
Front ends print it as it is, so no traceback ever reaches a classroom.
"""

from __future__ import annotations


class ClassroomError(Exception):
    """A problem with a lesson, a student name or the results database,
    worded for the player or the teacher."""
