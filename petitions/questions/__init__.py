"""Questions young people send themselves (no account), moderated by the Youth Union, followed until the answer
reaches them.

- models.py: the question, its states and decline reasons (visible as petitions.models);
- cleaning.py: what a sent text and a contact become before they are stored;
- ratelimit.py: per-address and per-contact limits (the cache, a database fallback);
- sending.py: send, confirm (email link or text code), resend the code;
- moderation.py: accept (a new petition), merge (into an existing one), decline;
- progress.py: where a question stands, in words, for its sender;
- privacy.py: unconfirmed questions expire, contacts are erased after the notice, one sender's data exported/erased;
- notifications.py: what the sender is told (outbox, their chosen channel), once per event;
- permissions.py, forms.py, views.py, urls: the moderation queue and Home Affairs' sender requests.
The public pages (the sending form and the tracking page) are in conclusions/public/.
"""
