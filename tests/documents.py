"""Documents as Word, LibreOffice and Acrobat write them, built by hand (no office suite in
the tests): the parts and fields where each keeps its authors' names, as in files saved by
Word for Microsoft 365, LibreOffice 7 and exported PDFs."""

from __future__ import annotations

import struct
import uuid
import zipfile
from pathlib import Path

import olefile

CORE = ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
        '<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/'
        'core-properties" xmlns:dc="http://purl.org/dc/elements/1.1/" '
        'xmlns:dcterms="http://purl.org/dc/terms/" '
        'xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"><dc:title>Tirgus plāns</dc:title>'
        '<dc:creator>{author}</dc:creator><cp:lastModifiedBy>{editor}</cp:lastModifiedBy>'
        '<cp:revision>3</cp:revision><dcterms:created xsi:type="dcterms:W3CDTF">'
        '2026-03-05T08:15:00Z</dcterms:created></cp:coreProperties>')
APP = ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
       '<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/extended-'
       'properties"><Template>Normal.dotm</Template><Application>Microsoft Office Word'
       '</Application>{company}</Properties>')
W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
DOCUMENT = (f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<w:document xmlns:w="{W}">'
            '<w:body><w:p><w:r><w:t>Tirgus notiks sestdien.</w:t></w:r>{change}</w:p>'
            '</w:body></w:document>')
COMMENTS = (f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<w:comments xmlns:w="{W}">'
            '<w:comment w:id="0" w:author="{reviewer}" w:date="2026-03-06T09:00:00Z" '
            'w:initials="AO"><w:p><w:r><w:t>Pārbaudīt laiku</w:t></w:r></w:p></w:comment>'
            '</w:comments>')
SETTINGS_RELS = ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<Relationships '
                 'xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
                 '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/'
                 'officeDocument/2006/relationships/attachedTemplate" Target="{template}" '
                 'TargetMode="External"/></Relationships>')


def word_document(path: Path, *, author: str = "", editor: str = "", company: str = "",
                  reviewer: str = "", changed_by: str = "", template: str = "") -> Path:
    """A .docx as Word saves it: Author and LastModifiedBy (docProps/core.xml, the Windows
    user's name), Company (docProps/app.xml), a comment's author, a tracked insertion's
    author (w:ins w:author), the attached template's path (word/_rels/settings.xml.rels).
    Empty arguments leave the field empty or out, as Word's Document Inspector does."""
    change = (f'<w:ins w:id="1" w:author="{changed_by}" w:date="2026-03-06T09:05:00Z">'
              '<w:r><w:t> plkst. 10</w:t></w:r></w:ins>') if changed_by else ""
    parts = {"docProps/core.xml": CORE.format(author=author, editor=editor),
             "docProps/app.xml": APP.format(company=f"<Company>{company}</Company>"
                                            if company else ""),
             "word/document.xml": DOCUMENT.format(change=change)}
    if reviewer:
        parts["word/comments.xml"] = COMMENTS.format(reviewer=reviewer)
    if template:
        parts["word/_rels/settings.xml.rels"] = SETTINGS_RELS.format(template=template)
    return _package(path, parts)


def spreadsheet_with_comment(path: Path, author: str) -> Path:
    """An .xlsx whose cell comment names its author (xl/comments1.xml `<authors>`)."""
    return _package(path, {
        "docProps/core.xml": CORE.format(author="", editor=""),
        "xl/comments1.xml": ('<comments xmlns="http://schemas.openxmlformats.org/'
                             f'spreadsheetml/2006/main"><authors><author>{author}</author>'
                             '</authors><commentList/></comments>')})


def slides_with_comment(path: Path, author: str) -> Path:
    """A .pptx whose comment authors are listed in ppt/commentAuthors.xml (`p:cmAuthor`)."""
    return _package(path, {
        "docProps/core.xml": CORE.format(author="", editor=""),
        "ppt/commentAuthors.xml": ('<p:cmAuthorLst xmlns:p="http://schemas.openxmlformats.org/'
                                   f'presentationml/2006/main"><p:cmAuthor id="1" name="{author}" '
                                   'initials="JB" lastIdx="1" clrIdx="0"/></p:cmAuthorLst>')})


