"""`nutgraf bench reading`: who said what, entities, dates and what the page is, on a gold set
annotated by hand from real news (tests/data/reading/, sources in its README)."""
