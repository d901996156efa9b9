"""The deck's template: python-pptx's own blank template with the app's palette and typefaces in its theme (Latin text
in Arial, Chinese in Microsoft YaHei, which Windows and WPS have; LibreOffice substitutes another Chinese sans) and the
palette band along the top of its master, so every slide, and every slide a user adds, has them. Made by editing the
package's XML parts (the OOXML format, not python-pptx's internals), once per process."""

from __future__ import annotations

import io
import zipfile
from functools import cache
from pathlib import Path

import pptx
from lxml import etree

from components.charts.theme import INK, PALETTE

A = "http://schemas.openxmlformats.org/drawingml/2006/main"
P = "http://schemas.openxmlformats.org/presentationml/2006/main"
PRIMARY, PANEL, WHITE = "0B5CAD", "F2F5F8", "FFFFFF"
LATIN, EAST_ASIAN = "Arial", "Microsoft YaHei"
BAND_EMU = 118872  # the band's height: 0.13 in, as EMU in the master's own XML
SLIDE_WIDTH_EMU = 12192000  # 16:9 at PowerPoint's widescreen size (13.333 in)


def _q(ns: str, tag: str) -> str:
    return f"{{{ns}}}{tag}"


def _theme(xml: bytes) -> bytes:
    root = etree.fromstring(xml)
    scheme = {"dk1": INK["light"].lstrip("#"), "lt1": WHITE, "dk2": PRIMARY, "lt2": PANEL}
    scheme.update({f"accent{i + 1}": c.lstrip("#") for i, c in enumerate(PALETTE)})
    for name, colour in scheme.items():
        slot = root.find(f".//{_q(A, 'clrScheme')}/{_q(A, name)}")
        if slot is not None:
            for child in list(slot):
                slot.remove(child)
            etree.SubElement(slot, _q(A, "srgbClr"), val=colour)
    for kind in ("majorFont", "minorFont"):
        fonts = root.find(f".//{_q(A, kind)}")
        if fonts is None:
            continue
        fonts.find(_q(A, "latin")).set("typeface", LATIN)
        fonts.find(_q(A, "ea")).set("typeface", EAST_ASIAN)
        for script in fonts.findall(_q(A, "font")):
            if script.get("script") in ("Hans", "Hant"):
                script.set("typeface", EAST_ASIAN)
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)


BAND = f"""<p:sp xmlns:p="{P}" xmlns:a="{A}"><p:nvSpPr><p:cNvPr id="90" name="Band"/><p:cNvSpPr/><p:nvPr userDrawn="1"/></p:nvSpPr>
<p:spPr><a:xfrm><a:off x="0" y="0"/><a:ext cx="{SLIDE_WIDTH_EMU}" cy="{BAND_EMU}"/></a:xfrm><a:prstGeom prst="rect"><a:avLst/></a:prstGeom>
<a:solidFill><a:srgbClr val="{PRIMARY}"/></a:solidFill><a:ln><a:noFill/></a:ln></p:spPr></p:sp>"""


def _master(xml: bytes) -> bytes:
    root = etree.fromstring(xml)
    tree = root.find(f".//{_q(P, 'spTree')}")
    tree.append(etree.fromstring(BAND))
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)


@cache
def template() -> bytes:
    """The template as a .pptx file's bytes."""
    source = Path(pptx.__file__).parent / "templates" / "default.pptx"
    out = io.BytesIO()
    with zipfile.ZipFile(source) as original, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as made:
        for info in original.infolist():
            data = original.read(info.filename)
            if info.filename == "ppt/theme/theme1.xml":
                data = _theme(data)
            elif info.filename == "ppt/slideMasters/slideMaster1.xml":
                data = _master(data)
            made.writestr(info, data)
    return out.getvalue()
