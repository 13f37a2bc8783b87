"""Bench: every named GET route for every demo persona at the size real offices reach (issue 11).

    env DATABASE_URL=postgres://... REDIS_URL=redis://... .venv/bin/python bench/pages.py
    .venv/bin/python bench/pages.py --keepdb            # build the scratch database once, reuse it next time
    .venv/bin/python bench/pages.py --only petitions: --persona noivu_tinh --repeat 5

Runs with DEBUG off (a throwaway SECRET_KEY, plain HTTP) on a scratch database (the test database machinery,
named after the configured one with "_bench"): the demo (Lạng Sơn's map, the 2024 conference with its 206 sites,
every persona), then bench/home_page.py's builder puts 10,000 petitions over the 2024 conference's sites with 30%
assigned, and 2,000 of those assignments get an answer (bulk, as bench/answering.py writes them): drafts,
submitted, approved and published, each with its revision.

Walks the URLconf (the admin aside) and fills each route's arguments with real rows of that data: the big
conference's slug, one of its petitions, assignments, answers, sites and groups; the demo's notice and directives.
For each persona and route: one warm-up request, then `--repeat` timed ones through Django's test Client; prints the
median server time (wall clock), the Django process's CPU time for the request (what the page costs in Python,
whatever else the machine runs), the number of queries and their SQL time (connection.execute_wrapper), sorted
slowest first, and then the pages over the target. POST-only routes (405 to a GET) and routes without a row to
point at are listed apart. Downloads (not HTML) are timed once after the warm-up, and marked.
"""

from __future__ import annotations

import argparse
import random
import statistics
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from django.conf import settings  # noqa: E402
from django.contrib.auth import get_user_model  # noqa: E402
from django.db import connection  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import setup_test_environment  # noqa: E402
from django.urls import NoReverseMatch, URLPattern, URLResolver, get_resolver, reverse  # noqa: E402

from bench.home_page import PERSONAS as _HOME_PERSONAS  # noqa: E402,F401  (sets DEBUG off, settings, django.setup)
from bench.home_page import STATIC_STORAGE, fill  # noqa: E402
from conclusions.models import (  # noqa: E402
    ConclusionNotice,
    Directive,
    DirectiveProgress,
    NoticeAppendix,
    NoticeSection,
)
from conclusions.models.rendering import NoticeRenderJob  # noqa: E402
from conferences.models import BridgePoint, Conference, IssueGroup, Notification  # noqa: E402
from demo.loader import load_demo  # noqa: E402
from demo.people import DEMO_USERS  # noqa: E402
from petitions.live.models import LiveEntry  # noqa: E402
from petitions.models import (  # noqa: E402
    Answer,
    AnswerRevision,
    AnswerState,
    Assignment,
    ImportBatch,
    Petition,
    PetitionAttachment,
    RevisionAction,
)
from petitions.questions.models import YouthQuestion  # noqa: E402

TARGET_MS = 150
SLUG = "lang-son-2024"
PETITIONS = 10_000
ANSWERS = 2_000
# Never requested: they act on a GET (sign out) or are the admin's own pages.
SKIPPED = {"logout", "set_language"}


@dataclass
class Row:
    persona: str
    name: str
    url: str
    status: int = 0
    ms: float = 0.0
    cpu_ms: float = 0.0
    queries: int = 0
    sql_ms: float = 0.0
    download: bool = False
    times: list[float] = field(default_factory=list)


class SqlClock:
    """connection.execute_wrapper: counts the queries and sums their time."""

    def __init__(self):
        self.count = 0
        self.seconds = 0.0

    def __call__(self, execute, sql, params, many, context):
        start = time.perf_counter()
        try:
            return execute(sql, params, many, context)
        finally:
            self.seconds += time.perf_counter() - start
            self.count += 1


