"""What the browser tests check on a page the app has drawn, each as a list of problems in words (empty: fine), so one
page load can run many checks and a failure names them all: the page is whole and drawn, nothing scrolls sideways or is
cut, headings are in order, text has its contrast, axe-core finds nothing serious; and the actions that show what is
hidden (every popover open, a help tooltip shown) before axe looks."""

from __future__ import annotations

import re

from axe_playwright_python.sync_playwright import Axe

from streamlit_wait import wait_for_app, wait_for_charts

AXE = Axe()  # axe-core from the package's own axe.min.js: nothing is downloaded
AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]
# Streamlit's sidebar navigation is a <ul> whose items are wrapped in <div>s (axe: list, listitem): Streamlit's own
# markup, not the app's.
STREAMLIT_OWN = [['[data-testid="stSidebarNavItems"]']]
AA_TEXT = 4.5  # WCAG AA contrast of body text

# A headline value carries a unit or a word (220亿元, CNY 30 bn+, 1,034 people, 12.4%), never a bare number.
HAS_UNIT = re.compile(r"[^\d\s.,+\-]")

_PAGE_PROBLEMS_JS = """
() => {
  const found = [];
  const visible = (e) => e.getClientRects().length > 0;
  const doc = document.documentElement;
  if (doc.scrollWidth > doc.clientWidth + 1) found.push(`the page scrolls sideways: ${doc.scrollWidth} > ${doc.clientWidth} px`);
  const main = document.querySelector('[data-testid="stMain"]');
  if (main && main.scrollWidth > main.clientWidth + 1) found.push(`the main area scrolls sideways: ${main.scrollWidth} > ${main.clientWidth} px`);
  for (const e of document.querySelectorAll('[data-testid="stException"], [data-testid="stAlertContentError"]')) {
    found.push(`an error is shown: ${e.innerText.slice(0, 200)}`);
  }
  // A card's label or value cut: some box inside it clips its text (Streamlit's own ellipsis, or overflow hidden).
  for (const part of document.querySelectorAll('[data-testid="stMetricValue"], [data-testid="stMetricLabel"]')) {
    for (const e of [part, ...part.querySelectorAll('*')]) {
      const style = getComputedStyle(e);
      if (visible(e) && style.overflowX !== 'visible' && e.scrollWidth > e.clientWidth + 1) {
        found.push(`「${part.innerText.trim()}」 is cut (${e.scrollWidth} px of text in ${e.clientWidth} px)`);
        break;
      }
    }
  }
  // One h1, then h2, then h3: a level is never skipped on the way down.
  const headings = [...document.querySelectorAll('[data-testid="stApp"] :is(h1, h2, h3, h4, h5, h6)')].filter(visible);
  const levels = headings.map((h) => Number(h.tagName[1]));
  const ones = levels.filter((l) => l === 1).length;
  if (ones !== 1 || levels[0] !== 1) found.push(`headings ${levels.join(',')}: one h1 first`);
  levels.forEach((level, i) => {
    if (i && level > levels[i - 1] + 1) found.push(`heading h${levels[i - 1]} -> h${level}: 「${headings[i].innerText.slice(0, 40)}」`);
  });
  return found;
}
"""

# The colour text reaches the screen in, against the colour under it: each ancestor's background laid over the one
# below, and each opacity group blended with what is outside it (Streamlit fades captions and quotes with opacity).
_CONTRAST_JS = """
(elements) => {
  const parse = (text) => {
    let m = text.match(/^rgba?\\(([^)]*)\\)/);
    if (m) { const [r, g, b, a = 1] = m[1].split(/[\\s,\\/]+/).filter(Boolean).map(Number); return [r, g, b, a]; }
    m = text.match(/^color\\(srgb ([^)]*)\\)/);
    if (m) { const [r, g, b, a = 1] = m[1].split(/[\\s\\/]+/).filter(Boolean).map(Number); return [r * 255, g * 255, b * 255, a]; }
    return [0, 0, 0, 0];
  };
  const over = ([r, g, b, a], below) => [r * a + below[0] * (1 - a), g * a + below[1] * (1 - a), b * a + below[2] * (1 - a)];
  const mix = (outside, inside, o) => inside.map((c, i) => c * o + outside[i] * (1 - o));
  const luminance = (rgb) => {
    const [r, g, b] = rgb.map((c) => { c /= 255; return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4; });
    return 0.2126 * r + 0.7152 * g + 0.0722 * b;
  };
  return elements.map((el) => {
    const chain = [];
    for (let e = el; e; e = e.parentElement) chain.unshift(e);
    let ground = [255, 255, 255];
    const groups = [];
    for (const e of chain) {
      const style = getComputedStyle(e);
      const outside = ground;
      ground = over(parse(style.backgroundColor), ground);
      if (parseFloat(style.opacity) < 1) groups.push([outside, parseFloat(style.opacity)]);
    }
    let text = over(parse(getComputedStyle(el).color), ground);
    for (const [outside, opacity] of groups.reverse()) { text = mix(outside, text, opacity); ground = mix(outside, ground, opacity); }
    const [light, dark] = [luminance(text), luminance(ground)].sort((a, b) => b - a);
    return {text: el.innerText.trim().slice(0, 40), ratio: (light + 0.05) / (dark + 0.05)};
  });
}
"""


