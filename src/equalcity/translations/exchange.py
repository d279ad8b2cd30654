"""Files exchanged with professional translators: XLIFF 1.2, XLIFF 2.0 and gettext PO.

Reading and writing goes through translate-toolkit (XLIFF) and polib (PO). The file names the
toolbox (XLIFF ``original`` / file ``id``, PO ``X-Equalcity-Toolbox`` header) and the target
language, so a file returned for another toolbox or language is refused as a whole.
"""

import re
from dataclasses import dataclass, field

import polib
from translate.storage import xliff, xliff2

FORMATS = {"xliff12": "xlf", "xliff2": "xlf", "po": "po"}
CONTENT_TYPES = {
    "xliff12": "application/xliff+xml",
    "xliff2": "application/xliff+xml",
    "po": "text/x-gettext-translation",
}


class Xliff12File(xliff.xlifffile):
    """translate-toolkit writes XLIFF 1.1 by default; the same structure in the 1.2 namespace."""

    XMLskeleton = """<?xml version="1.0" ?>
<xliff version='1.2' xmlns='urn:oasis:names:tc:xliff:document:1.2'>
<file original='NoName' source-language='en' datatype='plaintext'>
<body>
</body>
</file>
</xliff>"""
    namespace = "urn:oasis:names:tc:xliff:document:1.2"


@dataclass
class ReadUnit:
    id: str
    source: str
    target: str
    notes: str = ""


@dataclass
class ReadFile:
    toolbox: str
    language: str
    units: list[ReadUnit] = field(default_factory=list)


class UnreadableFile(ValueError):
    pass


def file_name(slug: str, language: str, fmt: str) -> str:
    return f"{slug}.{language}.{FORMATS[fmt]}"


def write(*, slug: str, source_language: str, language: str, units, fmt: str) -> bytes:
    """``units``: (unit, existing translation text, label) triples."""
    if fmt == "po":
        catalogue = polib.POFile()
        catalogue.metadata = {
            "Content-Type": "text/plain; charset=UTF-8",
            "Language": language,
            "X-Equalcity-Toolbox": slug,
            "X-Source-Language": source_language,
        }
        for unit, text, label in units:
            catalogue.append(
                polib.POEntry(msgctxt=unit.id, msgid=unit.text, msgstr=text, comment=label)
            )
        return str(catalogue).encode("utf-8")
    store = Xliff12File(sourcelanguage=source_language) if fmt == "xliff12" else xliff2.Xliff2File()
    store.setsourcelanguage(source_language)
    store.settargetlanguage(language)
    for unit, text, label in units:
        item = store.addsourceunit(unit.text)
        item.setid(unit.id)
        if text:
            item.target = text
        item.addnote(label, origin="developer")
    if fmt == "xliff12":
        store.getfilenode("NoName").set("original", slug)
    else:
        store.document.getroot()[0].set("id", slug)
    return bytes(store)


def _xliff_id(item) -> str:
    # translate-toolkit prefixes ids with the file name and \x04.
    return item.getid().split("\x04")[-1]


def read(content: bytes, *, fmt: str) -> ReadFile:
    try:
        if fmt == "po":
            catalogue = polib.pofile(content.decode("utf-8"))
            result = ReadFile(
                catalogue.metadata.get("X-Equalcity-Toolbox", ""),
                catalogue.metadata.get("Language", ""),
            )
            for entry in catalogue:
                if entry.obsolete:
                    continue
                target = "" if "fuzzy" in entry.flags else entry.msgstr
                result.units.append(
                    ReadUnit(entry.msgctxt or "", entry.msgid, target, entry.tcomment or "")
                )
            return result
        if b"urn:oasis:names:tc:xliff:document:2" in content:
            store = xliff2.Xliff2File.parsestring(content)
        else:
            store = xliff.xlifffile.parsestring(content)
        names = store.getfilenames()
        result = ReadFile(names[0] if names else "", store.gettargetlanguage() or "")
        for item in store.unit_iter():
            notes = item.getnotes() if hasattr(item, "getnotes") else ""
            result.units.append(
                ReadUnit(_xliff_id(item), item.source or "", item.target or "", notes)
            )
        return result
    except (UnicodeDecodeError, OSError, ValueError, SyntaxError) as error:
        raise UnreadableFile(str(error)) from error
    except Exception as error:  # noqa: BLE001 - lxml and the toolkit raise many kinds
        raise UnreadableFile(str(error)) from error


# Placeholders and inline markup a translation must keep: printf/format placeholders,
# {curly} variables, Markdown links' targets, inline code and emphasis markers.
_PLACEHOLDER = re.compile(r"%\([a-z_]+\)[sd]|%[sd]|\{[a-z_0-9]+\}")
_LINK_TARGET = re.compile(r"\]\(([^)\s]+)\)")
_CODE = re.compile(r"`[^`]+`")


def lost_markup(source: str, target: str) -> list[str]:
    """What of the source's placeholders and inline markup is missing from the target."""
    missing = []
    for pattern in (_PLACEHOLDER, _LINK_TARGET, _CODE):
        wanted = sorted(pattern.findall(source))
        found = pattern.findall(target)
        for token in wanted:
            if token in found:
                found.remove(token)
            else:
                missing.append(token)
    if target.count("**") < source.count("**"):
        missing.append("**")
    return missing
