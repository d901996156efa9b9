"""The app's styling within the issue's limits: few internals, few !important, no polling, static HTML, plain pages."""

from __future__ import annotations

import ast
import re
from pathlib import Path

from components.ui import style
from support import ROOT

APP_CODE = sorted(
    [
        ROOT / "app.py",
        *(ROOT / "pages").glob("*.py"),
        *(p for ext in ("py", "js", "css") for p in (ROOT / "components").rglob(f"*.{ext}")),
    ]
)
SHELL_JS = ROOT / "components" / "ui" / "shell.js"
MAX_INTERNAL_SELECTORS, MAX_IMPORTANT = 10, 4

TEST_ID = re.compile(r"""data-testid\s*[~|^$*]?=\s*["']?([A-Za-z][\w-]*)""")
ST_CLASS = re.compile(r"(?<![\w-])\.(st[A-Z]\w*)")  # .stMetric; .st-key-<key> is a class of the app's own keys


def code_text(path: Path) -> str:
    """What a file gives the browser or Streamlit: a Python file's string literals (not its comments), a script's or
    stylesheet's text without its comments."""
    source = path.read_text(encoding="utf-8")
    if path.suffix == ".py":
        return "\n".join(n.value for n in ast.walk(ast.parse(source)) if isinstance(n, ast.Constant) and isinstance(n.value, str))
    without_blocks = re.sub(r"/\*.*?\*/", "", source, flags=re.S)
    return without_blocks if path.suffix == ".css" else re.sub(r"(?m)^\s*//.*$|(?<=[;{}])\s*//.*$", "", without_blocks)


def internal_selectors(text: str) -> set[str]:
    return set(TEST_ID.findall(text)) | set(ST_CLASS.findall(text))


def test_the_selector_scanner_finds_test_ids_and_classes_but_not_the_apps_own_keys():
    css = '[data-testid="stMetric"] p {} .stButton {} .st-key-app_controls {} div[data-testid=stSidebar] {}'
    assert internal_selectors(css) == {"stMetric", "stButton", "stSidebar"}


def test_few_streamlit_internals_each_listed_with_its_reason():
    used: dict[str, set[str]] = {}
    for path in APP_CODE:
        for selector in internal_selectors(code_text(path)):
            used.setdefault(selector, set()).add(str(path.relative_to(ROOT)))
    assert len(used) <= MAX_INTERNAL_SELECTORS, sorted(used)
    assert set(used) <= set(style.INTERNAL_SELECTORS), {s: f for s, f in used.items() if s not in style.INTERNAL_SELECTORS}
    assert set(style.INTERNAL_SELECTORS) <= set(used), "a listed selector no longer used is taken off the list"
    assert all(len(reason.split()) >= 5 for reason in style.INTERNAL_SELECTORS.values()), "each says why"


def test_few_important_declarations():
    counts = {str(p.relative_to(ROOT)): code_text(p).count("!important") for p in APP_CODE}
    assert sum(counts.values()) <= MAX_IMPORTANT, {f: n for f, n in counts.items() if n}


def function_body(js: str, name: str) -> str:
    """The body of `const name = (...) => { ... }` or `function name(...) { ... }` (braces balanced)."""
    found = re.search(rf"(?:const|let)\s+{name}\s*=\s*\([^)]*\)\s*=>\s*{{|function\s+{name}\s*\([^)]*\)\s*{{", js)
    assert found, name
    depth, at = 1, found.end()
    while depth:
        depth += {"{": 1, "}": -1}.get(js[at], 0)
        at += 1
    return js[found.end() : at - 1]


LAYOUT_READS = re.compile(
    r"getBoundingClientRect|getClientRects|getComputedStyle|offset(Width|Height|Top|Left)|client(Width|Height)"
    r"|scroll(Width|Height|Top)|\.click\(|dispatchEvent|MutationObserver|ResizeObserver|IntersectionObserver"
    r"|document\.(querySelector|getElement)|data-testid"
)


