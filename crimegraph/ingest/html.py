"""HTML pages: main text by trafilatura, metadata from the page's own tags.

Date, in order: ``article:published_time`` (and its og/itemprop variants), JSON-LD
``datePublished``, other publication meta tags, a ``<time datetime>`` (inside ``<article>``
first), and only then htmldate's markup-only guess. Title: ``og:title``, JSON-LD
``headline``, ``twitter:title``, ``<h1>``, ``<title>``. URL: ``og:url``, canonical link,
JSON-LD ``url``. Source: ``og:site_name``, JSON-LD publisher.
"""

from __future__ import annotations

import codecs
import json
import logging
import re
from collections.abc import Iterator

import lxml.etree
import lxml.html

from crimegraph.errors import InputError
from crimegraph.ingest.dates import parse_date
from crimegraph.ingest.decoding import bom_encoding, decode
from crimegraph.ingest.record import RawRecord

__all__ = ["read_html", "html_encoding", "fragment_to_text"]

logger = logging.getLogger(__name__)

_META_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9_:.-]+)""", re.I)
_DATE_META = ("article:published_time", "og:article:published_time", "og:published_time", "datepublished")
_DATE_META_LATE = (
    "pubdate", "publishdate", "publish-date", "publish_date", "date", "dc.date.issued", "dcterms.issued",
    "dc.date", "dcterms.date", "sailthru.date", "parsely-pub-date", "article.published", "citation_publication_date",
)
_BLOCK_TAGS = frozenset("p div br li h1 h2 h3 h4 h5 h6 blockquote tr section article header footer pre ul ol table".split())


def html_encoding(data: bytes, encoding: str | None) -> str | None:
    """The encoding to decode a page with: given, BOM, or declared in a meta tag."""
    if encoding:
        return encoding
    if bom_encoding(data[:4]):
        return None
    match = _META_CHARSET.search(data[:4096])
    if match:
        try:
            return codecs.lookup(match[1].decode("ascii")).name
        except LookupError:
            logger.debug("unknown declared charset %r", match[1])
    return None


def _meta(tree: lxml.html.HtmlElement) -> dict[str, str]:
    """Lower-cased meta names/properties/itemprops to their first non-empty content."""
    out: dict[str, str] = {}
    for node in tree.iter("meta"):
        key = node.get("property") or node.get("name") or node.get("itemprop")
        value = node.get("content") or node.get("datetime")
        if key and value and value.strip():
            out.setdefault(key.strip().lower(), value.strip())
    return out


def _json_ld(tree: lxml.html.HtmlElement) -> Iterator[dict]:
    """Every JSON-LD object on the page, flattening lists and @graph."""
    for script in tree.iter("script"):
        if (script.get("type") or "").strip().lower() != "application/ld+json" or not script.text:
            continue
        try:
            data = json.loads(script.text)
        except json.JSONDecodeError:
            logger.debug("skipping malformed JSON-LD block")
            continue
        stack = [data]
        while stack:
            node = stack.pop(0)
            if isinstance(node, list):
                stack.extend(node)
            elif isinstance(node, dict):
                yield node
                if isinstance(node.get("@graph"), list):
                    stack.extend(node["@graph"])


def _ld_value(objects: list[dict], key: str) -> str | None:
    for obj in objects:
        value = obj.get(key)
        if isinstance(value, dict):
            value = value.get("name") or value.get("@id") or value.get("url")
        if isinstance(value, list) and value:
            value = value[0]
        if isinstance(value, str) and value.strip():
            return value.strip()
    return None


def _first_text(tree: lxml.html.HtmlElement, xpath: str) -> str | None:
    for node in tree.xpath(xpath):
        text = " ".join(node.text_content().split())
        if text:
            return text
    return None


def _date_candidates(tree: lxml.html.HtmlElement, meta: dict[str, str], ld: list[dict]) -> Iterator[str]:
    for key in _DATE_META:
        if key in meta:
            yield meta[key]
    value = _ld_value(ld, "datePublished")
    if value:
        yield value
    for key in _DATE_META_LATE:
        if key in meta:
            yield meta[key]
    for xpath in ("//article//time[@datetime]", "//time[@datetime]"):
        for node in tree.xpath(xpath):
            yield node.get("datetime")


def _published(tree: lxml.html.HtmlElement, meta: dict[str, str], ld: list[dict], item: str) -> object:
    first = None
    for candidate in _date_candidates(tree, meta, ld):
        first = first or candidate
        if parse_date(candidate) is not None:
            return candidate
    if first is not None:
        return first  # unreadable: build_document logs it and keeps the document undated
    from htmldate import find_date

    guess = find_date(tree, extensive_search=False, original_date=True)
    if guess:
        logger.info("%s: no date meta tag; htmldate markup guess %s", item, guess)
    return guess


def _title(tree: lxml.html.HtmlElement, meta: dict[str, str], ld: list[dict], site: str | None) -> str | None:
    title = meta.get("og:title") or _ld_value(ld, "headline") or meta.get("twitter:title")
    if not title:
        title = _first_text(tree, "//article//h1") or _first_text(tree, "//h1")
    if not title:
        title = _first_text(tree, "//title")
        if title and site:
            for sep in (" | ", " - ", " – ", " — ", " :: "):
                if title.endswith(sep + site):
                    title = title[: -len(sep + site)]
    return title


def _url(tree: lxml.html.HtmlElement, meta: dict[str, str], ld: list[dict]) -> str | None:
    if meta.get("og:url"):
        return meta["og:url"]
    for node in tree.xpath("//link[@href]"):
        if "canonical" in (node.get("rel") or "").lower().split():
            return node.get("href")
    return _ld_value(ld, "url") or _ld_value(ld, "mainEntityOfPage")


def fragment_to_text(markup: str) -> str:
    """Text of an HTML fragment (a feed entry's content) with block elements as line breaks."""
    if "<" not in markup:
        return markup
    try:
        root = lxml.html.fragment_fromstring(markup, create_parent="div")
    except (lxml.etree.ParserError, ValueError):
        return re.sub(r"<[^>]+>", " ", markup)
    for bad in root.xpath(".//script|.//style"):
        bad.drop_tree()
    parts: list[str] = []
    for event, node in lxml.etree.iterwalk(root, events=("start", "end")):
        if not isinstance(node.tag, str):
            continue
        if event == "start":
            if node.tag in _BLOCK_TAGS:
                parts.append("\n")
            if node.text:
                parts.append(node.text)
        else:
            if node.tag in _BLOCK_TAGS:
                parts.append("\n")
            if node.tail:
                parts.append(node.tail)
    return "".join(parts)


def read_html(data: bytes, item: str, encoding: str | None = None) -> RawRecord:
    """One report from the bytes of an HTML page; InputError when nothing usable is in it."""
    import trafilatura

    text = decode(data, item, html_encoding(data, encoding))
    parser = lxml.html.HTMLParser(encoding="utf-8", remove_comments=True)
    try:
        tree = lxml.html.document_fromstring(text.encode("utf-8"), parser=parser)
    except (lxml.etree.ParserError, ValueError) as exc:
        raise InputError(item, f"malformed HTML: {exc}") from exc
    if tree is None or tree.find(".//body") is None and not tree.text_content().strip():
        raise InputError(item, "malformed HTML: no document body")
    meta = _meta(tree)
    ld = list(_json_ld(tree))
    site = meta.get("og:site_name") or _ld_value(ld, "publisher") or meta.get("application-name")
    title = _title(tree, meta, ld, site)
    published = _published(tree, meta, ld, item)
    url = _url(tree, meta, ld)
    body = trafilatura.extract(
        tree, url=url, include_comments=False, include_tables=True, include_images=False,
        with_metadata=False, output_format="txt", deduplicate=False,
    )
    if not body or not body.strip():
        raise InputError(item, "malformed HTML: no main text found in the page")
    first, _, rest = body.strip().partition("\n")
    if title and rest and " ".join(first.split()).casefold() == " ".join(title.split()).casefold():
        body = rest
    return RawRecord(origin=f"{item}:1", text=body, title=title, published=published, url=url, source=site)
