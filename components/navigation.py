"""The app's pages: file, URL path, section and icon, in navigation (and rotation) order. URL paths are a public contract."""
from __future__ import annotations

from dataclasses import dataclass

MIN_ROTATE_SECONDS, MAX_ROTATE_SECONDS = 5, 3600


@dataclass(frozen=True)
class PageSpec:
    file: str
    url_path: str
    section: str
    icon: str

    @property
    def title_key(self) -> str:
        return f"nav.{self.url_path}"


PAGES = (
    PageSpec("pages/overview.py", "overview", "overview", ":material/dashboard:"),
    PageSpec("pages/investment.py", "investment", "economy", ":material/factory:"),
    PageSpec("pages/trade.py", "trade", "economy", ":material/public:"),
    PageSpec("pages/talent.py", "talent", "society", ":material/school:"),
    PageSpec("pages/poverty.py", "poverty", "society", ":material/volunteer_activism:"),
    PageSpec("pages/epidemic.py", "epidemic", "society", ":material/health_and_safety:"),
    PageSpec("pages/sources.py", "sources", "data", ":material/menu_book:"),
)


def parse_rotate(value: str | None) -> int | None:
    """Seconds between pages, or None: anything but a whole number in range means "do not rotate"."""
    if value is None or not str(value).isdigit() or len(str(value)) > 5:
        return None
    seconds = int(value)
    return seconds if MIN_ROTATE_SECONDS <= seconds <= MAX_ROTATE_SECONDS else None


def next_page(url_path: str) -> PageSpec:
    """The page after url_path in navigation order, wrapping round to the first."""
    paths = [p.url_path for p in PAGES]
    index = paths.index(url_path) if url_path in paths else -1
    return PAGES[(index + 1) % len(PAGES)]
