"""Telling people, for every app: the email outbox and its tasks (outbox.py), in-app notices plus email once per
event (tell.py), the daily reminder pass and its digest (reminders/), a person's own notices (views.py). Apps decide
whom to tell about what (each words its events in <app>/notifications.py, lists what it reminds in
<app>/reminders.py); this package decides how."""
