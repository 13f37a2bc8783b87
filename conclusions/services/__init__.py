"""Split by journey so each part of the workflow keeps its own module."""
