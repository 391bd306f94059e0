"""Plain-text articles in the encodings people actually save them in, and file dispatch."""

from __future__ import annotations

import os
import random
import threading
from pathlib import Path
from typing import Any

import pytest

from annotator.errors import DocumentImportError
from annotator.formats.importers import SUPPORTED_SUFFIXES, import_file, import_pasted_text
from annotator.formats.importers.text import import_text_bytes
from tests.formats.test_import_invariants import assert_well_formed, refusal

_GERMAN = (
    "Der Bürgermeister sagte, die Straße bleibe geöffnet. Außerdem seien die Gebühren für "
    "Anwohner gesenkt worden, erklärte er am Montag."
)
_TYPOGRAPHIC = "Café naïve — “quoted” text, 5 € and… more\nSecond line: Œuvre, façade"


@pytest.mark.parametrize(
    ("encoding", "text"),
    [
        ("utf-16", _TYPOGRAPHIC),  # with BOM
        ("utf-16-le", _TYPOGRAPHIC),  # without BOM
        ("utf-16-be", _TYPOGRAPHIC),
        ("utf-8-sig", _TYPOGRAPHIC),
        ("cp1252", _TYPOGRAPHIC),
        ("cp1252", _GERMAN),
        ("latin-1", _GERMAN),
        ("utf-8", "Привет, мир. Ελληνικά. 日本語のテキスト。 Emoji 😀 after."),
    ],
)
def test_encodings_are_recognised(encoding: str, text: str) -> None:
    doc = import_text_bytes(text.encode(encoding), "article.txt")
    assert doc.text == text
    assert_well_formed(doc)


def test_windows_line_ends_and_decomposed_accents_become_canonical() -> None:
    doc = import_text_bytes("Cafe\u0301 one\r\nline two\rline three".encode(), "a.txt")
    assert doc.text == "Café one\nline two\nline three"


def test_pasted_text_keeps_its_lines() -> None:
    doc = import_pasted_text("\n  Title line\nSecond line\n\n")
    assert doc.text == "  Title line\nSecond line"
    assert doc.origin == "clipboard"


def test_every_advertised_suffix_is_dispatched(tmp_path: Path) -> None:
    assert set(SUPPORTED_SUFFIXES) >= {".txt", ".md", ".markdown", ".html", ".htm", ".docx", ".pdf"}
    path = tmp_path / "NOTES.TXT"
    path.write_text("A line of text.", encoding="utf-8")
    assert import_file(path).format == "text"


def test_unknown_suffix_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "slides.pptx"
    path.write_bytes(b"PK")
    names = ", ".join(sorted(SUPPORTED_SUFFIXES))
    assert refusal(path) == f"{path}: .pptx files cannot be imported; use one of {names}."


def test_size_limit_applies_to_every_format(tmp_path: Path) -> None:
    path = tmp_path / "huge.html"
    path.write_bytes(b"<p>" + b"x" * 3_000_000 + b"</p>")
    with pytest.raises(DocumentImportError) as error:
        import_file(path, max_bytes=1_000_000)
    assert str(error.value) == (
        f"{path} is 3.0 MB, over the 1 MB limit for an article; split it or import an extract."
    )


