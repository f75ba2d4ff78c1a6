"""Bad input gives one clear error naming the file and the problem (never a traceback); text in
other encodings is read; and text that is not language gets no SDG or WSIS suggestion."""

from __future__ import annotations

import io
import random
import re
import string
import zipfile
from collections.abc import Iterator
from pathlib import Path
from unittest import mock

import docx
import pytest
from PIL import Image
from reportlab.lib.utils import ImageReader  # type: ignore[import-untyped]
from reportlab.pdfgen import canvas  # type: ignore[import-untyped]

import liaison.classify.lexical
import liaison.classify.neural
from liaison.classify.analysis import Options
from liaison.classify.modes import classifier_for
from liaison.errors import InvalidInput
from liaison.ingest.language import looks_like_language
from liaison.ingest.reading import read_document
from tests.cli.test_app import run

SEED = Path(__file__).resolve().parents[3] / "shared" / "seed" / "000_f18562a23ebae53b.txt"
TEXT = "ITU joined the Broadband Commission for Sustainable Development in 2010.\n"


def _refused(path: Path) -> str:
    """The one problem reading ``path`` gives; it names the file."""
    with pytest.raises(InvalidInput) as caught:
        read_document(path)
    (problem,) = caught.value.problems
    assert problem.file == str(path)
    return problem.message


def _docx_bytes(text: str = TEXT) -> bytes:
    document = docx.Document()
    document.add_paragraph(text)
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


# --- Files that cannot be read ------------------------------------------------------------------


