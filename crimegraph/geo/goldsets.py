"""Readers for the toponym resolution gold sets (LGL, GeoWebNews, GeoVirus XML)."""

from __future__ import annotations

import xml.etree.ElementTree as ET
from dataclasses import dataclass
from pathlib import Path

from crimegraph.errors import InputError

__all__ = ["GoldToponym", "GoldDoc", "read_geo_corpus"]


@dataclass(frozen=True)
class GoldToponym:
    start: int
    end: int
    text: str
    lat: float | None  # None: annotated as a toponym but without coordinates
    lon: float | None
    geonameid: int | None


@dataclass(frozen=True)
class GoldDoc:
    id: str
    text: str
    toponyms: tuple[GoldToponym, ...]


def _float(value: str | None) -> float | None:
    value = (value or "").strip()
    return float(value) if value else None


def _int(value: str | None) -> int | None:
    value = (value or "").strip()
    return int(value) if value.isdigit() else None


def _lgl(root: ET.Element) -> list[GoldDoc]:
    docs = []
    for art in root.iter("article"):
        tops = []
        for t in art.iter("toponym"):
            gaz = t.find("gaztag")
            lat = lon = gid = None
            if gaz is not None:
                lat, lon, gid = _float(gaz.findtext("lat")), _float(gaz.findtext("lon")), _int(gaz.get("geonameid"))
            tops.append(GoldToponym(int(t.findtext("start")), int(t.findtext("end")), t.findtext("phrase") or "", lat, lon, gid))
        docs.append(GoldDoc(art.get("docid") or str(len(docs)), art.findtext("text") or "", tuple(tops)))
    return docs


def _gwn(root: ET.Element) -> list[GoldDoc]:
    docs = []
    for art in root.iter("article"):
        tops = []
        for t in art.iter("toponym"):
            tops.append(
                GoldToponym(
                    int(t.findtext("start")), int(t.findtext("end")), t.findtext("extractedName") or "",
                    _float(t.findtext("latitude")), _float(t.findtext("longitude")), _int(t.findtext("geonamesID")),
                )
            )
        docs.append(GoldDoc(art.get("file") or str(len(docs)), art.findtext("text") or "", tuple(tops)))
    return docs


def _geovirus(root: ET.Element) -> list[GoldDoc]:
    docs = []
    for art in root.iter("article"):
        tops = []
        for t in art.iter("location"):
            tops.append(
                GoldToponym(
                    int(t.findtext("start")), int(t.findtext("end")), t.findtext("name") or "",
                    _float(t.findtext("lat")), _float(t.findtext("lon")), None,
                )
            )
        docs.append(GoldDoc(str(len(docs)), art.findtext("text") or "", tuple(tops)))
    return docs


def _realign(doc: GoldDoc) -> GoldDoc:
    """Fix annotations whose offsets are shifted (GeoVirus counts from 1; a few GeoWebNews
    spans are off): look for the phrase near the given offset; drop it if absent."""
    fixed = []
    for t in doc.toponyms:
        if doc.text[t.start:t.end] != t.text:
            hits = [i for i in (t.start - 1, t.start + 1, t.start - 2, t.start + 2) if doc.text[i : i + len(t.text)] == t.text]
            if not hits:
                continue
            t = GoldToponym(hits[0], hits[0] + len(t.text), t.text, t.lat, t.lon, t.geonameid)
        fixed.append(t)
    return GoldDoc(doc.id, doc.text, tuple(fixed))


def read_geo_corpus(path: Path) -> list[GoldDoc]:
    """Read one gold set; the format is recognised from its elements."""
    path = Path(path)
    try:
        root = ET.parse(path).getroot()
    except (OSError, ET.ParseError) as exc:
        raise InputError(str(path), f"cannot read the geoparsing corpus ({exc})") from exc
    if root.find(".//gaztag") is not None or root.find(".//article/toponyms/toponym/phrase") is not None:
        return [_realign(d) for d in _lgl(root)]
    if root.find(".//location") is not None:
        return [_realign(d) for d in _geovirus(root)]
    if root.find(".//toponym/extractedName") is not None:
        return [_realign(d) for d in _gwn(root)]
    raise InputError(str(path), "not an LGL, GeoWebNews or GeoVirus XML file")
