"""MinHash signatures of word shingles: a fixed-size fingerprint that tells near-copies apart.

An article's text becomes the set of its word 5-gram shingles (lower-cased words, punctuation
dropped), each hashed to 32 bits with CRC-32, then to MINHASH_SIZE minimum values under as many
multiply-shift hash functions. Two signatures agree in a share of positions that estimates the
Jaccard similarity of the two shingle sets; with the set sizes kept beside them, the share of one
article's shingles found in another (containment) follows, which is what "copied paragraphs"
needs: a rewrite that copies half of a wire story and pads it has low Jaccard, high containment.

Written here rather than taken from datasketch: a signature is 64 uint32 values (256 bytes) that
are the same in every process and on every machine (CRC-32 and fixed seeds, no salted `hash()`),
so the site can store it as bytes; datasketch's MinHash keeps 128 uint64 values in a Python object
(over 1 KB each) and is an extra dependency the engine does not need.

    >>> a = sign_text("The harbour authority said 1,200 workers walked out on Monday.")
    >>> jaccard(a, a)
    1.0
"""

from __future__ import annotations

import re
import zlib
from collections.abc import Iterable
from dataclasses import dataclass

import numpy as np
import numpy.typing as npt

#: Values per signature: the estimate's standard error is about 1/sqrt(64) = 0.125 at J = 0.5.
MINHASH_SIZE = 64
#: Words per shingle: long enough that two independent reports rarely share one by chance.
SHINGLE_WORDS = 5
#: LSH bands of MINHASH_SIZE // LSH_BANDS rows: pairs above J ~ 0.5 collide in some band.
LSH_BANDS = 16

_SEEDS = np.random.default_rng(20240517).integers(1, 2**63, size=(2, MINHASH_SIZE), dtype=np.uint64)
_MULTIPLIERS = _SEEDS[0] | np.uint64(1)  # odd multipliers make multiply-shift universal
_OFFSETS = _SEEDS[1]
_EMPTY = np.full(MINHASH_SIZE, np.iinfo(np.uint32).max, dtype=np.uint32)
_WORD = re.compile(r"[^\W_]+(?:[’'.,\-][^\W_]+)*", re.UNICODE)

Hashes = npt.NDArray[np.uint32]


@dataclass(frozen=True, slots=True)
class Signature:
    """The MinHash of a text's shingles and how many distinct shingles it had."""

    values: bytes  # MINHASH_SIZE little-endian uint32
    shingles: int

    def array(self) -> Hashes:
        return np.frombuffer(self.values, dtype="<u4")


def shingle_words(text: str) -> list[str]:
    return [word.lower() for word in _WORD.findall(text)]


def shingle_hashes(words: list[str], size: int = SHINGLE_WORDS) -> set[int]:
    """CRC-32 of each run of `size` words; a text shorter than that is one shingle."""
    if not words:
        return set()
    if len(words) < size:
        return {zlib.crc32(" ".join(words).encode("utf-8"))}
    return {
        zlib.crc32(" ".join(words[i : i + size]).encode("utf-8"))
        for i in range(len(words) - size + 1)
    }


def minhash(hashes: Iterable[int]) -> Hashes:
    """MINHASH_SIZE minima of (a*h + b) >> 32 over the 32-bit shingle hashes."""
    values = np.fromiter(hashes, dtype=np.uint64)
    if values.size == 0:
        return _EMPTY.copy()
    mixed = values[:, None] * _MULTIPLIERS[None, :] + _OFFSETS[None, :]
    result: Hashes = (mixed.min(axis=0) >> np.uint64(32)).astype(np.uint32)
    return result


def sign_text(text: str) -> Signature:
    hashes = shingle_hashes(shingle_words(text))
    return Signature(minhash(hashes).astype("<u4").tobytes(), len(hashes))


def jaccard(a: Signature, b: Signature) -> float:
    """Estimated Jaccard similarity of the two shingle sets, 0..1 (0 when either is empty)."""
    if not a.shingles or not b.shingles:
        return 0.0
    return float(np.count_nonzero(a.array() == b.array())) / MINHASH_SIZE


def containment(a: Signature, b: Signature) -> float:
    """Estimated share of a's shingles that are also b's, 0..1, from Jaccard and set sizes.

    |A∩B| = J(|A|+|B|)/(1+J), so containment = |A∩B| / |A|.
    """
    j = jaccard(a, b)
    if j == 0.0:
        return 0.0
    shared = j * (a.shingles + b.shingles) / (1.0 + j)
    return min(1.0, shared / a.shingles)


def band_keys(values: Hashes, bands: int = LSH_BANDS) -> list[int]:
    """One key per LSH band; two signatures share a key when that whole band agrees."""
    rows = len(values) // bands
    return [
        zlib.crc32(values[i * rows : (i + 1) * rows].tobytes()) ^ (i << 32) for i in range(bands)
    ]
