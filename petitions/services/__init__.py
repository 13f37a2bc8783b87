"""Writes by journey: services.intake (logging, imports, merges, hand-over), services.answering (assignments,
answers, review, deadlines)."""
