"""Sign-in for writes: reading stays anonymous; uploading, reverting and objective updates need an editor.

An editor is someone signed in with Streamlit's ``st.login`` (OpenID Connect, configured in the ``[auth]``
section of ``.streamlit/secrets.toml``; README "Sign-in for writes" shows Microsoft Entra ID) whose e-mail
address is on the allow-list ``LYBL_EDITORS``. That address is what every write records.

Without ``[auth]`` the write controls are not drawn, and the page says how to configure sign-in; the one
exception is local development: ``LYBL_DEV_EDITOR=you@example.org`` (honoured only while no ``[auth]`` is
configured) writes as that address, with a banner saying so.
"""
from __future__ import annotations

import os

import streamlit as st

from lybl import config

AUTH_KEYS = ("redirect_uri", "cookie_secret", "client_id", "client_secret", "server_metadata_url")


def configured() -> bool:
    """Whether ``.streamlit/secrets.toml`` has a complete ``[auth]`` section."""
    try:
        auth = st.secrets.get("auth")
    except Exception:  # no secrets file at all: Streamlit raises its own not-found error
        return False
    return bool(auth) and all(auth.get(key) for key in AUTH_KEYS)


def allowed(email: str | None) -> bool:
    """Whether an address is on the editors' allow-list (an entry ``@example.org`` admits a whole domain)."""
    if not email:
        return False
    email = email.strip().lower()
    for entry in config.editors():
        if email == entry or (entry.startswith("@") and email.endswith(entry)):
            return True
    return False


def editor(action: str) -> str | None:
    """The signed-in editor's e-mail address, drawing who is signed in; None (after saying why) when the
    current session may not ``action`` (e.g. "upload figures")."""
    dev = os.environ.get("LYBL_DEV_EDITOR", "").strip()
    if not configured():
        if dev:
            st.warning(f"**Local development mode**: sign-in is not configured, so writes are recorded as "
                       f"**{dev}** (`LYBL_DEV_EDITOR`). Never run a shared server like this.",
                       icon=":material/construction:")
            return dev
        st.info(f"**Read-only.** To {action}, an editor signs in, and sign-in is not configured on this server. "
                "An administrator adds an `[auth]` section (OpenID Connect, e.g. Microsoft Entra ID) to "
                "`.streamlit/secrets.toml` and lists the editors' e-mail addresses in `LYBL_EDITORS`: README, "
                "*Sign-in for writes*.", icon=":material/lock:")
        return None
    if not st.user.is_logged_in:
        left, right = st.columns([4, 1], vertical_alignment="center")
        left.info(f"Sign in to {action}. Reading needs no sign-in.", icon=":material/lock:")
        right.button("Sign in", on_click=st.login, type="primary", key=f"sign_in_{action}", width="stretch")
        return None
    email = str(st.user.get("email") or "")
    left, right = st.columns([4, 1], vertical_alignment="center")
    if not allowed(email):
        left.warning(f"Signed in as **{email or 'an account with no e-mail address'}**, which is not on this "
                     f"dashboard's list of editors (`LYBL_EDITORS`): you can read, not {action}. Ask the "
                     "dashboard's administrator to add you.", icon=":material/block:")
        right.button("Sign out", on_click=st.logout, key=f"sign_out_{action}", width="stretch")
        return None
    left.caption(f"Signed in as **{email}**: what you {action.split()[0]} is recorded under this address.")
    right.button("Sign out", on_click=st.logout, key=f"sign_out_{action}", width="stretch")
    return email