def test_text_longer_than_an_article_can_be_is_refused(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from annotator.formats import importers

    monkeypatch.setattr(importers, "MAX_ARTICLE_CHARS", 1_000_000)
    path = tmp_path / "book.txt"
    path.write_text("A sentence of a very long book. " * 40_000, encoding="utf-8")
    with pytest.raises(DocumentImportError) as error:
        import_file(path)
    assert str(error.value) == (
        f"{path} holds 1.3 million characters of text; Annotator takes articles of up to "
        "1 million (a long book). Split it into parts and import those."
    )
    with pytest.raises(DocumentImportError, match=r"^The clipboard holds 1\.3 million"):
        importers.import_pasted_text("A sentence of a very long book. " * 40_000)


_URDU = "یہ ایک اردو جملہ ہے جو خبر کے بارے میں ہے۔\nدوسری سطر۔"
_CHINESE = "这是一个关于新闻的中文句子。\n北京今天下雨。"
_RUSSIAN = "Это русское предложение о новостях.\nВторая строка."
_FRENCH = "Ceci est une phrase française à propos des nouvelles.\nÇa marche."


@pytest.mark.parametrize("encoding", ["utf-16-le", "utf-16-be"])
@pytest.mark.parametrize("text", [_URDU, _CHINESE, _RUSSIAN, _FRENCH])
def test_utf16_without_bom_is_recognised_in_every_script(encoding: str, text: str) -> None:
    data = text.encode(encoding)
    assert not data.startswith((b"\xff\xfe", b"\xfe\xff"))
    doc = import_text_bytes(data, "article.txt")
    assert doc.text == text
    assert_well_formed(doc)


@pytest.mark.parametrize(
    "data",
    [
        b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + random.Random(20240607).randbytes(4000),
        _GERMAN.encode()[:50] + b"\x00" + _GERMAN.encode()[50:],
    ],
    ids=["png", "utf-8-with-nul"],
)
def test_binary_data_is_still_refused(tmp_path: Path, data: bytes) -> None:
    path = tmp_path / "picture.txt"
    path.write_bytes(data)
    assert refusal(path) == f"{path} looks like a binary file, not text; give an article file."


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="needs named pipes")
def test_a_named_pipe_is_refused_without_waiting_for_a_writer(tmp_path: Path) -> None:
    path = tmp_path / "pipe.txt"
    os.mkfifo(path)
    outcome: list[str] = []

    def attempt() -> None:
        outcome.append(refusal(path))

    worker = threading.Thread(target=attempt, daemon=True)
    worker.start()
    worker.join(timeout=10)
    assert not worker.is_alive(), "importing a named pipe hangs"
    assert outcome == [f"{path} is not a regular file; give an article file."]


@pytest.mark.skipif(not Path("/dev/zero").exists(), reason="needs /dev/zero")
def test_a_device_is_refused() -> None:
    path = Path("/dev/zero")
    assert refusal(path) == f"{path} is not a regular file; give an article file."