def add_answers(conference: Conference, count: int, rng: random.Random) -> None:
    """`count` of the conference's assignments get an answer in a spread of states, with one revision each."""
    assignments = list(Assignment.objects.filter(petition__conference=conference).order_by("pk")[:count])
    author = get_user_model().objects.get(username="canbo_laodong")
    states = [AnswerState.DRAFT] + [AnswerState.SUBMITTED] * 4 + [AnswerState.APPROVED] * 2
    states += [AnswerState.PUBLISHED] * 3
    actions = {
        AnswerState.DRAFT: RevisionAction.DRAFT_SAVED,
        AnswerState.SUBMITTED: RevisionAction.SUBMITTED,
        AnswerState.APPROVED: RevisionAction.APPROVED,
        AnswerState.PUBLISHED: RevisionAction.PUBLISHED,
    }
    answers = Answer.objects.bulk_create(
        (
            Answer(
                petition_id=a.petition_id,
                assignment=a,
                agency_id=a.lead_agency_id,
                state=rng.choice(states),
                version=2,
                text="* Về vốn: nội dung trả lời.\n- ý một\n- ý hai\nĐoạn kết luận.",
                author=author,
            )
            for a in assignments
        ),
        batch_size=2000,
    )
    AnswerRevision.objects.bulk_create(
        (AnswerRevision(answer=a, version=2, text=a.text, state=a.state, action=actions[a.state]) for a in answers),
        batch_size=2000,
    )


def build(petitions: int, answers: int) -> None:
    load_demo()
    conference = Conference.objects.get(slug=SLUG)
    rng = random.Random(2024)
    fill(conference, petitions, rng)
    add_answers(conference, answers, rng)


def first_pk(queryset) -> int | None:
    return queryset.order_by("pk").values_list("pk", flat=True).first()


def samples() -> dict[str, dict]:
    """Argument values per kind of route: rows of the big conference, the demo's notice for the notice pages."""
    conference = Conference.objects.get(slug=SLUG)
    answered = Answer.objects.filter(petition__conference=conference)
    petition = Petition.objects.filter(conference=conference, answers__isnull=False).order_by("pk").first()
    # A draft: its editing pages answer its editors (the issued one is the public pages' sample).
    notice = ConclusionNotice.objects.order_by("state", "pk").first()
    job = NoticeRenderJob.objects.filter(notice=notice).order_by("pk").first() if notice else None
    public = ConclusionNotice.objects.filter(state="issued").select_related("conference").order_by("pk").first()
    return {
        "conference": {"slug": SLUG},
        "site": {"slug": SLUG, "pk": first_pk(BridgePoint.objects.filter(conference=conference))},
        "group": {"slug": SLUG, "pk": first_pk(IssueGroup.objects.filter(conference=conference))},
        "petition": {"pk": petition.pk, "petition_pk": petition.pk},
        "petition_attachment": {"pk": first_pk(PetitionAttachment.objects.all())},
        "import": {"pk": first_pk(ImportBatch.objects.all())},
        "assignment": {"pk": first_pk(Assignment.objects.filter(petition=petition))},
        "answer": {"pk": first_pk(answered.filter(state=AnswerState.SUBMITTED))},
        "answer_attachment": {"pk": None},
        "question": {"pk": first_pk(YouthQuestion.objects.all())},
        "live_entry": {"slug": SLUG, "pk": first_pk(LiveEntry.objects.all())},
        "notification": {"pk": first_pk(Notification.objects.all())},
        "notice": {
            "pk": notice.pk if notice else None,
            "section_pk": first_pk(NoticeSection.objects.filter(notice=notice)),
            "directive_pk": first_pk(Directive.objects.filter(notice=notice)),
            "appendix_pk": first_pk(NoticeAppendix.objects.filter(notice=notice)),
            "job_pk": job.pk if job else None,
            "fmt": "pdf",
        },
        "directive": {"pk": first_pk(Directive.objects.filter(notice__state="issued")) or first_pk(Directive.objects)},
        "progress": {"pk": first_pk(DirectiveProgress.objects.all())},
        "public": {
            "slug": public.conference.slug if public else SLUG,
            "number": 1,
            "revision": public.revision if public else 1,
            "kind": "pdf",
        },
        "password_reset_confirm": {"uidb64": "MQ", "token": "set-password"},
        "question_token": {"token": "x" * 20, "key": "x" * 20},
    }


