"""Repo-level tests run by pytest-odoo against the database `make test` prepared."""
