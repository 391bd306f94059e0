"""Qt's saved geometry and splitter states, as text for the JSON settings file."""

from PySide6.QtCore import QByteArray


def to_base64(data: QByteArray) -> str:
    return bytes(data.toBase64().data()).decode("ascii")
