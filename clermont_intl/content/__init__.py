"""Content built by code: the section from the service's seed text (seed loader) and a large
fictitious site for the benchmark and the query-count tests (demo builder). Each domain app
gives its own part through the core's hooks (docs/architecture.md)."""
