"""Security headers: Content-Security-Policy per area of the site, and Permissions-Policy."""

import secrets

# --- Content-Security-Policy ------------------------------------------------------------------

# Public pages: no inline script or style at all; a per-response nonce exists for the rare
# script that must be inline (`request.csp_nonce` in templates), so 'unsafe-inline' is never needed.
PUBLIC_POLICY = (
    "default-src 'self'; script-src 'self' 'nonce-{nonce}'; style-src 'self'; "
    "img-src 'self' data:; font-src 'self'; connect-src 'self'; media-src 'self'; "
    "object-src 'none'; base-uri 'self'; form-action 'self'; frame-ancestors 'none'"
)
# Wagtail's admin writes inline styles and a few inline scripts: it gets them, but still loads
# nothing from another origin, cannot be framed by another site, and posts only to itself.
ADMIN_POLICY = (
    "default-src 'self'; script-src 'self' 'unsafe-inline'; style-src 'self' 'unsafe-inline'; "
    "img-src 'self' data: blob:; font-src 'self' data:; connect-src 'self'; media-src 'self'; "
    "frame-src 'self'; object-src 'none'; base-uri 'self'; form-action 'self'; "
    "frame-ancestors 'self'"
)
# Uploaded documents are someone else's files: never run anything from them on our domain.
DOCUMENT_POLICY = "default-src 'none'; sandbox"
# The password form of a private document is our own page, not the document: a sandbox would stop
# it from posting (and an opaque origin would fail the CSRF check), so it gets a policy without
# sandbox that still runs no script and posts only to the site.
DOCUMENT_FORM_POLICY = (
    "default-src 'none'; style-src 'self'; img-src 'self'; form-action 'self'; "
    "base-uri 'none'; frame-ancestors 'none'"
)

PERMISSIONS_POLICY = (
    "camera=(), microphone=(), geolocation=(), payment=(), usb=(), interest-cohort=()"
)


def _is_a_file(response):
    return response.streaming or response.has_header("Content-Disposition")


def policy_for(path, response):
    if path.startswith("/admin/"):
        return ADMIN_POLICY
    if path.startswith("/documents/"):
        # Anything under /documents/ that is not our own HTML page is treated as the document.
        is_form = not _is_a_file(response) and response.get("Content-Type", "").startswith(
            "text/html"
        )
        return DOCUMENT_FORM_POLICY if is_form else DOCUMENT_POLICY
    return PUBLIC_POLICY


class SecurityHeadersMiddleware:
    """Content-Security-Policy (per area of the site) and Permissions-Policy on every response.

    HSTS, nosniff, Referrer-Policy and X-Frame-Options come from Django's own middlewares.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        request.csp_nonce = secrets.token_urlsafe(16)
        response = self.get_response(request)
        policy = policy_for(request.path, response)
        response["Content-Security-Policy"] = policy.format(nonce=request.csp_nonce)
        response.setdefault("Permissions-Policy", PERMISSIONS_POLICY)
        return response
