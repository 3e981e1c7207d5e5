"""Site-wide protections, one module per concern; docs/security.md lists each with its test.

- ``headers``: Content-Security-Policy per area of the site and Permissions-Policy.
- ``login``: the client's address behind the proxy, the login lockouts, the locked-out answer.
- ``password_reset``: the admin's password reset, rate-limited per address and per account.
- ``documents``: the document upload form, one clear message for a file over the size limit.
- ``rate_limits``: counters kept in the database (``models.RateEvent``), which a cache flush,
  a restore or Redis eviction cannot erase, and which need no Redis.
"""
