"""The layout the architecture promises (docs/architecture.md): thin pages, one mart per question named after
the query that reads it, read-time answers without Plotly, the build code where the Makefile looks for it."""
import ast
import re

from lybl.build.database import mart_files
from lybl.config import ROOT

PAGES = sorted((ROOT / "pages").glob("*.py"))
MARTS = sorted((ROOT / "lybl" / "build" / "marts").glob("*.sql"))


def test_every_page_is_at_most_80_lines_and_starts_with_the_frame_guard():
    assert len(PAGES) == 15
    for page in PAGES:
        lines = page.read_text().splitlines()
        assert len(lines) <= 80, f"{page.name}: {len(lines)} lines"
        body = [node for node in ast.parse(page.read_text()).body
                if not isinstance(node, (ast.Import, ast.ImportFrom))
                and not (isinstance(node, ast.Expr) and isinstance(node.value, ast.Constant))]  # the docstring
        first = body[0]
        assert isinstance(first, ast.Expr) and getattr(first.value.func, "id", "") == "framed", \
            f"{page.name}: the first statement is not framed()"


def test_each_mart_is_named_after_the_query_that_reads_it_and_says_what_it_reads():
    for mart in MARTS:
        text = mart.read_text()
        assert "-- Reads (and the step that fills each):" in text, mart.name
        if mart.stem == "scopes":
            continue
        assert f"create table mart_{mart.stem} as" in text, mart.name
        query = ROOT / "queries" / f"{mart.stem}.sql"
        assert query.exists() and f"mart_{mart.stem}" in query.read_text(), f"no queries/{mart.stem}.sql reads it"
        assert f"lybl/build/marts/{mart.stem}.sql" in query.read_text(), f"queries/{mart.stem}.sql does not name it"


def test_marts_run_after_the_marts_they_read():
    order = [p.stem for p in mart_files()]
    assert order[0] == "scopes" and set(order) == {p.stem for p in MARTS}
    for position, name in enumerate(order):
        for read in set(re.findall(r"\bmart_(\w+)", (ROOT / "lybl/build/marts" / f"{name}.sql").read_text())) - {name}:
            assert order.index(read) < position, f"{name} runs before {read}, which it reads"


def test_read_time_answers_draw_nothing():
    for module in sorted((ROOT / "lybl" / "read").glob("*.py")):
        text = module.read_text()
        assert "plotly" not in text and "streamlit" not in text, module.name
