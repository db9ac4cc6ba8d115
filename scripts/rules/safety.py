"""Safety: no raw HTML or URL that can run code. Codes E4xx."""

from __future__ import annotations

from collections.abc import Iterator
from html.parser import HTMLParser

from kb import LANGUAGES, Finding, KnowledgeBase

UNSAFE_TAGS = {"script", "iframe", "frame", "frameset", "object", "embed", "applet", "base"}
URL_ATTRIBUTES = {"href", "src", "action", "formaction", "xlink:href", "data", "poster"}
UNSAFE_SCHEMES = ("javascript:", "vbscript:", "data:text/html")


class _TagCollector(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[tuple[str, list[tuple[str, str | None]], int]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, attrs, self.getpos()[0]))

    handle_startendtag = handle_starttag


def _unsafe_url(value: str | None) -> bool:
    cleaned = "".join((value or "").split()).lower()
    return cleaned.startswith(UNSAFE_SCHEMES)


def check_html(kb: KnowledgeBase) -> Iterator[Finding]:
    for lang in LANGUAGES:
        for page in kb.pages[lang].values():
            for chunk in page.html:
                collector = _TagCollector()
                collector.feed(chunk.html)
                collector.close()
                for tag, attrs, offset in collector.tags:
                    line = chunk.line + offset - 1
                    if tag in UNSAFE_TAGS:
                        yield Finding(page.display, line, "E400", f"raw HTML <{tag}> is not allowed (it can run code)")
                    for name, value in attrs:
                        if name.startswith("on"):
                            yield Finding(
                                page.display,
                                line,
                                "E401",
                                f"event handler attribute '{name}' on <{tag}> is not allowed",
                            )
                        elif name in URL_ATTRIBUTES and _unsafe_url(value):
                            yield Finding(
                                page.display,
                                line,
                                "E402",
                                f"<{tag} {name}=...> uses a script URL, which is not allowed",
                            )
            for link in page.links:
                if _unsafe_url(link.target):
                    yield Finding(
                        page.display,
                        link.line,
                        "E402",
                        f"link '{link.target[:40]}' uses a script URL, which is not allowed",
                    )


RULES = (check_html,)
