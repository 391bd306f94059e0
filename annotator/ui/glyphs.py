"""Italic that the font cannot draw: Qt does not fall back from an italic face lacking a script
(DejaVu Sans Oblique has no Arabic letters) to the upright face that has it, so such text
would show as empty boxes. Those runs are set upright; Latin italic stays italic."""

from __future__ import annotations

import unicodedata

from PySide6.QtGui import QRawFont, QTextCharFormat, QTextCursor, QTextDocument


def upright_where_italic_lacks_glyphs(document: QTextDocument, start: int = 0) -> int:
    """Set upright every italic run (from position ``start`` on) holding a letter its italic
    face has no glyph for; returns how many runs changed. Latin italic stays italic."""
    faces: dict[str, QRawFont] = {}
    runs: list[tuple[int, int]] = []
    block = document.findBlock(start) if start else document.begin()
    while block.isValid():
        fragments = block.begin()
        while not fragments.atEnd():
            fragment = fragments.fragment()
            fragments += 1
            text = fragment.text()
            if text.isascii() or not fragment.charFormat().fontItalic():
                continue
            font = fragment.charFormat().font().resolve(document.defaultFont())
            face = faces.get(font.key())
            if face is None:
                face = faces[font.key()] = QRawFont.fromFont(font)
            if any(_missing(face, char) for char in text):
                runs.append((fragment.position(), fragment.position() + fragment.length()))
        block = block.next()
    upright = QTextCharFormat()
    upright.setFontItalic(False)
    cursor = QTextCursor(document)
    for start, end in runs:
        cursor.setPosition(start)
        cursor.setPosition(end, QTextCursor.MoveMode.KeepAnchor)
        cursor.mergeCharFormat(upright)
    return len(runs)


def _missing(face: QRawFont, char: str) -> bool:
    """Whether ``char`` is a visible character that ``face`` has no glyph for (white space and
    invisible controls such as the bidi isolates are never drawn, so they do not count)."""
    if char.isspace() or unicodedata.category(char) in ("Cf", "Cc"):
        return False
    return not face.supportsCharacter(ord(char))