def test_missing_folder_unreadable_empty_and_unknown_files(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    assert _refused(tmp_path / "missing.txt") == "no such file"
    (tmp_path / "folder.txt").mkdir()
    assert _refused(tmp_path / "folder.txt") == "is a folder, not a file"
    (tmp_path / "empty.pdf").write_bytes(b"")
    assert _refused(tmp_path / "empty.pdf") == "is empty"
    (tmp_path / "sheet.odt").write_text("x", "utf-8")
    assert _refused(tmp_path / "sheet.odt").startswith("cannot read .odt files: use one of .txt")
    (tmp_path / "old.doc").write_bytes(b"\xd0\xcf\x11\xe0")
    assert "save it as .docx" in _refused(tmp_path / "old.doc")
    (tmp_path / "blank.txt").write_text("\n \n\t\n", "utf-8")
    assert _refused(tmp_path / "blank.txt") == "has no text"
    locked = tmp_path / "locked.txt"
    locked.write_text(TEXT, "utf-8")

    def denied(self: Path) -> bytes:
        raise PermissionError(13, "Permission denied", str(self))

    # Root reads any file whatever its mode, so the refusal is simulated.
    monkeypatch.setattr(Path, "read_bytes", denied)
    assert _refused(locked) == "cannot be read: permission denied"


def test_binary_files_named_txt(tmp_path: Path) -> None:
    noise = tmp_path / "noise.txt"
    noise.write_bytes(_noise(1, 2000).encode("latin-1"))
    assert _refused(noise) == "looks binary, not text"
    pdf = tmp_path / "report.txt"
    pdf.write_bytes(b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n1 0 obj\n<<>>\nendobj\x00\n")
    assert _refused(pdf) == "looks binary, not text (it looks like a PDF file)"
    controls = tmp_path / "controls.txt"
    controls.write_bytes(b"text" + b"\x01\x02\x03\x04" * 10)
    assert _refused(controls) == "looks binary, not text"


def test_pdfs_that_have_no_text_to_read(tmp_path: Path) -> None:
    locked = tmp_path / "locked.pdf"
    pdf = canvas.Canvas(str(locked), encrypt="secret")
    pdf.drawString(72, 700, "A text only the password opens.")
    pdf.save()
    assert _refused(locked) == "is password-protected: remove the password first"
    scanned = tmp_path / "scanned.pdf"
    pdf = canvas.Canvas(str(scanned))
    pdf.drawImage(ImageReader(Image.new("L", (200, 100), 255)), 72, 500, 200, 100)
    pdf.save()
    assert _refused(scanned) == "has no text layer: it looks scanned; run OCR first"
    blank = tmp_path / "blank.pdf"
    pdf = canvas.Canvas(str(blank))
    pdf.showPage()
    pdf.save()
    assert _refused(blank) == "has no text: its pages are blank"
    damaged = tmp_path / "damaged.pdf"
    damaged.write_bytes(b"%PDF-1.4\nnot really a PDF at all\n")
    assert _refused(damaged).startswith("is not a valid PDF file")


def test_damaged_docx_files(tmp_path: Path) -> None:
    not_zip = tmp_path / "not-zip.docx"
    not_zip.write_bytes(b"This is plain text that someone named .docx.\n")
    assert _refused(not_zip) == (
        "is not a valid DOCX file: it is damaged, or another kind of file named .docx"
    )
    cut = tmp_path / "cut.docx"
    cut.write_bytes(_docx_bytes()[:3000])
    assert _refused(cut).startswith("is not a valid DOCX file")
    other_zip = tmp_path / "other.docx"
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("hello.txt", "hello")
    other_zip.write_bytes(buffer.getvalue())
    assert _refused(other_zip) == "is not a valid DOCX file: a part it needs is missing"
    readable = tmp_path / "fine.docx"
    readable.write_bytes(_docx_bytes())
    assert read_document(readable).paragraphs[0].text == TEXT.strip()


def test_classify_reports_a_bad_document_without_a_traceback(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    damaged = tmp_path / "damaged.docx"
    damaged.write_bytes(b"garbage")
    code, _, err = run(capsys, "classify", str(damaged), "--mode", "fast")
    assert code == 2 and "damaged.docx: is not a valid DOCX file" in err
    assert "Traceback" not in err


# --- Encodings --------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "data",
    [
        TEXT.encode("utf-8"),
        b"\xef\xbb\xbf" + TEXT.encode("utf-8"),
        TEXT.encode("utf-16"),  # with its byte-order mark
        b"\xfe\xff" + TEXT.encode("utf-16-be"),
        TEXT.encode("utf-16-le"),  # without a mark
        TEXT.encode("utf-32"),
    ],
    ids=["utf-8", "utf-8-bom", "utf-16", "utf-16-be-bom", "utf-16-le-no-bom", "utf-32"],
)
def test_unicode_encodings_are_read(tmp_path: Path, data: bytes) -> None:
    path = tmp_path / "text.txt"
    path.write_bytes(data)
    (paragraph,) = read_document(path).paragraphs
    assert paragraph.text == TEXT.strip()


def test_windows_1252_is_read_and_other_bytes_refused(tmp_path: Path) -> None:
    path = tmp_path / "old.txt"
    text = "L’UIT a rejoint la Commission – une décision prise à Genève.\n"
    path.write_bytes(text.encode("cp1252"))
    assert read_document(path).paragraphs[0].text == text.strip()
    path.write_bytes(b"Caf\x81 \x8d na\x90ve \x9d text\n")  # bytes Windows-1252 leaves undefined
    assert _refused(path) == "is not UTF-8 text (nor Windows-1252): save it as UTF-8"


# --- Not language -----------------------------------------------------------------------------


def _noise(seed: int, size: int = 300) -> str:
    """Random bytes read as Latin-1: what a binary file decoded anyhow looks like."""
    generator = random.Random(seed)
    return bytes(generator.randrange(256) for _ in range(size)).decode("latin-1")


def _random_characters(seed: int, size: int = 300) -> str:
    generator = random.Random(seed)
    alphabet = string.ascii_letters + string.digits + string.punctuation + " "
    return "".join(generator.choice(alphabet) for _ in range(size))


def _random_letters(seed: int, size: int = 80) -> str:
    generator = random.Random(seed)
    return "".join(generator.choice(string.ascii_letters) for _ in range(size))


def _random_words(seed: int, count: int = 30) -> str:
    generator = random.Random(seed)
    letters = string.ascii_lowercase
    return " ".join(
        "".join(generator.choice(letters) for _ in range(generator.randint(2, 9)))
        for _ in range(count)
    )


def _seed_paragraphs() -> Iterator[str]:
    if SEED.exists():
        for line in SEED.read_text("utf-8").splitlines():
            text = re.sub(r"^\s*[\d.]*\s*[·]?\s*", "", re.sub(r"\[bookmark: \w+\]", "", line))
            if text.strip(" _"):
                yield text


def test_language_and_noise_are_told_apart() -> None:
    sentences = [
        "ITU joined the Broadband Commission.",
        "Thematic",
        "U4SSC",
        "Inter-Agency Network on Women and Gender Equality (IANWGE)",
        "L'UIT a rejoint la Commission sur le large bande pour le développement durable.",
        "La UIT se unió a la Comisión de la Banda Ancha para el Desarrollo Sostenible.",
        "Международный союз электросвязи",
        *_seed_paragraphs(),
    ]
    assert [s for s in sentences if not looks_like_language(s)] == []
    noise = [_noise(seed) for seed in range(30)]
    noise += [_noise(seed).encode("latin-1").decode("utf-8", "replace") for seed in range(30)]
    noise += [_random_characters(seed) for seed in range(30)]
    noise += [_random_words(seed) for seed in range(30)]
    noise += [_random_letters(seed) for seed in range(30)]
    assert [n for n in noise if looks_like_language(n)] == []
    assert not looks_like_language("") and not looks_like_language("12 345 678")


@pytest.mark.parametrize("mode", ["fast", "accurate"])
def test_text_that_is_not_language_gets_no_suggestion(mode: str) -> None:
    classifier = classifier_for(Options(mode=mode))
    texts = [("noise", _noise(15)), ("characters", _random_characters(14))]
    real = ("real", "Affordable Internet access for the least developed countries.")

    def everything(items: list[tuple[str, str]]) -> list[tuple[str, str]]:
        return list(items)

    # Without the gate, these texts match something by chance (which is why it is there).
    with (
        mock.patch.object(liaison.classify.lexical, "language_only", everything),
        mock.patch.object(liaison.classify.neural, "language_only", everything),
    ):
        ungated = classifier.classify_many(texts)
    assert any(r.sdgs or r.wsis for r in ungated)
    *gated, kept = classifier.classify_many([*texts, real])
    assert all(not r.sdgs and not r.wsis for r in gated)
    assert kept.sdgs and kept.sdgs[0].goal == 9
