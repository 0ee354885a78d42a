"""Board packs: the saved-pack store, presentation mode (AppTest), the slides and the exported deck read back."""
from __future__ import annotations

import shutil
import subprocess

import pytest
from streamlit.testing.v1 import AppTest

from lybl import packs
from lybl.config import ROOT
from lybl.state import InvalidUpdate

ENTRY = str(ROOT / "dashboard.py")
VIEWS = [packs.view("scorecard", {"place": "E54000059"}, "Outcome scorecard"),
         packs.view("compare", {"view": "spine", "area": "E06000061", "present": "1"}, "North vs West (spine)"),
         packs.view("interventions", {"series": "ae_4hr_performance@E54000059"}, "Multi-impact interventions"),
         packs.view("maps", {"indicator": "census_bad_health", "level": "lap"}, "Maps")]


@pytest.fixture
def state(tmp_path, monkeypatch):
    monkeypatch.setenv("LYBL_STATE", str(tmp_path))
    return tmp_path


def test_a_view_keeps_its_filters_not_the_presentation():
    assert VIEWS[1]["params"] == {"view": "spine", "area": "E06000061"}
    assert packs.link(VIEWS[1]) == "/compare?view=spine&area=E06000061"
    assert packs.link(packs.view("", {}, "Home")) == "/"


def test_save_load_and_list(state):
    packs.save_pack("HWB 2024-03-12", VIEWS[:2], "a@example.org")
    assert (state / "packs" / "hwb-2024-03-12.json").exists()
    pack = packs.load_pack("hwb-2024-03-12")
    assert pack["views"] == VIEWS[:2] and pack["saved_by"] == "a@example.org"
    packs.save_pack("HWB 2024-03-12", VIEWS[:1], "b@example.org")  # saved again: replaced, by whom is recorded
    [listed] = packs.saved_packs()
    assert listed["views"] == 1 and listed["saved_by"] == "b@example.org"


def test_bad_packs_are_refused_in_words(state):
    with pytest.raises(InvalidUpdate) as refused:
        packs.save_pack("  ", [], "")
    assert set(refused.value.problems) == {"name", "views", "saved_by"}
    assert not (state / "packs").exists()
    with pytest.raises(packs.UnknownPack, match="No board pack named “nope”"):
        packs.load_pack("nope")


def app(built_db, **query) -> AppTest:
    at = AppTest.from_file(ENTRY, default_timeout=60)
    for key, value in query.items():
        at.query_params[key] = value
    return at.run()


def test_add_views_then_present_them_with_the_clicker_keys(built_db, state):
    at = app(built_db)
    at.switch_page("pages/scorecard.py").run()
    [add] = [b for b in at.sidebar.button if b.label.startswith("Add this view")]
    add.click().run()
    assert at.session_state["pack_draft"][0]["page"] == "scorecard"
    at.switch_page("pages/pack.py").run()
    assert not at.exception
    assert at.text_input[-1].value.startswith("HWB 2022-09-06")  # the last board date configured
    [present] = [b for b in at.button if b.label == "Present this pack"]
    present.click().run()
    assert at.query_params["present"] == "1" and at.query_params["slide"] == "1"
    assert "view 1 of 1" in " ".join(m.value for m in at.markdown)


def test_a_saved_pack_is_presented_one_view_at_a_time(built_db, state):
    packs.save_pack("HWB 2024-03-12", VIEWS[:3], "a@example.org")
    at = app(built_db, present="1", pack="hwb-2024-03-12", slide="1")
    at.switch_page("pages/scorecard.py").run()
    assert not at.exception
    labels = {b.label: b for b in at.button}
    assert {"‹ Previous", "Next ›", "Exit", "PageUp", "PageDown"} <= set(labels)
    assert labels["‹ Previous"].disabled and not labels["Next ›"].disabled
    assert any("Link to this view" in c.value and "/scorecard?place=E54000059" in c.value for c in at.caption)
    labels["PageDown"].click().run()  # the clicker's key: the same move as Next
    assert at.query_params["slide"] == "2" and at.query_params["view"] == "spine"
    assert "view 2 of 3" in " ".join(m.value for m in at.markdown)
    [b for b in at.button if b.label == "Next ›"][0].click().run()
    assert at.query_params["slide"] == "3" and [b for b in at.button if b.label == "Next ›"][0].disabled


