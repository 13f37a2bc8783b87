"""Telling people, for every app: the email outbox (outbox.py), in-app notices plus email once per event (tell.py)
and the delivery tasks (tasks.py). Apps decide whom to tell about what; this package decides how."""
