"""axe-core in the page: the vendored copy (tests/a11y/vendor/, never served to users) injected by Playwright, run
against WCAG 2.1 A and AA, and its serious and critical findings turned into lines a person can act on."""

from dataclasses import dataclass
from pathlib import Path

AXE = Path(__file__).resolve().parent / "vendor" / "axe.min.js"
AXE_VERSION = "4.14.1"
TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]
BLOCKING = {"serious", "critical"}

RUN = """async (tags) => {
  const result = await axe.run(document, {runOnly: {type: "tag", values: tags}, resultTypes: ["violations"]});
  return result.violations.map(v => ({
    id: v.id, impact: v.impact, help: v.help,
    nodes: v.nodes.map(n => ({target: n.target.join(" "), summary: n.failureSummary || ""})),
  }));
}"""


@dataclass(frozen=True)
class Finding:
    url: str
    rule: str
    impact: str
    help: str
    targets: tuple[str, ...]

    def __str__(self) -> str:
        shown = ", ".join(self.targets[:4]) + (f" (+{len(self.targets) - 4})" if len(self.targets) > 4 else "")
        return f"{self.url}: [{self.impact}] {self.rule} – {self.help}: {shown}"


def audit(page, *, label: str | None = None, open_details: bool = True) -> list[Finding]:
    """Every WCAG 2.1 A/AA violation axe finds on the page as it is now (any impact). Folded parts (<details>:
    the console's outcome forms, the statistics tables) are opened first, so that what they hide is checked too."""
    if open_details:
        page.evaluate("document.querySelectorAll('details').forEach(d => { d.open = true; })")
    if not page.evaluate("typeof window.axe !== 'undefined'"):
        page.add_script_tag(path=str(AXE))
        version = page.evaluate("axe.version")
        assert version == AXE_VERSION, f"vendored axe-core is {version}, expected {AXE_VERSION}"
    where = label or page.url.split("//", 1)[-1].split("/", 1)[-1]
    return [
        Finding(
            url="/" + where if not where.startswith("/") else where,
            rule=v["id"],
            impact=v["impact"] or "",
            help=v["help"],
            targets=tuple(n["target"] for n in v["nodes"]),
        )
        for v in page.evaluate(RUN, TAGS)
    ]


def blocking(findings: list[Finding]) -> list[Finding]:
    return [f for f in findings if f.impact in BLOCKING]


def report(findings: list[Finding]) -> str:
    return "\n".join(str(f) for f in findings)
