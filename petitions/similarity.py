"""Similar petitions of the same conference, on the accent-folded text.

One text everywhere: a petition as search stores it (`search_text`: content, unit and sub-questions, folded; for
a petition still on a form or in a list, `searchable_text(...)` of what it says), so the panel beside the form,
the petition page and the import preview show the same percentage for the same two petitions.

One measure everywhere: pg_trgm's trigram similarity (shared trigrams / all trigrams of both texts, each word padded
with two spaces before and one after). On PostgreSQL a single suggestion query reads the nearest petitions through
a GiST trigram index on the folded `search_text` (`<->`, migration 0009; the GIN index of migration 0002 serves the
substring search) and scores them with `similarity()`; on SQLite the same number is computed in Python.

An import compares thousands of rows with thousands of petitions: one SQL query per row would take minutes, so
batches use `SimilarityIndex`, the same measure with prefix filtering (exact, not an approximation): two texts with
similarity >= t must share at least one of the rarest |A| - ceil(t*|A|) + 1 trigrams of A.
"""

import math
import re
from collections import Counter, defaultdict
from collections.abc import Hashable, Iterable
from dataclasses import dataclass

from django.contrib.postgres.search import TrigramDistance, TrigramSimilarity
from django.db import connection
from django.db.models import FloatField, QuerySet, Value
from django.db.models.functions import Cast

from conferences.text import fold

from .models import Petition, searchable_text

# Thresholds measured on the seeds: unrelated petitions of seed 003 score 0.42 (median) to 0.55 (max), because
# long Vietnamese texts share many common syllables ("thanh niên", "đề nghị"); a reworded question scores 0.85-0.93.
# pg_trgm's default 0.3 would call every petition similar.
SUGGEST_THRESHOLD = 0.5
# An imported row this close to an existing petition is flagged "probably the same question".
IMPORT_THRESHOLD = 0.65
# Candidates read per suggestion shown (nearest first), so that petitions of equal score stay in number order.
NEAREST_SPARE = 4
_WORDS = re.compile(r"[^\W_]+")


def trigrams(text: str, *, folded: bool = False) -> frozenset[str]:
    """The trigram set pg_trgm builds for `text` (after folding accents, as search_text stores it)."""
    value = text if folded else fold(text)
    grams: set[str] = set()
    for word in _WORDS.findall(value.lower()):
        padded = f"  {word} "
        grams.update(padded[i : i + 3] for i in range(len(padded) - 2))
    return frozenset(grams)


def similarity(a: frozenset[str], b: frozenset[str]) -> float:
    if not a or not b:
        return 0.0
    shared = len(a & b)
    return shared / (len(a) + len(b) - shared)


def text_similarity(a: str, b: str) -> float:
    return similarity(trigrams(a), trigrams(b))


@dataclass
class Match:
    petition: Petition
    score: float

    @property
    def percent(self) -> int:
        return round(self.score * 100)


def similar_petitions(
    petitions: QuerySet[Petition],
    text: str,
    *,
    limit: int = 5,
    threshold: float = SUGGEST_THRESHOLD,
    exclude_pk: int | None = None,
) -> list[Match]:
    """The petitions of `petitions` most similar to `text`, best first (the caller scopes the queryset)."""
    folded = fold(text)
    if not trigrams(folded, folded=True):
        return []
    if exclude_pk is not None:
        petitions = petitions.exclude(pk=exclude_pk)
    if connection.vendor == "postgresql":
        # Nearest first through the GiST trigram index (migration 0009): a few index pages, not similarity() over
        # every petition of the conference. Rows below the threshold are dropped here: filtering them in SQL would
        # walk the whole index when fewer than `limit` pass. A few spare candidates keep equal scores in number order.
        rows = (
            petitions.annotate(
                distance=TrigramDistance("search_text", Value(folded)),
                score=Cast(TrigramSimilarity("search_text", Value(folded)), FloatField()),
            )
            .select_related("bridge_point", "issue_group")
            .order_by("distance")[: limit * NEAREST_SPARE]
        )
        found = sorted((p for p in rows if p.score >= threshold), key=lambda p: (-p.score, p.number))
        return [Match(p, p.score) for p in found[:limit]]
    query = trigrams(folded, folded=True)
    scored = []
    for pk, search_text in petitions.values_list("pk", "search_text").iterator(chunk_size=2000):
        score = similarity(query, trigrams(search_text, folded=True))
        if score >= threshold:
            scored.append((score, pk))
    scored.sort(key=lambda item: (-item[0], item[1]))
    top = scored[:limit]
    by_pk = Petition.objects.select_related("bridge_point", "issue_group").in_bulk([pk for _, pk in top])
    return [Match(by_pk[pk], score) for score, pk in top if pk in by_pk]


def comparable_text(content: str, unit: str = "", parts: Iterable[str] = ()) -> str:
    """The text a petition not saved yet is compared on: the same as a saved one's `search_text`."""
    return searchable_text(content, unit, list(parts))


class SimilarityIndex:
    """Many-against-many trigram similarity in memory: build once from existing texts, then ask per row."""

    def __init__(self, items: Iterable[tuple[Hashable, str]]):
        self.sets: dict[Hashable, frozenset[str]] = {}
        self.postings: dict[str, list[Hashable]] = defaultdict(list)
        for key, text in items:
            grams = trigrams(text)
            if not grams:
                continue
            self.sets[key] = grams
            for gram in grams:
                self.postings[gram].append(key)

    def __len__(self) -> int:
        return len(self.sets)

    def best(
        self,
        text: str,
        *,
        threshold: float,
        limit: int = 3,
        scan_budget: int = 20_000,
        verify_limit: int = 200,
    ) -> list[tuple[Hashable, float]]:
        """The keys most similar to `text` (>= threshold), best first.

        Work per call is bounded: postings are read rarest first until `scan_budget` entries, and only the
        `verify_limit` candidates sharing most of those trigrams are measured. On ordinary lists the whole prefix
        fits and the answer is exact; on thousands of near-identical sentences it is a best-effort hint (exact
        duplicates are caught separately, by the folded text, and always completely)."""
        query = trigrams(text)
        if not query or not self.sets:
            return []
        # 1. The rarest trigrams first; any text reaching the threshold shares one of the first `prefix` of them.
        ordered = sorted(query, key=lambda g: (len(self.postings.get(g, ())), g))
        prefix = len(query) - math.ceil(threshold * len(query)) + 1
        candidates: Counter = Counter()
        scanned = 0
        for gram in ordered[:prefix]:
            posting = self.postings.get(gram, ())
            if scanned and scanned + len(posting) > scan_budget:
                break
            candidates.update(posting)
            scanned += len(posting)
        # 2. Size filter (similarity >= t needs t*|A| <= |B| <= |A|/t), then the exact measure.
        low, high = threshold * len(query), len(query) / threshold
        scored = []
        for key, _shared in candidates.most_common(verify_limit * 4):
            other = self.sets[key]
            if not low <= len(other) <= high:
                continue
            score = similarity(query, other)
            if score >= threshold:
                scored.append((key, score))
            if len(scored) >= verify_limit:
                break
        scored.sort(key=lambda item: -item[1])
        return scored[:limit]
