vcl 4.1;

# The caching proxy in front of gunicorn (docs/deployment.md).
#
# Anonymous GET/HEAD requests for public pages are cached for their s-maxage, until the site
# purges them: any change a visitor could see (a page published, unpublished, moved or deleted, a
# setting, a snippet, an image) sends a PURGE of the site's root once the change is committed
# (clermont_intl.caching.invalidation), and so do a release's start and a restore. A PURGE here forgets the URL and every URL below it, with
# any query string: the whole site for "/". Editors (a session cookie), the admin, documents (which
# may be private), forms posted by citizens and anything the site marks private are never
# cached. The backend is in backend.vcl so that the same rules serve Compose (host "web") and
# the loopback tests (127.0.0.1).

include "backend.vcl";

# Who may purge: the web containers (private networks in Compose) and loopback. nginx in front
# refuses PURGE from outside, so a citizen cannot empty the cache.
acl purgers {
    "localhost";
    "127.0.0.1";
    "::1";
    "10.0.0.0"/8;
    "172.16.0.0"/12;
    "192.168.0.0"/16;
}

sub vcl_recv {
    if (req.method == "PURGE") {
        if (client.ip !~ purgers) {
            return (synth(405, "Not allowed"));
        }
        # A ban rather than a purge: it reaches every variant of the path (query strings,
        # feeds and files below it). On the object's own URL (x-url), so that the ban lurker
        # clears memory in the background. Host aside: the Wagtail Site's hostname may differ
        # from the public one, and this Varnish serves this site only.
        ban("obj.http.x-url ~ ^" + regsub(req.url, "[?].*$", ""));
        return (synth(200, "Banned"));
    }
    if (req.method != "GET" && req.method != "HEAD") {
        # Form submissions, admin actions: straight to the site, with their cookies.
        return (pass);
    }
    if (req.url ~ "^/(admin|documents|healthz)(/|$)") {
        return (pass);
    }
    # A signed-in editor sees previews and unpublished state: never from the cache.
    if (req.http.Cookie ~ "(^|;\s*)sessionid=") {
        return (pass);
    }
    # Other cookies (csrftoken, language choice) do not change a public page: drop them so that
    # every citizen shares the same cached copy. A page that needs the CSRF token (the project
    # support form) sets its cookie again and says it is private, so it is not cached.
    unset req.http.Cookie;
    # Tracking parameters do not change the page.
    set req.url = regsuball(req.url, "(?<=[?&])(utm_[a-z]+|fbclid|gclid)=[^&]*&?", "");
    set req.url = regsub(req.url, "[?&]$", "");
    return (hash);
}

sub vcl_backend_response {
    # For the bans of PURGE (above); removed before delivery.
    set beresp.http.x-url = bereq.url;
    if (bereq.uncacheable) {
        return (deliver);
    }
    if (beresp.http.Set-Cookie
        || beresp.http.Cache-Control ~ "(private|no-cache|no-store)"
        || beresp.status >= 500) {
        # Remember for a short while not to cache this URL, without queueing requests on it.
        set beresp.ttl = 120s;
        set beresp.uncacheable = true;
        return (deliver);
    }
    if (beresp.status == 200) {
        # Pages say how long they hold with s-maxage (clermont_intl.caching.proxy), which Varnish
        # has already made their ttl: a day for pages, until a purge; less for those that
        # change with the clock (upcoming events). Without it, a day: a safety net.
        if (beresp.http.Cache-Control !~ "s-maxage") {
            set beresp.ttl = 24h;
        }
        if (beresp.ttl > 1h) {
            # Serve a stale copy for a while if the site is down, while it is fetched again.
            set beresp.grace = 1h;
        } else {
            # Once expired, served stale only while it is fetched again (30 s at most).
            set beresp.grace = 30s;
        }
        return (deliver);
    }
    # Redirects depend on X-Forwarded-Proto (HTTP to HTTPS) and errors on the moment: not kept.
    set beresp.ttl = 0s;
    set beresp.uncacheable = true;
    return (deliver);
}

sub vcl_deliver {
    unset resp.http.x-url;
    # Whether the page came from the cache: used by the tests and by people debugging.
    if (obj.hits > 0) {
        set resp.http.X-Cache = "HIT";
    } else {
        set resp.http.X-Cache = "MISS";
    }
    # Browsers revalidate: a page purged here must not linger in their own caches.
    if (!resp.http.Cache-Control) {
        set resp.http.Cache-Control = "no-cache";
    }
}