def odf_text(path: Path, *, initial_creator: str = "", creator: str = "",
             annotator: str = "") -> Path:
    """An .odt as LibreOffice saves it: meta:initial-creator and dc:creator in meta.xml, a
    comment (office:annotation) with its dc:creator in content.xml."""
    office = "urn:oasis:names:tc:opendocument:xmlns:office:1.0"
    meta = (f'<office:document-meta xmlns:office="{office}" '
            'xmlns:meta="urn:oasis:names:tc:opendocument:xmlns:meta:1.0" '
            'xmlns:dc="http://purl.org/dc/elements/1.1/"><office:meta>'
            '<meta:generator>LibreOffice/7.6</meta:generator>'
            + (f"<meta:initial-creator>{initial_creator}</meta:initial-creator>"
               if initial_creator else "")
            + (f"<dc:creator>{creator}</dc:creator>" if creator else "")
            + "</office:meta></office:document-meta>")
    note = (f"<office:annotation><dc:creator>{annotator}</dc:creator><dc:date>"
            "2026-03-06T09:00:00</dc:date><text:p>Labot</text:p></office:annotation>"
            if annotator else "")
    content = (f'<office:document-content xmlns:office="{office}" '
               'xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" '
               'xmlns:dc="http://purl.org/dc/elements/1.1/"><office:body><office:text>'
               f"<text:p>Tirgus{note} notiks sestdien.</text:p></office:text></office:body>"
               "</office:document-content>")
    return _package(path, {"meta.xml": meta, "content.xml": content},
                    mimetype="application/vnd.oasis.opendocument.text")


def _package(path: Path, parts: dict[str, str], mimetype: str = "") -> Path:
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as package:
        if mimetype:  # ODF: first, stored
            package.writestr(zipfile.ZipInfo("mimetype"), mimetype)
        for name, text in parts.items():
            package.writestr(name, text.encode("utf-8"))
    return path


def _pdf_text(text: str) -> bytes:
    """A PDF text string: UTF-16BE with its byte-order mark, as Word writes non-ASCII names."""
    return b"<FEFF" + text.encode("utf-16-be").hex().upper().encode() + b">"


def pdf_document(path: Path, *, author: str = "", xmp_creator: str = "", reviewer: str = "",
                 title: str = "") -> Path:
    """Write :func:`pdf_bytes` to `path`."""
    path.write_bytes(pdf_bytes(author=author, xmp_creator=xmp_creator, reviewer=reviewer,
                               title=title))
    return path


