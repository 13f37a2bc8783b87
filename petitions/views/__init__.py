"""Views by what they show: petitions.py (lists, one petition), entry.py (logging, editing, merging), imports.py
(Excel import, hand-over), inbox.py (the officer's inbox), assignments.py (one assignment), board.py (Home
Affairs' board), answers.py (one answer, review), review.py (review queue, dashboard)."""
