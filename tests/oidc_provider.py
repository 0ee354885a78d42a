"""A small OpenID Connect provider on 127.0.0.1 for the sign-in tests: discovery, a sign-in form, the
authorisation-code flow with PKCE (S256), RS256-signed ID tokens (joserfc, Authlib's JOSE library), JWKS and
userinfo. It signs in whoever types an e-mail address: it stands in for Microsoft Entra ID in tests only.
"""
from __future__ import annotations

import base64
import hashlib
import html
import json
import secrets
import threading
import time
from contextlib import contextmanager
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qs, urlencode, urlparse

from joserfc import jwt
from joserfc.jwk import RSAKey

CLIENT_ID, CLIENT_SECRET = "lybl-insight-test", "test-client-secret"


class Provider:
    def __init__(self):
        self.key = RSAKey.generate_key(2048, parameters={"kid": "test-key", "use": "sig", "alg": "RS256"})
        self.codes: dict[str, dict] = {}
        self.tokens: dict[str, dict] = {}
        self.issuer = ""
        self.sign_ins: list[str] = []

    def metadata(self) -> dict:
        base = self.issuer
        return {"issuer": base, "authorization_endpoint": f"{base}/authorize", "token_endpoint": f"{base}/token",
                "jwks_uri": f"{base}/jwks", "userinfo_endpoint": f"{base}/userinfo",
                "response_types_supported": ["code"], "subject_types_supported": ["public"],
                "id_token_signing_alg_values_supported": ["RS256"], "scopes_supported": ["openid", "email", "profile"],
                "token_endpoint_auth_methods_supported": ["client_secret_basic", "client_secret_post"],
                "code_challenge_methods_supported": ["S256"], "claims_supported": ["sub", "email", "name"]}

    def id_token(self, grant: dict) -> str:
        now = int(time.time())
        claims = {"iss": self.issuer, "sub": hashlib.sha256(grant["email"].encode()).hexdigest()[:16],
                  "aud": CLIENT_ID, "iat": now, "exp": now + 600, "email": grant["email"], "email_verified": True,
                  "name": grant["email"].split("@")[0]}
        if grant.get("nonce"):
            claims["nonce"] = grant["nonce"]
        return jwt.encode({"alg": "RS256", "kid": "test-key"}, claims, self.key)


def _handler(provider: Provider):
    class Handler(BaseHTTPRequestHandler):
        def log_message(self, *args):
            pass

        def _send(self, status: int, body: bytes, kind: str = "application/json", headers: dict | None = None):
            self.send_response(status)
            self.send_header("Content-Type", kind)
            self.send_header("Content-Length", str(len(body)))
            for name, value in (headers or {}).items():
                self.send_header(name, value)
            self.end_headers()
            self.wfile.write(body)

        def _json(self, status: int, payload: dict):
            self._send(status, json.dumps(payload).encode())

        def do_GET(self):
            url = urlparse(self.path)
            query = {k: v[0] for k, v in parse_qs(url.query).items()}
            if url.path == "/.well-known/openid-configuration":
                return self._json(200, provider.metadata())
            if url.path == "/jwks":
                return self._json(200, {"keys": [provider.key.as_dict(private=False)]})
            if url.path == "/authorize":
                if query.get("client_id") != CLIENT_ID or query.get("response_type") != "code":
                    return self._send(400, b"unknown client or response type", "text/plain")
                hidden = "".join(f'<input type="hidden" name="{html.escape(k)}" value="{html.escape(v)}">'
                                 for k, v in query.items())
                page = (f"<!doctype html><title>Test identity provider</title><h1>Sign in (test provider)</h1>"
                        f'<form method="post" action="/authorize">{hidden}<label>E-mail address '
                        f'<input name="email" type="email" required></label><button type="submit">Sign in'
                        "</button></form>")
                return self._send(200, page.encode(), "text/html; charset=utf-8")
            if url.path == "/userinfo":
                token = self.headers.get("Authorization", "").removeprefix("Bearer ")
                grant = provider.tokens.get(token)
                if not grant:
                    return self._json(401, {"error": "invalid_token"})
                return self._json(200, {"sub": hashlib.sha256(grant["email"].encode()).hexdigest()[:16],
                                        "email": grant["email"], "email_verified": True})
            return self._send(404, b"not found", "text/plain")

        def do_POST(self):
            length = int(self.headers.get("Content-Length") or 0)
            form = {k: v[0] for k, v in parse_qs(self.rfile.read(length).decode()).items()}
            url = urlparse(self.path)
            if url.path == "/authorize":
                code = secrets.token_urlsafe(16)
                provider.codes[code] = dict(form)
                provider.sign_ins.append(form["email"])
                target = form["redirect_uri"] + "?" + urlencode({"code": code, "state": form.get("state", "")})
                return self._send(302, b"", "text/plain", {"Location": target})
            if url.path == "/token":
                client_id, secret = form.get("client_id"), form.get("client_secret")
                basic = self.headers.get("Authorization", "")
                if basic.startswith("Basic "):
                    client_id, secret = base64.b64decode(basic[6:]).decode().split(":", 1)
                if (client_id, secret) != (CLIENT_ID, CLIENT_SECRET):
                    return self._json(401, {"error": "invalid_client"})
                grant = provider.codes.pop(form.get("code", ""), None)
                if grant is None or grant["redirect_uri"] != form.get("redirect_uri"):
                    return self._json(400, {"error": "invalid_grant"})
                if grant.get("code_challenge"):
                    verifier = form.get("code_verifier", "").encode()
                    expected = base64.urlsafe_b64encode(hashlib.sha256(verifier).digest()).rstrip(b"=").decode()
                    if expected != grant["code_challenge"]:
                        return self._json(400, {"error": "invalid_grant", "error_description": "PKCE"})
                access = secrets.token_urlsafe(16)
                provider.tokens[access] = grant
                return self._json(200, {"access_token": access, "token_type": "Bearer", "expires_in": 600,
                                        "id_token": provider.id_token(grant), "scope": "openid email profile"})
            return self._send(404, b"not found", "text/plain")
    return Handler


@contextmanager
def oidc_provider():
    """Serve a provider on a free local port; yield it (its ``issuer`` is the base URL)."""
    provider = Provider()
    server = ThreadingHTTPServer(("127.0.0.1", 0), _handler(provider))
    provider.issuer = f"http://127.0.0.1:{server.server_address[1]}"
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield provider
    finally:
        server.shutdown()
        server.server_close()


def secrets_toml(provider: Provider, app_url: str) -> str:
    """The [auth] section of .streamlit/secrets.toml for a Streamlit server at ``app_url``."""
    return (f'[auth]\nredirect_uri = "{app_url}/oauth2callback"\ncookie_secret = "{secrets.token_hex(32)}"\n'
            f'client_id = "{CLIENT_ID}"\nclient_secret = "{CLIENT_SECRET}"\n'
            f'server_metadata_url = "{provider.issuer}/.well-known/openid-configuration"\n')