def pdf_bytes(*, author: str = "", xmp_creator: str = "", reviewer: str = "",
              title: str = "") -> bytes:
    """A one-page PDF as Word's "Save as PDF" writes it: /Info with /Author (and /Title), an
    XMP packet with dc:creator, xmp:CreatorTool and pdf:Producer; with `reviewer`, a sticky
    note as Acrobat adds one (/T: its author). Empty arguments leave the field out."""
    xmp = ('<?xpacket begin="\ufeff" id="W5M0MpCehiHzreSzNTczkc9d"?><x:xmpmeta '
           'xmlns:x="adobe:ns:meta/"><rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-'
           'syntax-ns#"><rdf:Description rdf:about="" xmlns:dc="http://purl.org/dc/elements/'
           '1.1/" xmlns:pdf="http://ns.adobe.com/pdf/1.3/" xmlns:xmp="http://ns.adobe.com/xap/'
           '1.0/">'
           + (f"<dc:creator><rdf:Seq><rdf:li>{xmp_creator}</rdf:li></rdf:Seq></dc:creator>"
              if xmp_creator else "")
           + "<xmp:CreatorTool>Microsoft® Word for Microsoft 365</xmp:CreatorTool>"
             "<pdf:Producer>Microsoft® Word for Microsoft 365</pdf:Producer></rdf:Description>"
             '</rdf:RDF></x:xmpmeta><?xpacket end="w"?>').encode()
    info = b"<< /Creator (Microsoft\\256 Word for Microsoft 365) " \
           b"/CreationDate (D:20260305101500+02'00')"
    info += (b" /Author " + _pdf_text(author) if author else b"") \
        + (b" /Title " + _pdf_text(title) if title else b"") + b" >>"
    annotations = b" /Annots [7 0 R]" if reviewer else b""
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R /Metadata 5 0 R /Lang (lv-LV) >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R"
        + annotations + b" >>",
        b"<< /Length 0 >>\nstream\n\nendstream",
        b"<< /Type /Metadata /Subtype /XML /Length %d >>\nstream\n" % len(xmp) + xmp
        + b"\nendstream",
        info,
        b"<< /Type /Annot /Subtype /Text /Rect [0 0 10 10] /T " + _pdf_text(reviewer)
        + b" /Contents (labot) >>",
    ]
    out = bytearray(b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n")
    offsets = []
    for number, body in enumerate(objects, 1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % number + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % offset for offset in offsets)
    out += (b"trailer\n<< /Size %d /Root 1 0 R /Info 6 0 R >>\nstartxref\n%d\n%%%%EOF\n"
            % (len(objects) + 1, xref))
    return bytes(out)


def rtf_document(path: Path, *, author: str = "", operator: str = "", company: str = "",
                 reviser: str = "", annotator: str = "") -> Path:
    """An .rtf as WordPad or Word writes it (code page 1257, Baltic): `\\author`,
    `\\operator` (last saved by) and `{\\*\\company}` in its information group, a revision
    table (`{\\*\\revtbl {Unknown;}{…;}}`, Word's first entry is always "Unknown") and an
    annotation's `{\\*\\atnauthor}`. Non-ASCII letters as Word writes them: `\\'hh` in the
    code page, with `\\uN` where the code page has none. Empty arguments leave them out."""
    info = (f"{{\\author {_rtf_text(author)}}}" if author else "") \
        + (f"{{\\operator {_rtf_text(operator)}}}" if operator else "") \
        + (f"{{\\*\\company {_rtf_text(company)}}}" if company else "")
    revisions = (f"{{\\*\\revtbl {{Unknown;}}{{{_rtf_text(reviser)};}}}}" if reviser else "")
    note = (f"{{\\*\\atnid AO}}{{\\*\\atnauthor {_rtf_text(annotator)}}}\\chatn"
            "{\\*\\annotation \\pard\\plain Labot}" if annotator else "")
    path.write_bytes(
        ("{\\rtf1\\ansi\\ansicpg1257\\deff0{\\fonttbl{\\f0\\fswiss Arial;}}" + revisions
         + f"{{\\info{{\\title Tirgus}}{info}{{\\creatim\\yr2026\\mo3\\dy5}}}}"
         "\\pard\\plain Tirgus notiks sestdien." + note + "\\par}").encode("ascii"))
    return path


def _rtf_text(text: str) -> str:
    r"""Text as Word writes it into RTF: ASCII as is, a letter of code page 1257 as `\'hh`,
    anything else as `\uN?` (with "?" the fallback a `\uc1` reader skips)."""
    out = []
    for char in text:
        if char.isascii():
            out.append(char)
            continue
        try:
            out.append(f"\\'{char.encode('cp1257').hex()}")
        except UnicodeEncodeError:
            out.append(f"\\u{ord(char)}?")
    return "".join(out)


SUMMARY_INFORMATION = "\x05SummaryInformation"
DOCUMENT_SUMMARY_INFORMATION = "\x05DocumentSummaryInformation"
#: [MS-OLEPS] §1.9: the format identifiers of the two property sets.
FMTID_SUMMARY = uuid.UUID("f29f85e0-4ff9-1068-ab91-08002b27b3d9")
FMTID_DOCUMENT_SUMMARY = uuid.UUID("d5cdd502-2e9c-101b-9397-08002b2cf9ae")
_FREE, _END, _FAT = 0xFFFFFFFF, 0xFFFFFFFE, 0xFFFFFFFD
_STREAM_SECTORS = 8  # 4096 bytes: at the mini-stream cutoff, so each stream is a normal one


def ole_document(path: Path, *, author: str = "", last_author: str = "", company: str = "",
                 manager: str = "", template: str = "Normal.dot", codepage: int = 1257) -> Path:
    """A Word 97–2003 .doc's property sets as Word writes them (code page 1257; LibreOffice
    writes 65001, UTF-8, which the VT_I2 property holds as -535): the
    SummaryInformation stream (PIDSI_TEMPLATE, PIDSI_AUTHOR, PIDSI_LASTAUTHOR) and the
    DocumentSummaryInformation stream (PIDDSI_MANAGER, PIDDSI_COMPANY) in a compound file
    built by hand ([MS-CFB] version 3: one FAT sector, one directory sector, each stream
    4096 bytes so that no mini stream is needed). Empty arguments leave the property out.
    olefile reads such files but does not write them."""
    summary = _property_set(FMTID_SUMMARY, {2: "Tirgus", 4: author, 7: template,
                                            8: last_author}, codepage).ljust(4096, b"\0")
    document = _property_set(FMTID_DOCUMENT_SUMMARY, {14: manager, 15: company},
                             codepage).ljust(4096, b"\0")
    fat = [_FAT, _END] + [sector + 1 for sector in range(2, 2 + _STREAM_SECTORS - 1)] + [_END] \
        + [sector + 1 for sector in range(10, 10 + _STREAM_SECTORS - 1)] + [_END]
    fat += [_FREE] * (128 - len(fat))
    header = (olefile.MAGIC + bytes(16) + struct.pack("<HHHHH", 0x3E, 3, 0xFFFE, 9, 6)
              + bytes(6) + struct.pack("<IIIIIIIII", 0, 1, 1, 0, 4096, _END, 0, _END, 0)
              + struct.pack("<I", 0) + struct.pack("<I", _FREE) * 108)
    directory = (_directory_entry("Root Entry", 5, child=1, start=_END, size=0)
                 + _directory_entry(SUMMARY_INFORMATION, 2, right=2, start=2, size=4096)
                 + _directory_entry(DOCUMENT_SUMMARY_INFORMATION, 2, start=10, size=4096)
                 + bytes(128))
    path.write_bytes(header + struct.pack("<128I", *fat) + directory
                     + summary + document)
    return path


def _directory_entry(name: str, kind: int, *, child: int = _FREE, right: int = _FREE,
                     start: int, size: int) -> bytes:
    """[MS-CFB] §2.6.1: a 128-byte directory entry (black, no left sibling)."""
    encoded = (name + "\0").encode("utf-16-le")
    return (encoded.ljust(64, b"\0") + struct.pack("<HBB", len(encoded), kind, 1)
            + struct.pack("<III", _FREE, right, child) + bytes(16 + 4 + 16)
            + struct.pack("<IQ", start, size))


def _property_set(fmtid: uuid.UUID, values: dict[int, str], codepage: int) -> bytes:
    """[MS-OLEPS] §2.21: a property set stream with one section: the code page (a Windows
    code page number, 65001 for UTF-8) and each non-empty value as a VT_LPSTR (§2.5,
    CodePageString) in that code page."""
    signed = codepage - 0x10000 if codepage >= 0x8000 else codepage  # VT_I2: 65001 is -535
    properties = [(1, struct.pack("<IhH", 2, signed, 0))]  # VT_I2 PIDSI_CODEPAGE, padded
    encoding = "utf-8" if codepage == 65001 else f"cp{codepage}"
    for key, text in values.items():
        if text:
            data = text.encode(encoding) + b"\0"
            data += b"\0" * (-len(data) % 4)
            properties.append((key, struct.pack("<II", 0x1E, len(data)) + data))
    offset = 8 + 8 * len(properties)
    table, body = b"", b""
    for key, data in properties:
        table += struct.pack("<II", key, offset + len(body))
        body += data
    section = struct.pack("<II", offset + len(body), len(properties)) + table + body
    return (struct.pack("<HHI", 0xFFFE, 0, 0x00020006) + bytes(16) + struct.pack("<I", 1)
            + fmtid.bytes_le + struct.pack("<I", 48) + section)
