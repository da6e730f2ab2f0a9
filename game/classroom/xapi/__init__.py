"""xAPI 1.0.3 statements to a learning record store (LRS), offline first.

With ``--xapi URL`` every recorded step of a lesson is also an xAPI
statement. The statements are built from what the results database records
(``statements.py``, from the rows game/classroom/records.py writes) and go
into the database's ``xapi_outbox`` table in the same transaction as the
step (``outbox.py``), so a statement exists exactly when its step does. A
background thread posts them in batches, backing off while the LRS cannot
be reached (``sender.py``, over ``lrs.py``); ``locus results sync`` flushes
by hand (``sync.py``). Statement ids are UUID v5 of what they record, so a
retry posts the same statement again and the LRS keeps one copy.
"""
