"""nutgraf: turn news reporting into clear, sourced explainer pages."""

__version__ = "0.1.0"
