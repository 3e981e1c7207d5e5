"""Database backends of the project (see clermont_intl/db/postgresql)."""
