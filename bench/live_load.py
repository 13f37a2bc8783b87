"""The load generator of bench/live.py: polling screens and phones, posting operators, the moderator; and the
report of what they measured (client side) and of gunicorn's access log (server side)."""

from __future__ import annotations

import asyncio
import os
import random
import secrets
import statistics
import time
import uuid
from collections import defaultdict

from django.db import connection

SLUG = "bench-live"
POLL_SECONDS = 3.0
ON_AIR_EVERY = 30.0
ACCESS_FORMAT = "%(m)s %(U)s %(q)s %(s)s %(D)s %(t)s"  # method, path, query, status, microseconds, time


# --- load --------------------------------------------------------------------------------------------------------


class Stats:
    def __init__(self):
        self.times: dict[str, list[float]] = defaultdict(list)
        self.status: dict[str, dict[int, int]] = defaultdict(lambda: defaultdict(int))
        self.errors: dict[str, list[str]] = defaultdict(list)

        self.measure_from = 0.0  # perf_counter() after the warm-up: earlier requests are not counted

    def add(self, kind: str, started: float, status: int) -> None:
        if started >= self.measure_from:
            self.times[kind].append((time.perf_counter() - started) * 1000)
            self.status[kind][status] += 1

    def fail(self, kind: str, started: float, error: str) -> None:
        self.errors[kind].append(error)  # counted whenever it happens, warm-up included
        if started >= self.measure_from:
            self.times[kind].append((time.perf_counter() - started) * 1000)


class Run:
    def __init__(self, base: str, data: dict, args, access_log: str):
        self.base, self.data, self.args = base, data, args
        self.access_log, self.log_offset = access_log, 0
        self.stats = Stats()
        self.deadline = 0.0
        self.keys_sent: set[str] = set()
        self.on_air_at: dict[int, float] = {}  # entry id -> moment the moderator's request returned
        self.seen: dict[int, list[float]] = defaultdict(list)  # entry id -> moments projectors first showed it
        self.csrf = secrets.token_hex(16)  # 32 characters: a valid CSRF secret, sent as cookie and header

    def headers(self, session_key: str | None = None) -> dict:
        cookies = [f"csrftoken={self.csrf}"]
        if session_key:
            cookies.append(f"sessionid={session_key}")
        return {"Cookie": "; ".join(cookies), "X-CSRFToken": self.csrf}

    async def poll(self, http, kind: str, url: str, session_key: str | None):
        await asyncio.sleep(random.uniform(0, self.args.warmup))  # screens and phones open over the warm-up
        etag, shown = None, None
        while time.monotonic() < self.deadline:
            started = time.perf_counter()
            headers = self.headers(session_key)
            if etag:
                headers["If-None-Match"] = etag
            try:
                async with http.get(url, headers=headers, allow_redirects=False) as response:
                    body = await response.json() if response.status == 200 else None
                    self.stats.add(kind, started, response.status)
                    if response.status not in (200, 304):
                        self.stats.fail(kind, started, f"HTTP {response.status}")
                    etag = response.headers.get("ETag", etag)
            except Exception as exc:  # noqa: BLE001 - every failure is counted and reported
                self.stats.fail(kind, started, type(exc).__name__)
                body = None
            if body is not None and kind == "feed (projector)":
                on_air = body["public"]["on_air"]
                now = time.monotonic()
                if on_air and on_air["id"] != shown:
                    self.seen[on_air["id"]].append(now)
                shown = on_air["id"] if on_air else None
            await asyncio.sleep(POLL_SECONDS)

    async def post_questions(self, http, index: int, session_key: str, site: int):
        await asyncio.sleep(self.args.warmup + random.uniform(0, self.args.post_every))
        url = f"{self.base}/truc-tiep/{SLUG}/diem-cau/"
        n = 0
        while time.monotonic() < self.deadline:
            n += 1
            key = str(uuid.uuid4())
            self.keys_sent.add(key)
            form = {
                "site": str(site),
                "content": f"Câu hỏi trực tiếp {index}-{n}: thanh niên xã được hỗ trợ gì khi khởi nghiệp?",
                "unit": f"Đoàn xã {index}",
                "speaker_name": "",
                "client_key": key,
                "csrfmiddlewaretoken": self.csrf,
            }
            copies = 2 if n % 10 == 0 else 1  # a double tap: the same form twice at once
            await asyncio.gather(*(self._post(http, url, form, session_key) for _ in range(copies)))
            await asyncio.sleep(self.args.post_every)

    async def _post(self, http, url, form, session_key, kind="post question"):
        for _attempt in range(3):  # a phone retries a failed send with the same form
            started = time.perf_counter()
            try:
                async with http.post(url, data=form, headers=self.headers(session_key), allow_redirects=False) as r:
                    await r.read()
                    if r.status == 302:
                        self.stats.add(kind, started, r.status)
                        return r
                    self.stats.fail(kind, started, f"HTTP {r.status}")
            except Exception as exc:  # noqa: BLE001
                self.stats.fail(kind, started, type(exc).__name__)
        return None

    async def moderate(self, http):
        from asgiref.sync import sync_to_async

        await asyncio.sleep(self.args.warmup + 5)
        current = None
        while time.monotonic() < self.deadline - 5:
            if current is not None:
                url = f"{self.base}/truc-tiep/{SLUG}/dieu-hanh/cau-hoi/{current}/da-tra-loi/"
                form = {"answered_by": "Chủ tịch UBND tỉnh", "summary": "Đã trả lời tại hội nghị.", "next": "/"}
                await self._post(http, url, {**form, "csrfmiddlewaretoken": self.csrf}, self.data["moderator"],
                                 "moderator: answered")  # fmt: skip
            current = await sync_to_async(_next_live_entry)(self.data["conference_id"])
            if current is not None:
                url = f"{self.base}/truc-tiep/{SLUG}/dieu-hanh/cau-hoi/{current}/len-song/"
                form = {"responder": "", "next": "/", "csrfmiddlewaretoken": self.csrf}
                if await self._post(http, url, form, self.data["moderator"], "moderator: on air"):
                    self.on_air_at[current] = time.monotonic()
            await asyncio.sleep(ON_AIR_EVERY)

    async def main(self):
        import aiohttp

        connector = aiohttp.TCPConnector(limit=0, force_close=True)
        timeout = aiohttp.ClientTimeout(total=30)
        async with aiohttp.ClientSession(connector=connector, timeout=timeout) as http:
            await self._wait_until_up(http)
            self.deadline = time.monotonic() + self.args.warmup + self.args.duration
            self.stats.measure_from = time.perf_counter() + self.args.warmup
            feed = f"{self.base}/truc-tiep/{SLUG}/trang-thai/"
            tasks = [
                self.poll(http, "feed (operator)", feed, key)
                for key in self.data["sessions"]
            ] + [
                self.poll(http, "feed (projector)", f"{feed}?t={self.data['token']}", None)
                for _ in self.data["sites"]
            ]  # fmt: skip
            posters = random.Random(1).sample(range(12, len(self.data["sites"])), self.args.posters)
            tasks += [self.post_questions(http, i, self.data["sessions"][i], self.data["sites"][i]) for i in posters]
            tasks.append(self.moderate(http))
            tasks.append(self._mark_log())
            await asyncio.gather(*tasks)

    async def _mark_log(self):
        """Server-side timings count from the end of the warm-up too."""
        await asyncio.sleep(self.args.warmup)
        self.log_offset = os.path.getsize(self.access_log)

    async def _wait_until_up(self, http):
        for _ in range(120):
            try:
                async with http.get(f"{self.base}/accounts/login/") as r:
                    if r.status == 200:
                        return
            except Exception:  # noqa: BLE001, S110 - not up yet
                pass
            await asyncio.sleep(0.5)
        raise SystemExit("gunicorn did not start")


