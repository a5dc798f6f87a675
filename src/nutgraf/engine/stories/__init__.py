"""Stories: many articles about one event, grouped, traced and merged into one brief.

signatures.py   MinHash of word shingles, LSH band keys (near-copies)
profiles.py     an article's terms, names and figures, day and signature
clustering.py   online story assignment (StoryIndex) and batch re-clustering
"""
