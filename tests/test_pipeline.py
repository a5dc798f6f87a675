"""The pipeline's wiring, the engine's independence from Django, and its public surface."""

from __future__ import annotations

import ast
from dataclasses import replace
from pathlib import Path

import pytest

import nutgraf.engine as engine
from nutgraf.engine import DEFAULT_STAGES, Pipeline, PipelineError, Source, Stage, Work

ENGINE = Path(engine.__file__).parent


def test_engine_never_imports_django() -> None:
    offenders = []
    for path in ENGINE.rglob("*.py"):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            names = []
            if isinstance(node, ast.Import):
                names = [alias.name for alias in node.names]
            elif isinstance(node, ast.ImportFrom) and node.module:
                names = [node.module]
            offenders += [f"{path.name}: {n}" for n in names if n.split(".")[0] == "django"]
    assert offenders == []


def test_public_surface_is_sorted_and_complete() -> None:
    assert engine.__all__ == sorted(engine.__all__)
    for name in engine.__all__:
        assert hasattr(engine, name), name
    public = {
        name
        for name, value in vars(engine).items()
        if not name.startswith("_")
        and not getattr(value, "__file__", None)  # not submodules
        and name not in {"annotations", "Path"}
    }
    assert public == set(engine.__all__)


def test_default_stages_are_wired() -> None:
    pipeline = Pipeline()
    assert [s.name for s in pipeline.stages][:2] == ["extract", "sentences"]
    assert pipeline.stages[-1].provides == frozenset({"brief"})


def test_a_stage_missing_its_input_is_refused_when_built() -> None:
    without_sentences = tuple(s for s in DEFAULT_STAGES if s.name != "sentences")
    with pytest.raises(PipelineError, match="requires"):
        Pipeline(without_sentences)


def test_unknown_fields_are_refused() -> None:
    bad = Stage("bad", lambda work: work, frozenset({"nonsense"}), frozenset())
    with pytest.raises(PipelineError, match="unknown"):
        Pipeline((bad,))


def test_a_caller_swaps_a_stage() -> None:
    def no_quotes(work: Work) -> Work:
        return replace(work, quotes=())

    stages = tuple(
        Stage("quotes", no_quotes, s.requires, s.provides) if s.name == "quotes" else s
        for s in DEFAULT_STAGES
    )
    text = '"We will win," Ann Lee said. Lee is the mayor of Springfield.'
    source = Source("text", text.encode(), "text/plain")
    default = Pipeline().run(source).brief
    swapped = Pipeline(stages).run(source).brief
    assert default is not None and default.quotes
    assert swapped is not None and swapped.quotes == ()
