"""The editors' desk: Django admin arranged for ingesting, reviewing, editing and publishing."""
