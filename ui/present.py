"""Presentation mode and the board-pack draft, drawn by the frame (ui/frame.py).

``?present=1`` hides the sidebar and the top bar and sets large type (body text 20 px or more, legible at
1280 x 720 through a video call). With ``&pack=<slug>&slide=<n>`` it steps through a saved pack (or ``pack=draft``,
this session's unsaved one): Previous and Next buttons answer the keys a presentation clicker sends (← → and
PageUp / PageDown, through Streamlit's button shortcuts), and each view's link is shown small, for members to
open later. Every page's "Add this view to the board pack" (in the sidebar) adds the page with its link's
parameters to the draft that /pack names, saves, presents and exports.
"""
from __future__ import annotations

import streamlit as st

from lybl import packs

DRAFT = "pack_draft"
#: large type and no chrome; the view's own widgets stay, so a presenter can still change a filter
PRESENT_CSS = """<style>
[data-testid='stSidebar'],[data-testid='stSidebarCollapsedControl'],[data-testid='stHeader'],
[data-testid='stToolbar'],[data-testid='stDecoration']{display:none!important}
html{font-size:20px!important}
.stApp [data-testid='stMarkdownContainer'] p,.stApp [data-testid='stMarkdownContainer'] li,
.stApp [data-testid='stCaptionContainer'],.stApp table td,.stApp table th{font-size:20px!important}
[data-testid='stMainBlockContainer']{padding-top:1rem!important;max-width:100%!important}
.st-key-present_keys{display:none}
.stApp kbd{color:#212b32!important;opacity:1!important}
</style>"""


def presenting() -> bool:
    return st.query_params.get("present") == "1"


def draft() -> list[dict]:
    return st.session_state.setdefault(DRAFT, [])


def current_view(page) -> dict:
    """The page being shown, with its link's parameters, as a pack view."""
    params = {k: (st.query_params.get_all(k) if len(st.query_params.get_all(k)) > 1 else st.query_params.get(k))
              for k in st.query_params}
    return packs.view(page.url_path or "", params, title_of(page.title, params))


def view_of_link(link: str) -> dict:
    """A pasted link ('https://host/compare?view=spine', '/maps?level=ward') as a pack view."""
    from urllib.parse import parse_qs, urlsplit
    parts = urlsplit(link.strip())
    path = parts.path.strip("/").rsplit("/", 1)[-1] if parts.path.strip("/") else ""
    files = page_files()
    if path not in files:
        raise packs.UnknownPack(f"“{link}” is not a link to a page of this dashboard (no page “/{path}”).")
    params = {k: v if len(v) > 1 else v[0] for k, v in parse_qs(parts.query).items()}
    return packs.view(path, params, title_of(files[path].title, params))


def title_of(page_title: str, params: dict) -> str:
    """'North vs West (spine, North Northamptonshire)': the page and its link's choices, codes as names."""
    from lybl.ics import ics
    quiet = {"palette", "sort", *packs.PRESENTATION_PARAMS}
    words = []
    for key, value in params.items():
        if key in quiet or (key == "place" and value == ics().icb.code):
            continue
        for v in value if isinstance(value, list) else [value]:
            words.append(ics().short(v.split("@")[-1], v.split("@")[0].replace("_", " ")) if "@" in v
                         else ics().name(v, v.replace("_", " ")))
    return page_title + (f" ({', '.join(words)})" if words else "")


def add_button(page) -> None:
    """The sidebar's 'Add this view to the board pack', with the draft's size."""
    def add() -> None:  # a callback: it runs before the next run, with the link as the page last wrote it
        draft().append(current_view(page))
        st.toast(f"Added: {draft()[-1]['title']}. The pack has {len(draft())} views (Board pack page).")

    st.sidebar.button(f"Add this view to the board pack ({len(draft())})", icon=":material/playlist_add:",
                      width="stretch", on_click=add,
                      help="The page with its filters, as the link holds them; name, save, present and export "
                           "the pack on the Board pack page.")
    st.sidebar.button("Present this view", icon=":material/slideshow:", width="stretch",
                      on_click=lambda: st.query_params.update(present="1"),
                      help="Large type, no sidebar or top bar, for screen-sharing (Esc leaves); the link gets "
                           "?present=1")


