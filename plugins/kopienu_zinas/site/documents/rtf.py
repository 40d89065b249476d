"""The personal fields of an RTF document, read by RTF's own grammar (RTF 1.9.1: "Information
Group", "Annotations", "Revision Marks"): a tokenizer of control words, hex escapes, groups and
text, keeping the text of the destinations that name people."""

from __future__ import annotations

import re

from .fields import HOME_FOLDER, windows_codec

#: RTF destinations that hold a person or an organisation: the information group's
#: `\author`, `\operator` (last saved by), `\company`, `\manager`; an annotation's
#: `\atnauthor`; the revision table's authors (`\revtbl`, one group each).
RTF_FIELDS = {"author": "Author", "operator": "LastModifiedBy", "company": "Company",
              "manager": "Manager", "atnauthor": "Reviewer", "revtbl": "Reviewer"}
_RTF_TOKEN = re.compile(rb"\\([a-zA-Z]{1,32})(-?\d{1,10})? ?|\\'([0-9a-fA-F]{2})|\\(.)|([{}])"
                        rb"|([^\\{}\r\n]+)|[\r\n]+", re.DOTALL)


def rtf_fields(data: bytes) -> list[tuple[str, str]]:
    """An RTF document's personal fields (:data:`RTF_FIELDS`), in file order: each
    destination's text with `\\'hh` decoded in the document's `\\ansicpg` code page and
    `\\uN` as Unicode (skipping its `\\ucN` fallback characters), and a user's folder in its
    `\\template`. `\\binN` data is skipped."""
    found: list[tuple[str, str]] = []
    groups: list[tuple[str, bool, list[str]]] = [("", False, [])]  # destination, own, text
    codec, fallback, skip, position = "cp1252", 1, 0, 0
    while position < len(data):
        token = _RTF_TOKEN.match(data, position)
        if token is None:  # a lone backslash at the end
            break
        position = token.end()
        word, number, hexa, symbol, brace, text = token.groups()
        destination, own, held = groups[-1]
        if skip and (hexa or text):
            if text and len(text) > skip:  # the rest of the run is text again
                text, skip = text[skip:], 0
            else:
                skip -= len(text) if text else 1
                continue
        if brace == b"{":
            groups.append((destination, False, []))
        elif brace == b"}" and len(groups) > 1:
            groups.pop()
            value = "".join(held).strip().rstrip(";").strip()
            parent, parent_own, parent_held = groups[-1]
            if own and destination == "template":
                found += [("Path", folder) for folder in HOME_FOLDER.findall(value)]
            elif own and destination in RTF_FIELDS and destination != "revtbl" and value:
                found.append((RTF_FIELDS[destination], value))
            elif parent == "revtbl" and parent_own and value:
                found.append((RTF_FIELDS[parent], value))
            elif destination:
                parent_held.extend(held)
        elif word:
            name = word.decode()
            if name in RTF_FIELDS or name == "template":
                groups[-1] = (name, True, held)
            elif name == "ansicpg" and number:
                codec = windows_codec(int(number))
            elif name == "uc" and number:
                fallback = int(number)
            elif name == "u" and number and destination:
                held.append(chr(int(number) % 0x10000))
                skip = fallback
            elif name == "u":
                skip = fallback
            elif name == "bin" and number:
                position += max(int(number), 0)
        elif destination and hexa:
            held.append(bytes.fromhex(hexa.decode()).decode(codec, errors="replace"))
        elif destination and symbol in (b"\\", b"{", b"}"):
            held.append(symbol.decode())
        elif destination and symbol == b"~":
            held.append(" ")
        elif destination and text:
            held.append(text.decode(codec, errors="replace"))
    return found
