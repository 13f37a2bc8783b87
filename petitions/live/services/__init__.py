"""Writes of the dialogue day, split by subject: sessions (the day, its rehearsal, the projector link), queue (live
questions, shortlist, on air), outcomes (answered on the spot, in writing, merged)."""