def kind_of(name: str) -> str:
    """Which sample a route's arguments come from (its namespace and name say what its pk is)."""
    namespace, _, short = name.rpartition(":")
    rules = [
        (namespace == "conferences" and short.startswith("site_"), "site"),
        (namespace == "conferences" and short.startswith("group_"), "group"),
        (short == "attachment", "petition_attachment"),
        (short.startswith("import_"), "import"),
        (short.startswith("assignment"), "assignment"),
        (short == "answer_attachment", "answer_attachment"),
        (short == "answer_on_the_spot", "petition"),
        (short.startswith("answer"), "answer"),
        (short.startswith("question_") and namespace == "petitions", "question"),
        (namespace == "live" and short.startswith("entry"), "live_entry"),
        (namespace == "notifications", "notification"),
        (namespace == "public" and short.startswith("question_") and short != "question_send", "question_token"),
        (namespace == "public", "public"),
        (short == "progress_attachment", "progress"),
        (namespace == "conclusions" and short.startswith("directive") and "notice" not in short, "directive"),
        (namespace == "conclusions", "notice"),
        (namespace == "petitions", "petition"),
        (name == "password_reset_confirm", "password_reset_confirm"),
    ]
    for matches, kind in rules:
        if matches:
            return kind
    return "conference"


def routes(patterns=None, namespace: str = ""):
    for entry in get_resolver().url_patterns if patterns is None else patterns:
        if isinstance(entry, URLResolver):
            if entry.namespace != "admin":
                yield from routes(entry.url_patterns, entry.namespace or namespace)
        elif isinstance(entry, URLPattern) and entry.name:
            yield f"{namespace}:{entry.name}" if namespace else entry.name


def url_for(name: str, values: dict[str, dict]) -> str | None:
    """reverse() with the arguments of the route's kind; None when the data holds no row to point at."""
    chosen = {**values["conference"], **values[kind_of(name)]}
    namespace, _, short = name.rpartition(":")
    resolver = get_resolver()
    for part in filter(None, namespace.split(":")):
        resolver = resolver.namespace_dict[part][1]
    for _bits, _regex, _defaults, converters in resolver.reverse_dict.getlist(short):
        kwargs = {key: chosen.get(key) for key in converters}
        if any(value is None for value in kwargs.values()):
            return None
        try:
            return reverse(name, kwargs=kwargs)
        except NoReverseMatch:
            continue
    return None


def visit(client: Client, url: str, repeat: int) -> tuple[int, list[float], list[float], int, float, bool]:
    response = client.get(url)  # warm: session, caches, templates
    if response.status_code == 405:
        return 405, [], [], 0, 0.0, False
    if not response.get("Content-Type", "").startswith("text/html"):
        repeat = 1  # a download of the whole list: once is enough to see what it costs
    times, cpu, counts, sql = [], [], [], []
    for _ in range(repeat):
        clock = SqlClock()
        with connection.execute_wrapper(clock):
            start, start_cpu = time.perf_counter(), time.process_time()
            response = client.get(url)
            if getattr(response, "streaming", False):
                b"".join(response.streaming_content)
            times.append(time.perf_counter() - start)
            cpu.append(time.process_time() - start_cpu)
        counts.append(clock.count)
        sql.append(clock.seconds)
    download = not response.get("Content-Type", "").startswith("text/html")
    return response.status_code, times, cpu, max(counts), statistics.median(sql), download


def personas(only: list[str] | None) -> list[str]:
    names = [spec.username for spec in DEMO_USERS] + ["admin"]
    return [n for n in names if not only or n in only]


def run(args) -> list[Row]:
    values = samples()
    names = [n for n in routes() if n not in SKIPPED and (not args.only or any(n.startswith(o) for o in args.only))]
    users = {u.username: u for u in get_user_model().objects.all()}
    rows, post_only, no_row = [], set(), set()
    for persona in personas(args.persona):
        client = Client()
        client.force_login(users[persona])
        for name in names:
            url = url_for(name, values)
            if url is None:
                no_row.add(name)
                continue
            if name in post_only:
                continue
            status, times, cpu, queries, sql, download = visit(client, url, args.repeat)
            if status == 405:
                post_only.add(name)
                continue
            ms, cpu_ms = statistics.median(times) * 1000, statistics.median(cpu) * 1000
            rows.append(Row(persona, name, url, status, ms, cpu_ms, queries, sql * 1000, download, times))
        print(f"  {persona}: done", file=sys.stderr, flush=True)
    print(f"POST-only routes (405 to a GET, not timed): {len(post_only)}")
    print(f"Routes without a row to point at in this data: {', '.join(sorted(no_row)) or '-'}")
    return rows