def _next_live_entry(conference_id: int) -> int | None:
    """The moderator takes the oldest live question waiting (read from the database: the console would show it)."""
    from petitions.live.models import EntrySource, EntryState, LiveEntry

    try:
        return (
            LiveEntry.objects.filter(
                session__conference_id=conference_id, source=EntrySource.LIVE, state=EntryState.QUEUED
            )
            .order_by("created_at", "id")
            .values_list("pk", flat=True)
            .first()
        )
    finally:
        connection.close()  # this runs in asgiref's worker thread: leave no connection to the scratch database


# --- 4. report ------------------------------------------------------------------------------------------------------


def percentile(values: list[float], p: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(p / 100 * (len(ordered) - 1)))]


def report(run: Run, duration: float) -> None:
    columns = f"{'requests':>8} {'req/s':>7} {'p50 ms':>8} {'p95 ms':>8} {'max ms':>8} {'304 %':>6} {'errors':>6}"
    print(f"\nclient side (aiohttp)    {columns}")
    for kind in sorted(run.stats.times):
        times = run.stats.times[kind]
        statuses = run.stats.status[kind]
        total = len(times)
        share = 100 * statuses.get(304, 0) / total if total else 0
        print(
            f"{kind:24} {total:8d} {total / duration:7.1f} {percentile(times, 50):8.1f} {percentile(times, 95):8.1f} "
            f"{max(times):8.1f} {share:6.1f} {len(run.stats.errors[kind]):6d}"
        )
    errors = {kind: sorted(set(e)) for kind, e in run.stats.errors.items() if e}
    if errors:
        print("errors:", errors)
    first, last = [], []
    for entry, at in run.on_air_at.items():
        seen = run.seen.get(entry, [])
        if seen:
            first.append(max(0.0, min(seen) - at))
            last.append(max(0.0, max(seen) - at))
    if first:
        print(
            f"\non air -> first projector showing it: median {statistics.median(first):.2f} s, max {max(first):.2f} s "
            f"({len(first)} questions put on air)"
        )
        print(f"on air -> last of the projectors:     median {statistics.median(last):.2f} s, max {max(last):.2f} s")
    else:
        print("\nno question went on air")


def _kind(method: str, path: str, query: str) -> str:
    if path.endswith("/trang-thai/"):
        return "feed (projector)" if query.startswith("t=") else "feed (operator)"
    if path.endswith("/diem-cau/"):
        return "post question"
    if path.endswith("/len-song/"):
        return "moderator: on air"
    if path.endswith("/da-tra-loi/"):
        return "moderator: answered"
    return f"{method} other"


def server_side(access_log: str, offset: int) -> None:
    """The same requests timed inside gunicorn (no client or network time): what the server itself costs."""
    times: dict[str, list[float]] = defaultdict(list)
    with open(access_log) as lines:
        lines.seek(offset)
        lines.readline()  # the offset may fall inside a line
        for line in lines:
            method, path, query, _status, micros = (line.split(" ") + [""] * 6)[:5]
            if micros.strip().isdigit():
                times[_kind(method, path, query)].append(int(micros) / 1000)
    print(f"\nserver side (gunicorn){'':3} {'requests':>8} {'p50 ms':>8} {'p95 ms':>8} {'max ms':>8}")
    for kind in sorted(times):
        values = times[kind]
        print(
            f"{kind:24} {len(values):8d} {percentile(values, 50):8.1f} {percentile(values, 95):8.1f} {max(values):8.1f}"
        )
