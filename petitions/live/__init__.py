"""The dialogue day itself (issue 12): the moderator's console, the bridge points' operator pages, the projector
and the minutes.

- A conference is "đang diễn ra" while it has an open `LiveSession` (started and ended by an explicit action); the
  conference's own lifecycle (ConferenceStatus) is not touched. A rehearsal (tổng duyệt) is a session flagged
  `is_rehearsal`: its entries never reach petitions, answers or assignments, and stopping it deletes it.
- Each session holds `LiveEntry` rows: the accepted petitions of the compiled list (copied in when the session
  starts or the console opens) and the questions logged live at the sites. A live question of a real session is a
  `Petition` from the moment it is posted (channel "spoken", raised live), so the answering services, the board and
  the notice see it.
- Outcomes go through the existing answering services: `answer_record_on_the_spot` (approved, flagged "at the
  conference") and `assignment_create` (after the conference, working days from the dialogue date), and merges
  through `petition_merge`.
- Clients follow a per-conference state feed (`feed.py`) polled with If-None-Match; its versions live in the
  database (`LiveChannel`) and are mirrored in Redis (`versions.py`) so a 304 costs no query.
"""