def test_saving_needs_an_editor(built_db, state, monkeypatch):
    at = app(built_db)
    at.session_state["pack_draft"] = VIEWS[:2]
    at.switch_page("pages/pack.py").run()
    assert not [b for b in at.button if b.label == "Save the pack"]  # no sign-in configured: read-only
    monkeypatch.setenv("LYBL_DEV_EDITOR", "dev@example.org")
    at.run()
    [save] = [b for b in at.button if b.label == "Save the pack"]
    save.click().run()
    assert packs.load_pack("hwb-2022-09-06")["saved_by"] == "dev@example.org"


def test_a_pasted_link_becomes_a_view(built_db, state):
    at = app(built_db)
    at.switch_page("pages/pack.py").run()
    at.text_input[0].input("https://example.org/maps?level=ward&compare=england")
    [submit] = [b for b in at.button if b.label == "Add"]
    submit.click().run()
    assert at.session_state["pack_draft"] == [packs.view("maps", {"level": "ward", "compare": "england"},
                                                         "Maps (ward, england)")]


@pytest.fixture(scope="module")
def deck_files(built_db, tmp_path_factory):
    """The four-view pack as slides, PowerPoint and PDF (charts drawn by kaleido in the system Chromium)."""
    from lybl.db import connect
    from lybl.present import deck
    from lybl.present.export import chromium
    from lybl.present.slides import slide
    if not chromium():
        pytest.fail("Deck export needs Chromium: apt-get install chromium (or set LYBL_CHROMIUM)")
    con = connect(built_db)
    slides = [slide(con, v) for v in VIEWS + [packs.view("bcf", {}, "Better Care Fund")]]
    images = deck._images(slides)
    out = tmp_path_factory.mktemp("deck")
    (out / "pack.pptx").write_bytes(deck.to_pptx("HWB 2024-03-12", slides, "http://dash", images))
    (out / "pack.pdf").write_bytes(deck.to_pdf_bytes("HWB 2024-03-12", slides, "http://dash", images))
    return slides, out


def test_the_deck_reads_back_one_slide_per_view(deck_files):
    from pptx import Presentation
    slides, out = deck_files
    deck = Presentation(str(out / "pack.pptx"))
    assert len(deck.slides) == len(slides) + 1  # a title slide, then one per view
    for made, page in zip(slides, list(deck.slides)[1:]):
        texts = [sh.text_frame.text for sh in page.shapes if sh.has_text_frame]
        assert made.title in texts and made.summary in texts
        footer = next(t for t in texts if t.startswith("Source:"))
        assert "Period:" in footer and "Date of data:" in footer and made.link in footer
        pictures = [sh for sh in page.shapes if sh.shape_type == 13]
        assert len(pictures) == (made.figure is not None)
        for p in pictures:  # the chart's text alternative is the summary sentence
            assert p._element.nvPicPr.cNvPr.get("descr") == made.summary
        tables = [sh for sh in page.shapes if sh.has_table]
        assert len(tables) == (len(made.table) > 0)
    assert "76.0% target" in slides[2].summary and slides[2].figure is not None
    assert slides[4].summary == "This view is shown live: open /bcf."


def test_the_pdf_has_a_page_per_slide_and_is_drawn(deck_files):
    import pypdfium2
    slides, out = deck_files
    pdf = pypdfium2.PdfDocument(str(out / "pack.pdf"))
    assert len(pdf) == len(slides) + 1
    assert pdf[1].get_size() == pytest.approx((960, 540), abs=1)  # 13.33 x 7.5 in at 72 pt
    assert "Making Data Count" in pdf[3].get_textpage().get_text_range()
    keep = ROOT / "test-results" / "pack"
    keep.mkdir(parents=True, exist_ok=True)
    for i in range(len(pdf)):
        bitmap = pdf[i].render(scale=1)  # to PNG, to be looked at (test-results/pack)
        (keep / f"pdf-{i + 1}.png").write_bytes(_png(bitmap))


