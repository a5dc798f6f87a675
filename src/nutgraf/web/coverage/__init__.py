"""Coverage: one event told by many outlets, grouped from the site's stories.

A `stories.Story` is one published explainer made from one ingested article. When a story is
published, `services.coverage_assign` profiles its article, finds the event it reports with the
engine's StoryIndex (nutgraf.engine.stories) and stores it as a `CoverageMember` of that
`Coverage`, with its role (original reporting, rewrite of an earlier article, or a rewrite that
adds facts). The coverage's merged brief (the engine's StoryBrief, JSON contract
"nutgraf_story": 2) is recomputed from its members' briefs on every change.

    models.py      Coverage and CoverageMember
    profiles.py    a story's clustering profile, stored and restored (terms, names, signature)
    briefs.py      the stored brief JSON read back into the engine's Brief
    services.py    coverage_assign, coverage_withdraw, coverage_merge, coverage_recluster
    selectors.py   the coverage page, and source counts annotated onto story lists
    signals.py     publication and withdrawal of stories, seen through their revisions
    samples.py     fictional multi-outlet sample sets for the demo site
"""
