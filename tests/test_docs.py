"""Documentation is checked: pages, settings and queries are all described."""
import re

from lybl import config
from lybl.db import load_query, query_names

README = (config.ROOT / "README.md").read_text()
NAVIGATION = (config.ROOT / "ui" / "frame.py").read_text()  # the page table


def test_every_page_is_in_the_readme_with_a_screenshot():
    paths = re.findall(r'url_path="([^"]*)"', NAVIGATION)
    assert paths, "ui/frame.py declares no pages"
    for path in paths:
        assert f"(`/{path}" in README, f"page /{path} is not described in README.md"
    for shot in re.findall(r"\]\((docs/screenshots/[^)]+)\)", README):
        assert (config.ROOT / shot).exists(), shot


def test_every_setting_is_documented():
    for name in config.SETTINGS:
        assert f"`{name}`" in README


def test_readme_gives_exactly_the_two_commands():
    block = README.split("## Two commands", 1)[1].split("```sh", 1)[1].split("```", 1)[0]
    commands = [line.split("#")[0].strip() for line in block.strip().splitlines()]
    assert commands == ["make run", "make test"]


def test_every_query_names_itself():
    for name in query_names():
        assert load_query(name).name == name
