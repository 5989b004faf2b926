"""Vendored referrer lists (Matomo's searchengine-and-social-list, GA4's source categories); see SOURCE.md."""
