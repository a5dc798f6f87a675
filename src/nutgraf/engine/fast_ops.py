"""Faster arithmetic for the model on CPUs: numpy's matrix product, on one thread.

thinc multiplies matrices with its bundled BLIS build, whose kernels stop at AVX2; numpy's
OpenBLAS picks the CPU's widest ones and ran the model's products 1.5 times faster here
(`nutgraf bench speed` gives the whole effect). OpenBLAS would also start a thread per core for
products this small, which costs more than it gains and takes a core a web worker or the
other briefs need, so the process keeps it to one thread.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

import numpy as np
from thinc.api import NumpyOps

if TYPE_CHECKING:
    from spacy.language import Language


class MatmulOps(NumpyOps):  # type: ignore[misc]  # thinc's Ops is untyped
    """thinc's CPU operations with `gemm` done by numpy."""

    name = "nutgraf-numpy"

    def gemm(
        self,
        x: Any,
        y: Any,
        out: Any = None,
        trans1: bool = False,
        trans2: bool = False,
    ) -> Any:
        left = x.T if trans1 else x
        right = y.T if trans2 else y
        if out is None:
            return np.matmul(left, right)
        np.matmul(left, right, out=out)
        return out


def install(model: Language) -> None:
    """Give every layer of every component of `model` the faster operations."""
    from threadpoolctl import threadpool_limits

    threadpool_limits(limits=1, user_api="blas")
    ops = MatmulOps()
    for _, component in model.pipeline:
        layers = getattr(component, "model", None)
        if layers is None:
            continue
        for layer in layers.walk():
            layer.ops = ops
