"""Document rendering tasks (notice PDF on its own queue)."""