def page_problems(page) -> list[str]:
    """Sideways scroll, error boxes, cut headline text, heading order, backslashes and bare headline numbers."""
    found = page.evaluate(_PAGE_PROBLEMS_JS)
    # the data holds no backslash: one on the page is markdown.plain's escape shown by a call that reads no Markdown
    if "\\" in page.inner_text('[data-testid="stApp"]'):
        found.append("a backslash is shown (an escape drawn by a call that reads no Markdown)")
    for value in page.locator('[data-testid="stMetricValue"]').all_inner_texts():
        if not HAS_UNIT.search(value):
            found.append(f"headline value {value!r} has no unit")
    return found


def contrast_problems(page, selector: str, least: float = AA_TEXT) -> list[str]:
    """Each element matching `selector` whose text has less than `least` contrast with what it is drawn on."""
    handles = page.locator(selector).element_handles()
    if not handles:
        return []
    measured = page.evaluate(_CONTRAST_JS, handles)
    return [f"「{m['text']}」 contrast {m['ratio']:.2f}:1 < {least}:1 ({selector})" for m in measured if m["ratio"] < least]


def charts_drawn(page) -> int:
    """Wait until every chart on the page has painted; returns how many there are."""
    count = page.locator('[data-testid="stVegaLiteChart"]').count()
    if count:
        wait_for_charts(page, min_charts=count)
    return count


_CLICK_POPOVERS_JS = """(expanded) => document.querySelectorAll(
  `[data-testid="stMain"] [data-testid="stPopoverButton"][aria-expanded="${expanded}"]`).forEach((b) => b.click())"""


def open_everything(page) -> tuple[int, bool]:
    """Open every popover of the page at once and show the first help tooltip of the main area; returns the number of
    popovers and whether a tooltip is shown. (A script's click opens a popover without the pointer-down that closes the
    others. The sentences and downloads in a popover come with the rerun its opening asks for.)"""
    # the tooltip first: an open popover could lie over its icon
    helps = page.locator('[data-testid="stMain"] [data-testid="stTooltipHoverTarget"]:has(svg.icon)')  # a "?" icon
    if helps.count():
        helps.first.hover()
        page.locator('[data-testid="stTooltipContent"]').first.wait_for()
    else:
        page.mouse.move(0, 0)  # nothing under the pointer, which a control's hover colour would change
    count = page.locator('[data-testid="stMain"] [data-testid="stPopoverButton"]').count()
    # Those left open (by the reader's earlier run) are closed first: opening a popover that keeps its state in the
    # browser ("more filters") closes the ones whose contents come with a rerun, and the other way round.
    if page.locator('[data-testid="stMain"] [data-testid="stPopoverButton"][aria-expanded="true"]').count():
        page.evaluate(_CLICK_POPOVERS_JS, "true")
        wait_for_app(page)
    page.evaluate(_CLICK_POPOVERS_JS, "false")
    page.wait_for_function(
        "(n) => document.querySelectorAll('[data-testid=\"stPopoverBody\"]').length >= n", arg=count, timeout=15000
    )
    wait_for_app(page)
    return count, bool(helps.count())


def axe_problems(page, exclude=STREAMLIT_OWN) -> list[str]:
    """axe-core's serious and critical violations of WCAG 2.1 A and AA, as it sees the page now (axe is put in a page
    once: its 500 KB of script, evaluated again on every run, cost more than the run)."""
    if not page.evaluate("() => typeof window.axe === 'object'"):
        page.evaluate(AXE.axe_script)
    options = {"runOnly": {"type": "tag", "values": AXE_TAGS}, "resultTypes": ["violations"], "selectors": False}
    response = page.evaluate("([context, options]) => axe.run(context, options)", [{"exclude": exclude}, options])
    found = []
    for violation in response["violations"]:
        if violation["impact"] in ("serious", "critical"):
            nodes = violation["nodes"]
            where = "; ".join(node["html"][:160] for node in nodes[:3])
            summary = nodes[0].get("failureSummary", "").replace("\n", " ")[:240] if nodes else ""
            found.append(f"axe {violation['id']} ({violation['impact']}, {len(nodes)}×): {summary} at {where}")
    return found