def pack_views() -> tuple[str, str, list[dict]] | None:
    """(slug, name, views) of the pack being presented, or None."""
    key = st.query_params.get("pack")
    if not key:
        return None
    if key == "draft":
        return "draft", "this session's pack", draft()
    pack = packs.load_pack(key)
    return packs.slug(pack["name"]), pack["name"], pack["views"]


def page_files(table: dict | None = None) -> dict[str, object]:
    """Each page's link path -> its st.Page (for st.switch_page), from the frame's page table if given."""
    from ui.frame import pages
    return {p.url_path: p for section in (table or pages()).values() for p in section}


#: choices kept in session state that would outlive the link of the next view: read from its link again
FROM_THE_LINK = ("place", "lap", "spc_series", "mdc_picked")


def from_the_link() -> None:
    """Called by the frame before the filters are drawn: after a step in a pack, forget the session's Place,
    LAP and chosen series, so the next view shows its own link's."""
    if st.session_state.pop("view_switched", False):
        for key in FROM_THE_LINK:
            st.session_state.pop(key, None)


def go(views: list[dict], slug: str, number: int, files: dict[str, object]) -> None:
    """Switch to view ``number`` (1-based) of a pack, in presentation mode."""
    v = views[number - 1]
    st.session_state["view_switched"] = True
    st.switch_page(files[v["page"]], query_params={**v["params"], "present": "1", "pack": slug, "slide": str(number)})


def controls(files: dict[str, object]) -> None:
    """The presentation bar: Previous, where we are, Next, Exit; the view's link, small."""
    st.html(PRESENT_CSS)
    found = pack_views()
    exit_to = {k: v for k, v in st.query_params.to_dict().items() if k not in packs.PRESENTATION_PARAMS}
    if not found or not found[2]:
        left, right = st.columns([6, 1], vertical_alignment="center")
        if right.button("Exit", shortcut="Esc", width="stretch", help="Leave presentation mode (Esc)"):
            st.query_params.clear()
            st.query_params.update(exit_to)
            st.rerun()
        return
    slug, name, views = found
    raw = st.query_params.get("slide", "1")
    number = min(max(int(raw) if raw.isdigit() else 1, 1), len(views))
    back, where, ahead, leave = st.columns([1, 4, 1, 1], vertical_alignment="center")
    if back.button("‹ Previous", shortcut="Left", disabled=number == 1, width="stretch",
                   help="Previous view (← or PageUp)"):
        go(views, slug, number - 1, files)
    where.markdown(f"**{name}** · view {number} of {len(views)}: {views[number - 1]['title']}")
    if ahead.button("Next ›", shortcut="Right", disabled=number == len(views), width="stretch",
                    help="Next view (→ or PageDown)"):
        go(views, slug, number + 1, files)
    if leave.button("Exit", shortcut="Esc", width="stretch", help="Leave presentation mode (Esc)"):
        st.switch_page(files["pack"], query_params={"pack": slug} if slug != "draft" else {})
    with st.container(key="present_keys"):  # a clicker's PageUp / PageDown: the same moves, without a second label
        if st.button("PageUp", shortcut="PageUp", disabled=number == 1):
            go(views, slug, number - 1, files)
        if st.button("PageDown", shortcut="PageDown", disabled=number == len(views)):
            go(views, slug, number + 1, files)
    st.caption(f"Link to this view: {base_url(views[number - 1]['page'])}{packs.link(views[number - 1])}")


def base_url(page_path: str) -> str:
    """The dashboard's address without the page's path ('' outside a browser): for links on slides."""
    url = (st.context.url or "").rstrip("/")
    return url[: -len(page_path) - 1] if page_path and url.endswith("/" + page_path) else url
