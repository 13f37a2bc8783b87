"""Views of the dialogue day, split by who uses them: console, entries (the moderator's actions on one question),
operator, screen (projector), feed, minutes."""