def test_the_shell_has_one_countdown_timer_that_only_writes_its_own_line():
    js = code_text(SHELL_JS)
    assert len(re.findall(r"\bsetInterval\s*\(", js)) <= 1
    assert not re.search(r"\b(setTimeout|requestAnimationFrame|requestIdleCallback)\s*\(", js)
    assert not LAYOUT_READS.search(js), LAYOUT_READS.search(js)
    for timer in re.findall(r"\bsetInterval\s*\(\s*(\w+)", js):
        body = function_body(js, timer)
        assert not re.search(r"\b(document|window|parentElement|querySelector\w*)\b", body), body
        written = set(re.findall(r"([\w.]+)\s*=(?!=)", body)) - {"const", "let"}
        assert written <= {"left", "line.textContent", "askedFor"}, written


def test_the_scanners_catch_a_polling_timer_and_a_layout_read():
    polling = "const poll = () => { document.querySelector('[data-testid=stApp]').click(); }; setInterval(poll, 500);"
    assert LAYOUT_READS.search(polling)
    assert re.search(r"\b(document|window)\b", function_body(polling, "poll"))


def calls(tree: ast.AST, name: str):
    """Calls of st.<name>(...) (or <anything>.<name>) in a module."""
    return [n for n in ast.walk(tree) if isinstance(n, ast.Call) and isinstance(n.func, ast.Attribute) and n.func.attr == name]


def test_every_html_the_app_passes_streamlit_is_static():
    for path in (p for p in APP_CODE if p.suffix == ".py"):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        assert not [c for c in ast.walk(tree) if isinstance(c, ast.keyword) and c.arg == "unsafe_allow_html"], path
        for call in calls(tree, "html"):
            (given,) = call.args
            static = isinstance(given, ast.Constant) or (
                isinstance(given, ast.Call)
                and isinstance(given.func, ast.Attribute)
                and isinstance(given.func.value, ast.Name)
                and given.func.value.id == "style"
            )
            assert static, f"{path.relative_to(ROOT)}:{call.lineno}: st.html of something other than style.py's CSS"
    # style.py's CSS is made of its own constants, whatever the mode: nothing from the data or the reader reaches it
    constants = sorted((v for k, v in vars(style).items() if not k.startswith("__") and isinstance(v, str)), key=len)
    for presenting in (False, True):
        css = style.screen_css(presenting)
        inner = css.removeprefix("<style>").removesuffix("</style>")
        assert css.startswith("<style>") and css.endswith("</style>") and "<" not in inner
        for constant in reversed(constants):
            inner = inner.replace(constant, "")
        assert not inner.strip(), f"not from style.py's constants: {inner!r}"
    imported = {
        n.module for n in ast.walk(ast.parse(Path(style.__file__).read_text(encoding="utf-8"))) if isinstance(n, ast.ImportFrom)
    }
    assert imported <= {"__future__"}, "style.py reads nothing"


def test_pages_hold_no_parsing_or_styling():
    for path in sorted((ROOT / "pages").glob("*.py")):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        imported = {a.name.split(".")[0] for n in ast.walk(tree) if isinstance(n, ast.Import) for a in n.names}
        imported |= {n.module.split(".")[0] for n in ast.walk(tree) if isinstance(n, ast.ImportFrom) and n.module}
        where = path.relative_to(ROOT)
        assert not imported & {"pandas", "re", "csv", "json", "numpy", "altair"}, f"{where}: {imported}"
        assert not calls(tree, "html"), f"{where}: st.html"
        assert not [k for k in ast.walk(tree) if isinstance(k, ast.keyword) and k.arg == "unsafe_allow_html"], where
        markup = [
            c.lineno
            for c in calls(tree, "markdown")
            for n in ast.walk(c)
            if isinstance(n, ast.Constant) and re.search(r"<[a-z/]", str(n.value))
        ]
        assert not markup, f"{where}:{markup}: HTML in Markdown"