def table(rows: list[Row], limit: int | None) -> None:
    rows = sorted(rows, key=lambda r: -r.ms)
    print(f"{'ms':>7} {'CPU ms':>7} {'SQL ms':>7} {'queries':>7} {'status':>6}  {'persona':<22} {'route':<38} url")
    for r in rows[:limit] if limit else rows:
        mark = " (download)" if r.download else ""
        print(
            f"{r.ms:7.1f} {r.cpu_ms:7.1f} {r.sql_ms:7.1f} {r.queries:7d} {r.status:6d}  {r.persona:<22} {r.name:<38} "
            f"{r.url}{mark}"
        )


def summary(rows: list[Row]) -> None:
    worst: dict[str, Row] = {}
    for r in rows:
        if r.name not in worst or r.ms > worst[r.name].ms:
            worst[r.name] = r
    over = sorted((r for r in worst.values() if r.ms > TARGET_MS), key=lambda r: -r.ms)
    pages = [r for r in rows if r.status == 200 and not r.download]
    print(f"\nPer route, slowest persona ({len(worst)} routes, {len(rows)} route x persona visits, "
          f"{len(pages)} of them HTML pages answered 200):")  # fmt: skip
    for r in sorted(worst.values(), key=lambda r: -r.ms):
        mark = " (download)" if r.download else ""
        print(
            f"{r.ms:7.1f} ms {r.cpu_ms:7.1f} CPU {r.sql_ms:7.1f} SQL {r.queries:4d} q {r.status}  {r.name:<38} "
            f"{r.persona}{mark}"
        )
    print(f"\nOver {TARGET_MS} ms: {len(over)}")
    for r in over:
        print(
            f"  {r.name} ({r.persona}, {r.status}): {r.ms:.0f} ms ({r.cpu_ms:.0f} ms CPU), {r.queries} queries, "
            f"{r.sql_ms:.0f} ms SQL"
        )


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--petitions", type=int, default=PETITIONS)
    parser.add_argument("--answers", type=int, default=ANSWERS)
    parser.add_argument("--repeat", type=int, default=3, help="timed requests per page (after one warm-up)")
    parser.add_argument("--only", action="append", help="route name prefix (repeatable), e.g. petitions:")
    parser.add_argument("--persona", action="append", help="demo username (repeatable); default: every persona")
    parser.add_argument("--keepdb", action="store_true", help="keep the scratch database and reuse its data")
    parser.add_argument("--all", action="store_true", help="print every route x persona row, not the slowest 40")
    args = parser.parse_args()
    setup_test_environment()
    settings.STORAGES = {**settings.STORAGES, "staticfiles": {"BACKEND": STATIC_STORAGE}}
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    settings.RATELIMIT_ENABLE = False  # the same page asked 4 times a second is the bench, not an abuse
    settings.RENDER_RATE = settings.EXPORT_RATE = "100000/m"
    db = settings.DATABASES["default"]
    db.setdefault("TEST", {})["NAME"] = (db["NAME"] + "_bench") if connection.vendor == "postgresql" else None
    old_name = connection.creation.create_test_db(verbosity=0, autoclobber=True, keepdb=args.keepdb)
    try:
        started = time.perf_counter()
        if not Petition.objects.filter(conference__slug=SLUG).exists():
            build(args.petitions, args.answers)
            if connection.vendor == "postgresql":
                connection.cursor().execute("ANALYZE")
        conference = Conference.objects.get(slug=SLUG)
        print(f"Database: {connection.vendor}; DEBUG={settings.DEBUG}; built in {time.perf_counter() - started:.0f} s")
        print(
            f"Data: {Petition.objects.count():,} petitions ({conference.petitions.count():,} in {SLUG}, "
            f"{conference.bridge_points.count()} sites), {Assignment.objects.count():,} assignments, "
            f"{Answer.objects.count():,} answers, {Conference.objects.count()} conferences"
        )
        started = time.perf_counter()
        rows = run(args)
        print(f"Visited in {time.perf_counter() - started:.0f} s\n")
        table(rows, None if args.all else 40)
        summary(rows)
    finally:
        if not args.keepdb:
            connection.creation.destroy_test_db(old_name, verbosity=0)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