def test_a_file_that_grows_after_its_size_was_checked_is_refused(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "growing.txt"
    path.write_bytes(b"Short at first.")
    real_stat = Path.stat

    def stat_then_grow(self: Path, **kwargs: Any) -> os.stat_result:
        result = real_stat(self, **kwargs)
        if self == path:
            with path.open("ab") as handle:
                handle.write(b"x" * 5_000)
        return result

    monkeypatch.setattr(Path, "stat", stat_then_grow)
    with pytest.raises(DocumentImportError) as error:
        import_file(path, max_bytes=1_000)
    assert str(error.value) == (
        f"{path} is over the 1 KB limit for an article; split it or import an extract."
    )


def test_a_file_at_the_size_limit_is_read_whole(tmp_path: Path) -> None:
    path = tmp_path / "exact.txt"
    path.write_bytes(b"y" * 1_000)
    assert import_file(path, max_bytes=1_000).text == "y" * 1_000


# Legacy code pages without a BOM. One line is where detectors guess (charset-normalizer alone
# read "Le café" as UTF-16 and "Prix: 10 €" as cp1125); cp1252 is preferred unless the text
# reads as mis-decoded letters in it and as plausible letters in another page.
_ONE_LINE_WESTERN = ["Le café", "Café au lait.", "Müller zahlte 5€.", "Müller … 5€.", "Prix: 10 €"]
_LEGACY_LINES = {
    "ru": "Министр заявил во вторник, что безработица снизилась.",
    "el": "Ο υπουργός δήλωσε την Τρίτη ότι η ανεργία μειώθηκε.",
    "pl": "Minister zdrowia powiedział, że kolejki do lekarzy skróciły się o połowę.",
    "ja": "大臣は火曜日、失業率が過去十年で最も低い水準まで下がったと述べた。",
    "zh": "部长周二表示，失业率已降至十年来的最低水平。",
    "ko": "장관은 화요일 실업률이 지난 10년 중 가장 낮은 수준으로 떨어졌다고 말했다.",
}
_LEGACY_PARAGRAPHS = {
    "ru": _LEGACY_LINES["ru"]
    + " Однако данные статистического ведомства показывают, что число занятых за год почти не"
    " изменилось. Оппозиция потребовала опубликовать полную методику расчёта.",
    "el": _LEGACY_LINES["el"]
    + " Ωστόσο, τα στοιχεία της στατιστικής υπηρεσίας δείχνουν ότι η μείωση οφείλεται κυρίως"
    " στη μετανάστευση. Η αντιπολίτευση ζήτησε να δημοσιευθούν τα πλήρη στοιχεία.",
    "pl": _LEGACY_LINES["pl"]
    + " Dane Narodowego Funduszu Zdrowia pokazują jednak, że średni czas oczekiwania wydłużył"
    " się w większości województw. Pacjenci z Łodzi czekają na wizytę ponad rok.",
    "lt": "Ministras teigė, kad nedarbo lygis nukrito iki žemiausio per dešimt metų. Tačiau"
    " statistikos departamento duomenys rodo, kad dirbančiųjų skaičius beveik nepasikeitė.",
    "ar": "قال الوزير يوم الثلاثاء إن معدل البطالة انخفض إلى أدنى مستوى له منذ عشر سنوات."
    " لكن بيانات الجهاز المركزي للإحصاء تظهر أن عدد العاملين لم يتغير تقريبا خلال العام.",
    "ja": _LEGACY_LINES["ja"]
    + "しかし、統計局のデータによると、就業者数は一年間でほとんど変わっていない。",
    "zh-Hant": "部長週二表示，失業率已降至十年來的最低水準。然而，統計局的資料顯示，"
    "就業人數在一年內幾乎沒有變化。",
}


@pytest.mark.parametrize(
    ("encoding", "text"),
    [("cp1252", text) for text in _ONE_LINE_WESTERN]
    + [("latin-1", text) for text in _ONE_LINE_WESTERN if "€" not in text],
)
def test_one_line_of_western_text_is_read_as_cp1252(encoding: str, text: str) -> None:
    assert import_text_bytes(text.encode(encoding), "article.txt").text == text


@pytest.mark.parametrize(
    ("lang", "encoding"),
    [
        ("ru", "cp1251"),
        ("ru", "koi8_r"),
        ("el", "cp1253"),
        ("el", "iso8859_7"),
        ("pl", "cp1250"),
        ("ja", "shift_jis"),
        ("ja", "euc_jp"),
        ("zh", "gb18030"),
        ("ko", "euc_kr"),
    ],
)
def test_one_line_in_another_legacy_page_is_recognised(lang: str, encoding: str) -> None:
    text = _LEGACY_LINES[lang]
    assert import_text_bytes(text.encode(encoding), "article.txt").text == text


@pytest.mark.parametrize(
    ("lang", "encoding"),
    [
        ("ru", "cp1251"),
        ("ru", "koi8_r"),
        ("el", "cp1253"),
        ("pl", "cp1250"),
        ("pl", "iso8859_2"),
        ("lt", "cp1257"),
        ("ar", "cp1256"),
        ("ja", "shift_jis"),
        ("ja", "euc_jp"),
        ("zh-Hant", "big5"),
    ],
)
def test_a_paragraph_in_a_legacy_page_is_recognised(lang: str, encoding: str) -> None:
    text = _LEGACY_PARAGRAPHS[lang]
    doc = import_text_bytes(text.encode(encoding), "article.txt")
    assert doc.text == text
    assert_well_formed(doc)
