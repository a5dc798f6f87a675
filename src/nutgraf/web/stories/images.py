"""Uploaded lead images: checked, re-encoded and thumbnailed before anything is stored.

An upload is never stored as sent. Pillow opens it (JPEG, PNG or WebP only), refuses images
too large to decode safely, turns it upright by its EXIF orientation, and writes two new
JPEG files without the upload's metadata: the picture (at most 1600 pixels wide) and a
thumbnail for listings (480 wide). What a reader downloads is therefore always a plain image
made here, whatever the upload carried.
"""

from __future__ import annotations

import hashlib
import io
import warnings
from dataclasses import dataclass

ACCEPTED = ("JPEG", "PNG", "WEBP")
MAX_PIXELS = 40_000_000  # a 8000 x 5000 photo; larger is refused before it is decoded
WIDTH = 1600
THUMB_WIDTH = 480


class ImageRefusedError(ValueError):
    """The upload is not an image the site takes; the message is one sentence for an editor."""


@dataclass(frozen=True, slots=True)
class PreparedImage:
    name: str  # "3f2a…e1.jpg": the content's hash, so the same picture is stored once
    picture: bytes
    thumbnail: bytes
    width: int
    height: int


def _jpeg(image: object, width: int) -> tuple[bytes, int, int]:
    from PIL import Image

    assert isinstance(image, Image.Image)
    copy = image.copy()
    if copy.width > width:
        copy = copy.resize(
            (width, round(copy.height * width / copy.width)), Image.Resampling.LANCZOS
        )
    out = io.BytesIO()
    copy.save(out, "JPEG", quality=85, optimize=True, progressive=True)
    return out.getvalue(), copy.width, copy.height


def image_prepare(*, content: bytes) -> PreparedImage:
    """The picture and thumbnail made from the upload `content`; raises ImageRefusedError."""
    from PIL import Image, ImageOps, UnidentifiedImageError

    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            probe = Image.open(io.BytesIO(content))
        with probe:
            kind = probe.format
            width, height = probe.size
        if kind not in ACCEPTED:
            raise ImageRefusedError("Upload a JPEG, PNG or WebP image.")
        if width * height > MAX_PIXELS:
            raise ImageRefusedError("That image has too many pixels; make it smaller first.")
        with Image.open(io.BytesIO(content)) as opened:
            opened.load()
            upright = ImageOps.exif_transpose(opened)
            if upright.mode in ("RGBA", "LA", "P"):
                rgba = upright.convert("RGBA")
                flat = Image.new("RGB", rgba.size, (255, 255, 255))
                flat.paste(rgba, mask=rgba.getchannel("A"))
                upright = flat
            elif upright.mode != "RGB":
                upright = upright.convert("RGB")
    except (
        UnidentifiedImageError,
        Image.DecompressionBombError,
        Image.DecompressionBombWarning,
        OSError,
        SyntaxError,
        ValueError,
    ) as error:
        if isinstance(error, ImageRefusedError):
            raise
        raise ImageRefusedError("That file is not an image the site can read.") from None
    picture, width, height = _jpeg(upright, WIDTH)
    thumbnail, _, _ = _jpeg(upright, THUMB_WIDTH)
    name = hashlib.sha256(picture).hexdigest()[:32] + ".jpg"
    return PreparedImage(
        name=name, picture=picture, thumbnail=thumbnail, width=width, height=height
    )
