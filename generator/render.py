"""The one Jinja2 environment that turns page models into Markdown.

Two kinds of template share it, and escaping is decided here, once, by the kind:
- Markdown templates (``*.md.j2``): every ``{{ value }}`` is escaped for HTML (``<``, ``&``, quotes) and for
  Markdown (``*``, ``_``, ``[``, ``|``, backticks, ...) by replacing each special character with its numeric
  character reference (``finalize``). Python-Markdown leaves references alone and the browser shows the
  character, so a crawled title ``<script>`` or a campaign named ``[x](javascript:…)`` shows as text.
- HTML templates (``*.html.j2``, the layout of tables, cards, details and charts): autoescaped for HTML, as
  markupsafe does. Markdown never parses them: the page template puts each block on one line, a raw HTML
  block (a blank line from data would end it early, so line breaks inside a block become spaces).
Values already :class:`markupsafe.Markup` (a block's output) pass through unchanged.
"""

from __future__ import annotations

from pathlib import Path

from jinja2 import Environment, FileSystemLoader, StrictUndefined, pass_eval_context
from markupsafe import Markup

from generator.report.model import Link, Rich

TEMPLATES = Path(__file__).parent / "templates"

# Characters that mean something to HTML or to Markdown (incl. tables, attr_list, admonitions, toc).
_SPECIALS = "&<>\"'\\`*_{}[]()#+-.!|:~=^$@%"
_TABLE = {ord(c): f"&#{ord(c)};" for c in _SPECIALS}
_TABLE.update({ord("\n"): " ", ord("\r"): " ", ord("\t"): " ", 0: "\ufffd"})


def md_escape(value: object) -> Markup:
    """Plain text -> text safe inline in Markdown and HTML (renders as the same characters)."""
    if isinstance(value, Markup):
        return value
    return Markup(str(value).translate(_TABLE))


@pass_eval_context
def _finalize(eval_ctx, value: object) -> object:
    if value is None:
        return ""
    if eval_ctx.autoescape:  # an HTML template: autoescape does the HTML escaping
        return value
    return md_escape(value)


def one_line(html: object) -> Markup:
    """An HTML block on one line, so that Markdown keeps it whole."""
    return Markup(str(html).replace("\r", " ").replace("\n", " "))


def environment() -> Environment:
    env = Environment(
        loader=FileSystemLoader(str(TEMPLATES)),
        autoescape=lambda name: bool(name and name.endswith(".html.j2")),
        finalize=_finalize,
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )
    env.filters.update(hashes=lambda n: Markup("#" * max(1, min(int(n), 6))), md=md_escape, oneline=one_line,
                       zip=lambda a, b: zip(a, b, strict=False))
    env.tests.update(link=lambda v: isinstance(v, Link), rich=lambda v: isinstance(v, Rich))
    return env


_ENV: Environment | None = None


def render(template: str, **context: object) -> str:
    """Render one template of generator/templates with the shared environment."""
    global _ENV
    if _ENV is None:
        _ENV = environment()
    return _ENV.get_template(template).render(**context)
