# The site, as Compose names it (the loopback tests write their own backend.vcl).
backend default {
    .host = "web";
    .port = "8000";
    .probe = {
        .request = "GET /healthz/ HTTP/1.1"
            "Host: 127.0.0.1"
            "X-Forwarded-Proto: https"
            "Connection: close";
        .interval = 10s;
        .timeout = 5s;
        .window = 5;
        .threshold = 3;
    }
    .first_byte_timeout = 60s;
}