def _png(bitmap) -> bytes:
    """A PDFium bitmap as PNG (written with zlib: no imaging library needed)."""
    import struct
    import zlib

    import numpy as np
    pixels = np.ascontiguousarray(np.asarray(bitmap.to_numpy())[:, :, :3][:, :, ::-1])  # BGR(A) -> RGB
    height, width = pixels.shape[:2]
    raw = b"".join(b"\x00" + pixels[y].tobytes() for y in range(height))

    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))
    return (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0))
            + chunk(b"IDAT", zlib.compress(raw, 6)) + chunk(b"IEND", b""))


@pytest.mark.skipif(not (shutil.which("soffice") or shutil.which("libreoffice")), reason="LibreOffice not installed")
def test_libreoffice_opens_the_deck(deck_files, tmp_path):
    slides, out = deck_files
    exe = shutil.which("soffice") or shutil.which("libreoffice")
    subprocess.run([exe, "--headless", f"-env:UserInstallation=file://{tmp_path}/profile", "--convert-to", "pdf",
                    "--outdir", str(tmp_path), str(out / "pack.pptx")], check=True, capture_output=True, timeout=180)
    import pypdfium2
    assert len(pypdfium2.PdfDocument(str(tmp_path / "pack.pdf"))) == len(slides) + 1


def test_present_this_view_and_exit(built_db, state):
    at = app(built_db)
    at.switch_page("pages/maps.py").run()
    [b for b in at.sidebar.button if b.label == "Present this view"][0].click().run()
    assert at.query_params["present"] == "1" and not at.exception
    assert "PageDown" not in [b.label for b in at.button]  # no pack: nothing to step through
    [b for b in at.button if b.label == "Exit"][0].click().run()
    assert "present" not in at.query_params and at.query_params["indicator"] == "census_bad_health"


def test_spc_notes_and_rebasing_on_the_page(built_db, state, monkeypatch):
    """An editor's event and trajectory point are listed and drawn; rebasing restarts the limits."""
    monkeypatch.setenv("LYBL_DEV_EDITOR", "dev@example.org")
    at = app(built_db, rebase="2024-04")
    at.switch_page("pages/interventions.py").run()
    assert any("Limits recalculated from Apr 2024: chosen above (rebasing)" in c.value for c in at.caption)
    form = at.get("form")
    assert form, "the editor's note form"
    [label] = [t for t in at.text_input if t.label == "Label (events)"]
    label.input("New front door")
    at.date_input[0].set_value(__import__("datetime").date(2024, 5, 1))
    [b for b in at.button if b.label == "Add note"][0].click().run()
    assert any("New front door (dev@example.org" in m.value for m in at.markdown)
    figure = __import__("json").loads(at.get("plotly_chart")[0].proto.spec)
    assert any(a.get("text") == "New front door" for a in figure["layout"].get("annotations", []))


def test_each_presented_view_shows_its_own_place(built_db, state):
    """Two scorecards, North then West: stepping shows West's, not the session's Place."""
    packs.save_pack("Places", [packs.view("scorecard", {"place": "E06000061"}, "North"),
                               packs.view("scorecard", {"place": "E06000062"}, "West")], "a@example.org")
    at = app(built_db, present="1", pack="places", slide="1", place="E06000061")
    at.switch_page("pages/scorecard.py").run()
    assert at.session_state["place"] == "E06000061"
    [b for b in at.button if b.label == "Next ›"][0].click().run()
    assert at.query_params["slide"] == "2" and at.session_state["place"] == "E06000062"
    assert at.query_params["place"] == "E06000062"
