#!/usr/bin/env python3
"""Draw the illustrative artwork images that ship with the example content.

We have no photographs of the artists' works, so every image in
``content/series/<series>/`` is an original illustration drawn by this script:

* steppe horizons for Bakhyt Kalējs's "Steppe Awakening" (painterly dawn and dusk),
* market awnings, Almaty facades and felt-carpet ornament for Bakhyt Morel,
* quiet duotone scenes of village life for Bekzat Ayumi's "The People of Aktybek"
  (stylised silhouettes only, standing in for her photographs).

The output is deterministic: each work has its own ``random.Random`` seeded with the
work's path, and the only dependency is Pillow. Running the script twice writes
byte-identical files (for a given Pillow version).

Usage::

    python docs/tools/make_artwork.py            # regenerate every image
    python docs/tools/make_artwork.py --only steppe-awakening
    python docs/tools/make_artwork.py --out /tmp/artwork
"""

from __future__ import annotations

import argparse
import itertools
import math
import random
import re
import unicodedata
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from PIL import Image, ImageChops, ImageDraw, ImageFilter, ImageOps

ROOT = Path(__file__).resolve().parents[2]
SERIES_DIR = ROOT / "content" / "series"

#: Everything is drawn at this multiple of the final size, then reduced (anti-aliasing).
SS = 2

JPEG_OPTIONS = {"quality": 82, "optimize": True, "progressive": True, "subsampling": "4:2:0"}
MAX_BYTES = 195_000  # keep comfortably under 200 KB

Color = tuple[int, int, int]
Point = tuple[float, float]


# --------------------------------------------------------------------------------------
# Small helpers
# --------------------------------------------------------------------------------------


def hexc(value: str) -> Color:
    value = value.lstrip("#")
    return (int(value[0:2], 16), int(value[2:4], 16), int(value[4:6], 16))


def mix(a: Color, b: Color, t: float) -> Color:
    t = max(0.0, min(1.0, t))
    return (
        round(a[0] + (b[0] - a[0]) * t),
        round(a[1] + (b[1] - a[1]) * t),
        round(a[2] + (b[2] - a[2]) * t),
    )


def clamp(v: float) -> int:
    return 0 if v < 0 else 255 if v > 255 else int(v)


def smooth(t: float) -> float:
    t = max(0.0, min(1.0, t))
    return t * t * (3 - 2 * t)


def slugify(text: str) -> str:
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9]+", "-", ascii_text.lower()).strip("-")


def ramp(stops: Sequence[tuple[float, Color]], t: float) -> Color:
    """Colour at ``t`` along a list of ``(position, colour)`` stops, smoothly blended."""
    if t <= stops[0][0]:
        return stops[0][1]
    for (p0, c0), (p1, c1) in itertools.pairwise(stops):
        if t <= p1:
            return mix(c0, c1, smooth((t - p0) / (p1 - p0)))
    return stops[-1][1]


def vertical_gradient(size: tuple[int, int], stops: Sequence[tuple[float, Color]]) -> Image.Image:
    w, h = size
    column = Image.new("RGB", (1, h))
    column.putdata([ramp(stops, y / (h - 1)) for y in range(h)])
    return column.resize((w, h), Image.Resampling.NEAREST)


def vertical_gradient_l(size: tuple[int, int], stops: Sequence[tuple[float, int]]) -> Image.Image:
    w, h = size
    rgb_stops = [(p, (v, v, v)) for p, v in stops]
    column = Image.new("L", (1, h))
    column.putdata([ramp(rgb_stops, y / (h - 1))[0] for y in range(h)])
    return column.resize((w, h), Image.Resampling.NEAREST)


def soft_mask(
    size: tuple[int, int], draw_fn: Callable[[ImageDraw.ImageDraw, float], None], blur: float
) -> Image.Image:
    """A blurred greyscale mask, drawn at 1/8 scale for speed and scaled back up."""
    k = 8
    small = Image.new("L", (max(1, size[0] // k), max(1, size[1] // k)), 0)
    draw_fn(ImageDraw.Draw(small), 1 / k)
    small = small.filter(ImageFilter.GaussianBlur(blur / k))
    return small.resize(size, Image.Resampling.BICUBIC)


def glow(
    img: Image.Image, cx: float, cy: float, r: float, color: Color | int, strength: int
) -> None:
    def shape(d: ImageDraw.ImageDraw, s: float) -> None:
        d.ellipse(((cx - r) * s, (cy - r) * s, (cx + r) * s, (cy + r) * s), fill=strength)

    mask = soft_mask(img.size, shape, r * 0.7)
    img.paste(Image.new(img.mode, img.size, color), (0, 0), mask)


def mottle(
    rng: random.Random, size: tuple[int, int], cell: int, amount: float, stretch: float = 1.0
) -> Image.Image:
    """Soft low-frequency noise centred on mid-grey, for soft_light texturing.

    ``stretch`` > 1 draws the blotches out sideways, like horizontal brushwork.
    """
    cx, cy = max(1, int(cell * stretch)), cell
    sw, sh = size[0] // cx + 4, size[1] // cy + 4
    small = Image.frombytes("L", (sw, sh), rng.randbytes(sw * sh))
    small = small.filter(ImageFilter.GaussianBlur(1.1))
    # The blur flattens the noise to roughly ±40 around its mean: stretch it back.
    small = small.point(lambda v: clamp(128 + (v - 128) * 3.2 * amount))
    big = small.resize((sw * cx, sh * cy), Image.Resampling.BICUBIC)
    return big.crop((2 * cx, 2 * cy, 2 * cx + size[0], 2 * cy + size[1]))


def texture(
    img: Image.Image, rng: random.Random, cell: int, amount: float, stretch: float = 1.0
) -> Image.Image:
    noise = mottle(rng, img.size, cell, amount, stretch).convert(img.mode)
    return ImageChops.soft_light(img, noise)


def ridge(
    rng: random.Random, w: int, base: float, amp: float, waves: int = 4, step: int = 6
) -> list[Point]:
    """A rolling skyline: a sum of a few sine waves with random phase."""
    comps = []
    for k in range(waves):
        freq = (k + 1) ** 1.35 * rng.uniform(0.6, 1.3)
        comps.append((amp * rng.uniform(0.5, 1.0) / (k + 1) ** 1.1, freq, rng.uniform(0, math.tau)))
    pts = []
    for x in range(0, w + step, step):
        y = base - sum(a * math.sin(math.tau * f * x / w + p) for a, f, p in comps)
        pts.append((float(x), y))
    return pts


def fill_below(
    d: ImageDraw.ImageDraw, pts: Sequence[Point], h: int, fill: int | tuple[int, ...]
) -> None:
    d.polygon([*pts, (pts[-1][0], h + 10), (pts[0][0], h + 10)], fill=fill)


def y_at(pts: Sequence[Point], x: float) -> float:
    step = pts[1][0] - pts[0][0]
    i = max(0, min(len(pts) - 2, int(x // step)))
    (x0, y0), (x1, y1) = pts[i], pts[i + 1]
    return y0 + (y1 - y0) * ((x - x0) / (x1 - x0))


def stroke_polygon(x: float, y: float, length: float, width: float, angle: float) -> list[Point]:
    """A tapered, slightly lopsided brush mark centred on (x, y)."""
    ca, sa = math.cos(angle), math.sin(angle)
    top, bottom = [], []
    n = 7
    for i in range(n + 1):
        t = i / n
        along = (t - 0.5) * length
        half = width / 2 * (math.sin(math.pi * t) ** 0.55) * (1.0 - 0.25 * t)
        top.append((x + along * ca - half * sa, y + along * sa + half * ca))
        bottom.append((x + along * ca + half * sa, y + along * sa - half * ca))
    return top + bottom[::-1]


def paint_strokes(
    img: Image.Image,
    rng: random.Random,
    count: int,
    length: tuple[float, float],
    width: tuple[float, float],
    angle: Callable[[float, float], float],
    alpha: tuple[int, int] = (110, 170),
    jitter: int = 10,
    area: tuple[float, float, float, float] | None = None,
    src: Image.Image | None = None,
    edge: int | None = None,
) -> None:
    """Cover ``img`` with brush marks whose colour is sampled from ``src`` (default: ``img``).

    With ``edge`` set, a mark whose ends land on a clearly different colour is shortened,
    then dropped, so that shapes keep clean edges and only their insides show the brush.
    """
    src = src or img.copy()
    d = ImageDraw.Draw(img, "RGBA")
    w, h = img.size
    x0, y0, x1, y1 = area or (0, 0, w, h)

    def at(x: float, y: float) -> tuple[int, int, int]:
        return src.getpixel((min(w - 1, max(0, int(x))), min(h - 1, max(0, int(y)))))  # type: ignore[return-value]

    for _ in range(count):
        x = rng.uniform(x0, x1)
        y = rng.uniform(y0, y1)
        r, g, b = at(x, y)
        length_ = rng.uniform(*length)
        width_ = rng.uniform(*width)
        a = angle(x, y)
        j = rng.uniform(-jitter, jitter)
        c = (
            clamp(r + j + rng.uniform(-3, 3)),
            clamp(g + j + rng.uniform(-3, 3)),
            clamp(b + j + rng.uniform(-3, 3)),
            rng.randint(*alpha),
        )
        if edge is not None:
            for _try in range(2):
                dx, dy = math.cos(a) * length_ / 2, math.sin(a) * length_ / 2
                ends = (at(x - dx, y - dy), at(x + dx, y + dy))
                if all(max(abs(e[0] - r), abs(e[1] - g), abs(e[2] - b)) <= edge for e in ends):
                    break
                length_ *= 0.45
                width_ *= 0.7
            else:
                continue
        d.polygon(stroke_polygon(x, y, length_, width_, a), fill=c)


def finish(img: Image.Image, size: tuple[int, int]) -> Image.Image:
    return img.resize(size, Image.Resampling.LANCZOS)


# --------------------------------------------------------------------------------------
# Steppe Awakening — painterly horizons at dawn and dusk
# --------------------------------------------------------------------------------------


@dataclass
class Steppe:
    sky: list[tuple[float, str]]
    horizon: float  # fraction of height
    sun: (
        tuple[float, float, float] | None
    )  # x fraction, y offset (fraction of h) from horizon, radius (fraction of w)
    sun_color: str
    glow_color: str
    hills: list[str]  # far to near
    rim: str  # light catching the hill crests
    grass: list[str]
    hill_amp: float = 0.05
    grass_top: float = 0.12  # grass band height, fraction of h, above the bottom of the picture
    grass_density: float = 1.0
    grass_soft: float = 0.0  # blur radius for the nearest grass
    strokes: float = 1.0  # density of the painterly pass
    feather: bool = False  # tall feather-grass plumes in the foreground
    strings: list[str] = field(default_factory=list)  # rhythmic bands across the sky
    string_amp: float = 0.02
    string_width: float = 0.012
    water: bool = False
    clouds: int = 4
    cloud_color: str = "#f3c9a8"
    star: bool = False


def paint_steppe(size: tuple[int, int], rng: random.Random, p: Steppe) -> Image.Image:
    W, H = size[0] * SS, size[1] * SS
    unit = W / 1800
    hy = p.horizon * H
    sky = [(pos, hexc(c)) for pos, c in p.sky]
    img = vertical_gradient((W, H), [(pos * p.horizon, c) for pos, c in sky] + [(1.0, sky[-1][1])])
    d = ImageDraw.Draw(img, "RGBA")

    # Glow and sun.
    if p.sun:
        sx, sy, sr = p.sun[0] * W, hy + p.sun[1] * H, p.sun[2] * W
        glow(img, sx, sy, W * 0.42, hexc(p.glow_color), 120)
        glow(img, sx, sy, W * 0.16, hexc(p.glow_color), 170)
        glow(img, sx, sy, sr * 2.2, hexc(p.sun_color), 200)
    else:
        sx, sy, sr = W * 0.5, hy, W * 0.02
        glow(img, sx, sy, W * 0.5, hexc(p.glow_color), 90)

    # Long thin clouds, lit from below.
    cloud = hexc(p.cloud_color)
    cmask = Image.new("L", (W, H), 0)
    cd = ImageDraw.Draw(cmask)
    for _ in range(p.clouds):
        cy = rng.uniform(0.12, 0.75) * hy
        cx = rng.uniform(-0.1, 1.1) * W
        length = rng.uniform(0.25, 0.6) * W
        for _k in range(14):
            ox = rng.gauss(0, length * 0.22)
            oy = rng.gauss(0, H * 0.006)
            lw = rng.uniform(0.25, 0.55) * length
            th = rng.uniform(0.004, 0.011) * H
            cd.ellipse(
                (cx + ox - lw / 2, cy + oy - th, cx + ox + lw / 2, cy + oy + th),
                fill=rng.randint(70, 120),
            )
    if p.clouds:
        cmask = cmask.filter(ImageFilter.GaussianBlur(H * 0.006))
        img.paste(Image.new("RGB", (W, H), cloud), (0, 0), cmask)

    # Rhythmic bands (the strings of the komuz).
    for i, string_hex in enumerate(p.strings):
        base = hy * (0.22 + 0.62 * (i + 0.5) / len(p.strings))
        freq = rng.uniform(1.2, 2.4)
        phase = rng.uniform(0, math.tau)
        amp = p.string_amp * H * rng.uniform(0.7, 1.3)
        thick = p.string_width * H * rng.uniform(0.7, 1.2)
        top, bot = [], []
        for xi in range(0, W + 8, 8):
            x = float(xi)
            env = 0.55 + 0.45 * math.sin(math.pi * x / W)
            y = base + amp * env * math.sin(math.tau * freq * x / W + phase)
            t = thick * (0.6 + 0.4 * math.sin(math.tau * 3 * freq * x / W + phase * 2) ** 2)
            top.append((x, y - t / 2))
            bot.append((x, y + t / 2))
        d.polygon(top + bot[::-1], fill=(*hexc(string_hex), 120))

    # Distant water strip reflecting the sky.
    water_y = hy + H * 0.06
    reflection = None
    if p.water:
        reflection = img.crop((0, int(hy - H * 0.2), W, int(hy))).transpose(
            Image.Transpose.FLIP_TOP_BOTTOM
        )
        reflection = reflection.resize((W, int(H * 0.045)))
        reflection = Image.blend(
            reflection, Image.new("RGB", reflection.size, (226, 230, 242)), 0.3
        )

    # Hills, far to near, with atmospheric haze.
    hill_lines = []
    n = len(p.hills)
    horizon_col = sky[-1][1]
    for i, hc in enumerate(p.hills):
        depth = i / max(1, n - 1)
        base = hy + (H - hy) * (0.02 + 0.55 * depth**1.4)
        if p.water and i == 1:
            base = max(base, water_y + H * 0.06)
        amp = p.hill_amp * H * (0.35 + 0.9 * depth)
        pts = ridge(rng, W, base, amp, waves=4, step=6)
        col = mix(hexc(hc), horizon_col, 0.25 * (1 - depth))
        fill_below(d, pts, H, col)
        if reflection is not None and i == 0:
            # A still lake beyond the near slopes, holding the colour of the sky.
            img.paste(reflection, (0, int(water_y)))
            for _k in range(40):
                lx = rng.uniform(0, W)
                ly = water_y + rng.uniform(0.1, 0.9) * H * 0.045
                ll = rng.uniform(0.02, 0.12) * W
                d.line(
                    [(lx, ly), (lx + ll, ly)],
                    fill=(255, 246, 236, rng.randint(70, 140)),
                    width=int(unit * 3) + 1,
                )
        hill_lines.append(pts)
        # Sun-lit crest.
        rim = hexc(p.rim)
        for j in range(len(pts) - 1):
            x = pts[j][0]
            lit = max(0.0, 1 - abs(x - sx) / (W * 0.7)) ** 1.5
            if lit > 0.02:
                d.line([pts[j], pts[j + 1]], fill=(*rim, int(120 * lit)), width=int(H * 0.004) + 2)
        # Soft light wash on the upper slope.
        shade = mix(col, rim, 0.18)
        for j in range(0, len(pts) - 1, 2):
            x, y = pts[j]
            lit = max(0.0, 1 - abs(x - sx) / (W * 0.8))
            d.line([(x, y + 4), (x, y + H * 0.03)], fill=(*shade, int(70 * lit)), width=14)

    # Painterly pass: horizontal marks in the sky, marks following the land below.
    def angle(x: float, y: float) -> float:
        if y < hy:
            return rng.gauss(0, 0.05)
        return rng.gauss(0, 0.12)

    area = W * H / (3600 * 2400)
    area *= p.strokes
    paint_strokes(
        img,
        rng,
        int(7000 * area),
        (60 * unit, 150 * unit),
        (10 * unit, 22 * unit),
        angle,
        alpha=(90, 150),
        jitter=5,
        edge=40,
    )
    paint_strokes(
        img,
        rng,
        int(9000 * area),
        (26 * unit, 70 * unit),
        (6 * unit, 12 * unit),
        angle,
        alpha=(90, 160),
        jitter=6,
        edge=40,
    )

    # Grass in the foreground: upright strokes, lit at the tips.
    d = ImageDraw.Draw(img, "RGBA")
    grass = [hexc(c) for c in p.grass]
    rim = hexc(p.rim)
    near = hill_lines[-1]
    gtop = H - p.grass_top * H
    grass_line = ridge(rng, W, gtop, H * 0.025, waves=5, step=6)
    count = int(11000 * p.grass_density * W / 3600 * (p.grass_top / 0.12) ** 0.35)
    for _ in range(count):
        x = rng.uniform(-10, W + 10)
        xc = max(0, min(W - 1, x))
        top_limit = max(y_at(grass_line, xc), y_at(near, xc))
        y = rng.uniform(top_limit, H + 20)
        depth = (y - top_limit) / max(1.0, H - top_limit)
        length = (0.012 + 0.05 * depth) * H * rng.uniform(0.5, 1.3)
        lean = rng.gauss(0.12, 0.18)
        col = mix(rng.choice(grass), rim, rng.random() * 0.35 * (1 - depth))
        pts = [(x, y)]
        for k in (1, 2, 3):
            t = k / 3
            pts.append(
                (x + math.sin(lean) * length * t + lean * length * 0.2 * t * t, y - length * t)
            )
        d.line(
            pts, fill=(*col, rng.randint(120, 220)), width=max(2, int(unit * rng.uniform(2, 4.5)))
        )
    if p.grass_soft:
        # Let the nearest grass melt into soft, loaded brushwork.
        def band(dd: ImageDraw.ImageDraw, s: float) -> None:
            dd.rectangle((0, (gtop + (H - gtop) * 0.35) * s, W * s, H * s), fill=255)

        img = Image.composite(
            img.filter(ImageFilter.GaussianBlur(unit * p.grass_soft)),
            img,
            soft_mask((W, H), band, H * 0.05),
        )

    if p.feather:
        # Feather grass (stipa): slender stems bowing in the wind, silky plumes catching the sun.
        plumes = Image.new("L", (W, H), 0)
        pd = ImageDraw.Draw(plumes)
        stem = mix(hexc(p.grass[0]), rim, 0.25)
        for _ in range(int(46 * W / 2880)):
            x = rng.uniform(-0.1, 1.0) * W
            y = H + rng.uniform(0, H * 0.04)
            length = H * rng.uniform(0.24, 0.46)
            bow = rng.uniform(0.25, 0.45)
            pts = []
            for k in range(21):
                t = k / 20
                pts.append((x + bow * length * t**2.2, y - length * (t - 0.18 * bow * t**3)))
            d.line(pts[:15], fill=(*stem, 150), width=max(2, int(unit * 2.5)))
            # The plume trails on from the upper stem, downwind and drooping.
            (ax, ay), (bx_, by_) = pts[-2], pts[-1]
            ang = math.atan2(by_ - ay, bx_ - ax)
            tail = list(pts[13:])
            px_, py_ = pts[-1]
            for _k in range(12):
                ang += 0.11
                px_ += math.cos(ang) * length * 0.025
                py_ += math.sin(ang) * length * 0.025
                tail.append((px_, py_))
            for strand in range(5):
                off = (strand - 2) * unit * 3
                pd.line(
                    [(tx + off * 0.3, ty + off) for tx, ty in tail],
                    fill=rng.randint(110, 200),
                    width=max(2, int(unit * rng.uniform(3, 6))),
                    joint="curve",
                )
        plumes = plumes.filter(ImageFilter.GaussianBlur(unit * 3))
        plume_col = mix(rim, (255, 250, 236), 0.55)
        img.paste(Image.new("RGB", (W, H), plume_col), (0, 0), plumes)
        d = ImageDraw.Draw(img, "RGBA")

    # Re-state the sun so it stays clean, softly.
    if p.sun and sy - sr < hy + H * 0.02:
        sun_layer = Image.new("L", (W, H), 0)
        sd = ImageDraw.Draw(sun_layer)
        sd.ellipse((sx - sr, sy - sr, sx + sr, sy + sr), fill=235)
        # Hide whatever part of the disc sits behind the hills.
        for pts in hill_lines[:2]:
            fill_below(sd, pts, H, 0)
        sun_layer = sun_layer.filter(ImageFilter.GaussianBlur(sr * 0.08))
        img.paste(Image.new("RGB", (W, H), hexc(p.sun_color)), (0, 0), sun_layer)

    if p.star:
        d = ImageDraw.Draw(img, "RGBA")
        x, y, r = W * 0.72, H * 0.14, unit * 4
        d.ellipse((x - r, y - r, x + r, y + r), fill=(255, 246, 220, 230))
        glow(img, x, y, unit * 22, (255, 240, 210), 90)

    img = texture(img, rng, 20 * SS, 0.15, stretch=4)
    return finish(img, size)


# --------------------------------------------------------------------------------------
# Bazaar Colours — awnings, facades and felt ornament
# --------------------------------------------------------------------------------------

FELT_RED = hexc("#b3262c")
TEAL = hexc("#1f7575")
OCHRE = hexc("#d69a2a")
CREAM = hexc("#f0e2c4")
INDIGO = hexc("#202a4a")
PAPER = hexc("#efe6d2")


def horn_points(
    cx: float, cy: float, s: float, sx: int, sy: int, rot: int = 0, turns: float = 1.1
) -> list[Point]:
    """One ram's horn (koshkar muiz): a stem rising from (cx, cy) and curling outward.

    ``sx``/``sy`` mirror the horn; ``rot`` turns the whole motif by multiples of 90°.
    """
    h0, r0 = 0.34, 0.3
    local = [(0.0, 0.0), (0.0, -h0 * 0.5)]
    steps = 48
    for i in range(steps + 1):
        th = math.pi + math.tau * turns * i / steps
        r = r0 * (1 - 0.62 * i / steps)
        local.append((r0 + r * math.cos(th), -h0 + r * math.sin(th)))
    out = []
    for x, y in local:
        x, y = x * sx, y * sy
        for _ in range(rot % 4):
            x, y = -y, x
        out.append((cx + x * s, cy + y * s))
    return out


def draw_cord(
    d: ImageDraw.ImageDraw,
    pts: list[Point],
    width: float,
    color: Color,
    outline: Color | None,
    cord: float,
) -> None:
    if outline is not None:
        d.line(pts, fill=outline, width=int(width + 2 * cord), joint="curve")
        for x, y in (pts[0], pts[-1]):
            r = width / 2 + cord
            d.ellipse((x - r, y - r, x + r, y + r), fill=outline)
    d.line(pts, fill=color, width=int(width), joint="curve")
    for x, y in (pts[0], pts[-1]):
        r = width / 2
        d.ellipse((x - r, y - r, x + r, y + r), fill=color)


def ram_rosette(
    d: ImageDraw.ImageDraw, cx: float, cy: float, s: float, color: Color, outline: Color | None
) -> None:
    """Two pairs of ram's horns, back to back, around a small diamond."""
    width = s * 0.095
    cord = s * 0.022
    paths = [horn_points(cx, cy, s, sx, 1, rot)[1:] for rot in (0, 2) for sx in (1, -1)]
    r = s * 0.12
    if outline is not None:
        for pts in paths:
            draw_cord(d, pts, width + 2 * cord, outline, None, 0)
        o = cord * 1.6
        d.polygon(
            [(cx, cy - r - o), (cx + r + o, cy), (cx, cy + r + o), (cx - r - o, cy)], fill=outline
        )
    for pts in paths:
        draw_cord(d, pts, width, color, None, 0)
    d.polygon([(cx, cy - r), (cx + r, cy), (cx, cy + r), (cx - r, cy)], fill=color)


def stepped_diamond(
    d: ImageDraw.ImageDraw, cx: float, cy: float, r: float, outer: Color, inner: Color
) -> None:
    d.polygon([(cx, cy - r), (cx + r, cy), (cx, cy + r), (cx - r, cy)], fill=outer)
    q = r * 0.45
    d.polygon([(cx, cy - q), (cx + q, cy), (cx, cy + q), (cx - q, cy)], fill=inner)


def horn_pair(
    d: ImageDraw.ImageDraw,
    cx: float,
    cy: float,
    s: float,
    color: Color,
    outline: Color | None,
    sy: int = 1,
) -> None:
    width = s * 0.12
    for sx in (1, -1):
        draw_cord(d, horn_points(cx, cy, s, sx, sy), width, color, outline, s * 0.025)


def tooth_border(
    d: ImageDraw.ImageDraw, box: tuple[float, float, float, float], size: float, a: Color, b: Color
) -> None:
    """A band of alternating triangles (a 'running teeth' border) inside ``box``."""
    x0, y0, x1, y1 = box
    d.rectangle(box, fill=b)
    if x1 - x0 >= y1 - y0:  # horizontal band
        n = max(2, round((x1 - x0) / size))
        step = (x1 - x0) / n
        for i in range(n):
            x = x0 + i * step
            d.polygon([(x, y1), (x + step / 2, y0), (x + step, y1)], fill=a)
    else:
        n = max(2, round((y1 - y0) / size))
        step = (y1 - y0) / n
        for i in range(n):
            y = y0 + i * step
            d.polygon([(x1, y), (x0, y + step / 2), (x1, y + step)], fill=a)


@dataclass
class Carpet:
    ground: Color  # field colour of the even cells
    alt: Color  # field colour of the odd cells
    motif: Color  # ram's horns on the even cells
    motif2: Color  # ram's horns on the odd cells
    cord: Color | None  # outline around the horns
    grid: tuple[int, int]  # columns, rows
    accent: Color | None = None  # small ornaments (defaults to the motif colour)
    chain: bool = False  # horn pairs down the sides instead of corner diamonds


def paint_carpet(size: tuple[int, int], rng: random.Random, p: Carpet) -> Image.Image:
    """A felt carpet (syrmak) design painted in gouache, with a margin of bare paper."""
    W, H = size[0] * SS, size[1] * SS
    unit = min(W, H) / 1600
    img = Image.new("RGB", (W, H), PAPER)
    d = ImageDraw.Draw(img)
    m = min(W, H) * 0.06
    ground, alt, motif, cord = p.ground, p.alt, p.motif, p.cord
    cols, rows = p.grid

    # Slightly irregular painted edge.
    x0, y0, x1, y1 = m, m, W - m, H - m
    d.rectangle((x0, y0, x1, y1), fill=INDIGO)
    bw = min(W, H) * 0.05
    tooth_border(d, (x0, y0, x1, y0 + bw), bw, OCHRE, FELT_RED if ground != FELT_RED else TEAL)
    tooth_border(d, (x0, y1 - bw, x1, y1), bw, OCHRE, FELT_RED if ground != FELT_RED else TEAL)
    tooth_border(
        d, (x0, y0 + bw, x0 + bw, y1 - bw), bw, OCHRE, FELT_RED if ground != FELT_RED else TEAL
    )
    tooth_border(
        d, (x1 - bw, y0 + bw, x1, y1 - bw), bw, OCHRE, FELT_RED if ground != FELT_RED else TEAL
    )
    line = bw * 0.28
    fx0, fy0, fx1, fy1 = x0 + bw + line, y0 + bw + line, x1 - bw - line, y1 - bw - line
    d.rectangle((fx0 - line, fy0 - line, fx1 + line, fy1 + line), fill=CREAM)
    d.rectangle(
        (fx0 - line * 0.55, fy0 - line * 0.55, fx1 + line * 0.55, fy1 + line * 0.55), fill=INDIGO
    )

    cw, ch = (fx1 - fx0) / cols, (fy1 - fy0) / rows
    for r in range(rows):
        for c in range(cols):
            bg, fg = (ground, motif) if (r + c) % 2 == 0 else (alt, p.motif2)
            bx, by = fx0 + c * cw, fy0 + r * ch
            d.rectangle((bx, by, bx + cw, by + ch), fill=bg)
            s = min(cw, ch * 0.95) * 0.66
            ram_rosette(d, bx + cw / 2, by + ch / 2, s, fg, cord)
            accent = p.accent or fg
            if p.chain:
                # Small ram's-horn pairs running down both sides of the field.
                cs = min(cw * 0.16, ch * 0.3)
                for ax in (0.12, 0.88):
                    for k in range(3):
                        ay = by + ch * (k + 0.5) / 3 + cs * 0.3
                        horn_pair(d, bx + cw * ax, ay, cs, accent, None)
            else:
                # Small stepped diamonds in the corners of each cell.
                cr = min(cw, ch) * 0.055
                for ax, ay in ((0.1, 0.1), (0.9, 0.1), (0.1, 0.9), (0.9, 0.9)):
                    stepped_diamond(d, bx + cw * ax, by + ch * ay, cr, accent, bg)
    # Painted by hand: the edge of the colour wanders a little over the paper.
    edge = []
    step = 14 * unit
    for (ax, ay), (bx_, by_) in (
        ((x0, y0), (x1, y0)),
        ((x1, y0), (x1, y1)),
        ((x1, y1), (x0, y1)),
        ((x0, y1), (x0, y0)),
    ):
        n = max(2, int(math.hypot(bx_ - ax, by_ - ay) / step))
        nx, ny = (
            (by_ - ay) / math.hypot(bx_ - ax, by_ - ay),
            -(bx_ - ax) / math.hypot(bx_ - ax, by_ - ay),
        )
        for i in range(n):
            t = i / n
            o = rng.uniform(-2.5, 4.0) * unit
            edge.append((ax + (bx_ - ax) * t + nx * o, ay + (by_ - ay) * t + ny * o))
    mask = Image.new("L", (W, H), 0)
    ImageDraw.Draw(mask).polygon(edge, fill=255)
    img = Image.composite(img, Image.new("RGB", (W, H), PAPER), mask)
    # Gouache dries flat and matte; a soft unevenness of pigment, posterised so that the
    # picture keeps a small palette (and stays small as a PNG).
    img = texture(img, rng, 18 * SS, 0.1)
    img = finish(img, size)
    return img.quantize(colors=24, method=Image.Quantize.MEDIANCUT, dither=Image.Dither.NONE)


def scalloped_awning(
    d: ImageDraw.ImageDraw,
    x0: float,
    y0: float,
    x1: float,
    y1: float,
    colors: Sequence[Color],
    stripes: int,
    tilt: float,
) -> None:
    """A striped market awning seen from the front, with a scalloped hem."""
    sw = (x1 - x0) / stripes
    for i in range(stripes):
        a, b = x0 + i * sw, x0 + (i + 1) * sw
        col = colors[i % len(colors)]
        # Top edge is narrower (awning slopes back).
        ta = x0 + tilt + (a - x0) * (1 - 2 * tilt / (x1 - x0))
        tb = x0 + tilt + (b - x0) * (1 - 2 * tilt / (x1 - x0))
        d.polygon([(ta, y0), (tb, y0), (b, y1), (a, y1)], fill=col)
        r = sw / 2
        d.pieslice((a, y1 - r, b, y1 + r), 0, 180, fill=col)


def produce(
    d: ImageDraw.ImageDraw,
    rng: random.Random,
    box: tuple[float, float, float, float],
    palette: Sequence[Color],
    r: float,
) -> None:
    """A heaped counter of round fruit."""
    x0, y0, x1, y1 = box
    groups = max(2, int((x1 - x0) / (r * 9)))
    gw = (x1 - x0) / groups
    for g in range(groups):
        col = rng.choice(palette)
        dark = mix(col, (30, 20, 20), 0.45)
        gx0 = x0 + g * gw
        rows = int((y1 - y0) / (r * 1.5))
        for row in range(rows):
            yy = y1 - r - row * r * 1.5
            inset = row * r * 0.9
            xx = gx0 + r + inset + rng.uniform(0, r * 0.3)
            while xx < gx0 + gw - r - inset:
                rr = r * rng.uniform(0.85, 1.1)
                c = mix(col, (255, 240, 210), rng.uniform(0, 0.2))
                d.ellipse((xx - rr, yy - rr, xx + rr, yy + rr), fill=dark)
                d.ellipse((xx - rr * 0.92, yy - rr, xx + rr * 0.8, yy + rr * 0.78), fill=c)
                xx += rr * 1.9


def bold_strokes(
    img: Image.Image,
    rng: random.Random,
    unit: float,
    scale: float = 1.0,
    level: Callable[[float, float], bool] | None = None,
    density: float = 1.0,
) -> None:
    """Big loaded-brush marks that stay inside each colour field.

    Marks run horizontally or vertically; where ``level(x, y)`` is true (skies) they lie flat.
    """

    def ang(x: float, y: float) -> float:
        if level is not None and level(x, y):
            return rng.gauss(0, 0.06)
        return rng.choice((0.0, 0.0, math.pi / 2)) + rng.gauss(0, 0.1)

    n = img.size[0] * img.size[1] * density
    paint_strokes(
        img,
        rng,
        int(n / 1600),
        (50 * unit * scale, 130 * unit * scale),
        (12 * unit * scale, 24 * unit * scale),
        ang,
        alpha=(100, 170),
        jitter=8,
        edge=30,
    )
    paint_strokes(
        img,
        rng,
        int(n / 1800),
        (24 * unit * scale, 60 * unit * scale),
        (7 * unit * scale, 13 * unit * scale),
        ang,
        alpha=(100, 180),
        jitter=8,
        edge=30,
    )


def paint_awnings(size: tuple[int, int], rng: random.Random, _p: object) -> Image.Image:
    W, H = size[0] * SS, size[1] * SS
    unit = W / 3600
    img = vertical_gradient(
        (W, H), [(0, hexc("#9cc6c0")), (0.12, hexc("#cfe0d4")), (1, hexc("#c9b79a"))]
    )
    d = ImageDraw.Draw(img)
    # The market hall behind: a pale green wall with tall arched windows under a cornice.
    d.rectangle((0, H * 0.12, W, H * 0.5), fill=hexc("#8fb79a"))
    d.rectangle((0, H * 0.095, W, H * 0.135), fill=hexc("#ece3cb"))
    ornament_frieze(d, 0, W, H * 0.135, H * 0.03, hexc("#5f8f86"), hexc("#ece3cb"))
    for i in range(9):
        x = W * (0.04 + i * 0.113)
        d.rectangle((x, H * 0.24, x + W * 0.07, H * 0.46), fill=hexc("#4f6f72"))
        d.pieslice((x, H * 0.2, x + W * 0.07, H * 0.28), 180, 360, fill=hexc("#4f6f72"))
    # Stalls: awnings, a shaded interior, heaps of fruit on painted counters.
    palettes = [
        (FELT_RED, CREAM),
        (TEAL, hexc("#e8dcc0")),
        (OCHRE, hexc("#f3e5c0")),
        (hexc("#2f5aa0"), CREAM),
        (hexc("#d1522e"), hexc("#f2c14e")),
    ]
    counters = [hexc(c) for c in ("#2f6f9a", "#6b8f3a", "#9a3b32", "#c58a2e", "#2f7a72")]
    rng.shuffle(palettes)
    rng.shuffle(counters)
    fruit = [
        hexc(c)
        for c in ("#e8862a", "#c7332b", "#f2c14e", "#7a9a3a", "#a0253a", "#e76f2a", "#6a2a4a")
    ]
    n = 5
    sw = W / n
    for i in range(n):
        x0 = i * sw - W * 0.01
        x1 = (i + 1) * sw + W * 0.01
        top = H * rng.uniform(0.33, 0.39)
        hem = H * rng.uniform(0.5, 0.54)
        d.rectangle((x0, hem, x1, H * 0.86), fill=hexc("#3b2e2a"))
        d.rectangle((x0 + sw * 0.04, H * 0.67, x1 - sw * 0.04, H * 0.86), fill=counters[i])
        d.rectangle(
            (x0 + sw * 0.04, H * 0.67, x1 - sw * 0.04, H * 0.69), fill=mix(counters[i], CREAM, 0.5)
        )
        rng.shuffle(fruit)
        produce(
            d, rng, (x0 + sw * 0.07, H * 0.55, x1 - sw * 0.07, H * 0.675), fruit[:3], 26 * unit * 2
        )
        d.line(
            (x0 + sw * 0.04, hem, x0 + sw * 0.04, H * 0.88),
            fill=hexc("#2a211e"),
            width=int(16 * unit),
        )
        scalloped_awning(d, x0, top, x1, hem, palettes[i], 8, 0)
    # Pavement with long evening shadows.
    d.rectangle((0, H * 0.86, W, H), fill=hexc("#d3bf9c"))
    for i in range(8):
        x = W * (-0.05 + i * 0.15)
        d.polygon(
            [(x, H * 0.86), (x + W * 0.012, H * 0.86), (x + W * 0.1, H), (x + W * 0.075, H)],
            fill=hexc("#b59d7b"),
        )
    bold_strokes(img, rng, unit * 2, level=lambda _x, y: y < H * 0.1)
    img = texture(img, rng, 24 * SS, 0.12)
    return finish(img, size)


def paint_spices(size: tuple[int, int], rng: random.Random, _p: object) -> Image.Image:
    W, H = size[0] * SS, size[1] * SS
    unit = W / 3600
    img = Image.new("RGB", (W, H), hexc("#3a2a28"))
    d = ImageDraw.Draw(img)
    # Awning across the top.
    scalloped_awning(d, -W * 0.02, 0, W * 1.02, H * 0.2, (FELT_RED, CREAM), 12, 0)
    # Counter rows receding upward: back rows smaller.
    spice = [
        hexc(c)
        for c in (
            "#c0392b",
            "#e3a21a",
            "#b5651d",
            "#7d8c3a",
            "#d35400",
            "#8e2f1e",
            "#e8c56a",
            "#5e7a2e",
            "#a0522d",
        )
    ]
    rows = [(0.42, 0.07, 9), (0.62, 0.095, 7), (0.88, 0.13, 5)]
    for ry, rh, count in rows:
        y = H * ry
        tray_h = H * rh * 0.35
        d.rectangle((0, y, W, y + H * 0.14), fill=hexc("#5a3b2c"))
        d.rectangle((0, y - H * 0.01, W, y + H * 0.005), fill=hexc("#8a5f3c"))
        step = W / count
        for i in range(count):
            cx = step * (i + 0.5) + rng.uniform(-step * 0.05, step * 0.05)
            col = spice[(i * 4 + int(ry * 10)) % len(spice)]
            half = step * 0.4
            # Tray.
            d.ellipse(
                (cx - half * 1.05, y - tray_h * 0.6, cx + half * 1.05, y + tray_h * 0.6),
                fill=hexc("#c9c0b0"),
            )
            # Cone of spice, lit from the left.
            peak = y - H * rh * rng.uniform(1.45, 1.7)
            left, right = [], []
            for k in range(13):
                t = k / 12
                wdt = half * (1 - t) ** 0.8 + half * 0.05
                yy = y - (y - peak) * t
                left.append((cx - wdt, yy))
                right.append((cx + wdt, yy))
            d.polygon(left + right[::-1], fill=col)
            shade = [(cx + half * 0.15 * (1 - k / 12), y - (y - peak) * k / 12) for k in range(13)]
            d.polygon(shade + right[::-1], fill=mix(col, (40, 20, 15), 0.28))
            tip = half * 0.06
            d.ellipse((cx - tip * 1.6, peak - tip, cx + tip * 1.6, peak + tip * 1.6), fill=col)
            d.ellipse(
                (cx - half * 1.0, y - tray_h * 0.3, cx + half * 1.0, y + tray_h * 0.3), fill=col
            )
            # Price card.
            if rng.random() < 0.6:
                tx, ty = cx + half * 0.3, y - H * rh * 0.7
                d.rectangle((tx, ty, tx + step * 0.14, ty + step * 0.08), fill=CREAM)
                d.line(
                    (tx + step * 0.02, ty + step * 0.04, tx + step * 0.1, ty + step * 0.04),
                    fill=hexc("#3a2a28"),
                    width=int(5 * unit),
                )
    bold_strokes(img, rng, unit * 2, 0.9)
    img = texture(img, rng, 24 * SS, 0.12)
    return finish(img, size)


def mountains(
    d: ImageDraw.ImageDraw,
    rng: random.Random,
    W: int,
    H: int,
    base: float,
    height: float,
    rock: Color,
    snow: Color,
    shadow: Color | None = None,
) -> list[Point]:
    """The Zailiysky Alatau behind the city: a jagged ridge with snow on the peaks."""
    pts: list[Point] = [(-W * 0.05, base - height * 0.3)]
    peaks = []
    x = -W * 0.05
    while x < W * 1.05:
        x += W * rng.uniform(0.05, 0.085)
        pts.append((x, base - height * rng.uniform(0.15, 0.45)))  # saddle
        x += W * rng.uniform(0.05, 0.085)
        pts.append((x, base - height * rng.uniform(0.6, 1.0)))  # summit
        peaks.append(len(pts) - 1)
    pts.append((x + W * 0.05, base - height * 0.3))
    d.polygon([*pts, (pts[-1][0], H), (pts[0][0], H)], fill=rock)
    for i in peaks:
        (lx, ly), (px, py), (rx, ry) = pts[i - 1], pts[i], pts[i + 1]
        depth = min(height * 0.3, (min(ly, ry) - py) * 0.7)
        if depth <= height * 0.04:
            continue
        a = (px + (lx - px) * depth / (ly - py), py + depth)
        b = (px + (rx - px) * depth / (ry - py), py + depth)
        hem = [a]
        for k in range(1, 5):
            t = k / 5
            hem.append((a[0] + (b[0] - a[0]) * t, py + depth * (1.25 if k % 2 else 0.8)))
        hem.append(b)
        d.polygon([(px, py), *hem[::-1]], fill=snow)
        if shadow is not None:
            mid = hem[2]
            d.polygon([(px, py), b, *hem[:2:-1], mid], fill=shadow)
    return pts


def ornament_frieze(
    d: ImageDraw.ImageDraw, x0: float, x1: float, y: float, h: float, bg: Color, fg: Color
) -> None:
    d.rectangle((x0, y, x1, y + h), fill=bg)
    n = max(1, int((x1 - x0) / (h * 1.6)))
    step = (x1 - x0) / n
    for i in range(n):
        horn_pair(d, x0 + step * (i + 0.5), y + h * 0.85, h * 1.05, fg, None)


def paint_facades(size: tuple[int, int], rng: random.Random, _p: object) -> Image.Image:
    W, H = size[0] * SS, size[1] * SS
    unit = W / 2880
    img = vertical_gradient(
        (W, H), [(0, hexc("#5f93c0")), (0.3, hexc("#b8d2de")), (1, hexc("#e8dcc4"))]
    )
    d = ImageDraw.Draw(img)
    mountains(d, rng, W, H, H * 0.33, H * 0.15, hexc("#7d8fa6"), hexc("#f4f1ea"), hexc("#c9d3df"))
    ridge_pts = ridge(rng, W, H * 0.335, H * 0.012, waves=3)
    fill_below(d, ridge_pts, H, hexc("#5f7a78"))
    # Buildings as bold colour fields, stepping down towards the street.
    cols = [
        hexc(c)
        for c in ("#e0a53a", "#c8473a", "#2f7f7a", "#d86f45", "#3f5f9a", "#8fae7a", "#f0c75e")
    ]
    cream = hexc("#ece0c2")
    rows = [(0.34, 4), (0.5, 3), (0.66, 3)]
    last = None
    for ri, (top, count) in enumerate(rows):
        widths = [rng.uniform(0.8, 1.2) for _ in range(count)]
        scale = 1.08 * W / sum(widths)
        x = -W * 0.04
        for k, wk in enumerate(widths):
            bw = wk * scale
            frieze = ri == 1 and k == 1
            col = cream if frieze else rng.choice([c for c in cols if c != last])
            last = col
            y0 = H * (top + rng.uniform(-0.025, 0.02))
            y1 = H
            d.rectangle((x, y0, x + bw, y1), fill=col)
            d.rectangle((x + bw * 0.92, y0, x + bw, y1), fill=mix(col, (40, 30, 40), 0.3))
            d.rectangle(
                (x - 4 * unit, y0 - 12 * unit, x + bw + 4 * unit, y0 + 10 * unit),
                fill=mix(col, (255, 255, 255), 0.4),
            )
            win = mix(col, (30, 40, 60), 0.55)
            glass = mix(col, (255, 250, 230), 0.55)
            cols_n = max(3, int(bw / (W * 0.075)))
            wy = y0 + H * 0.03
            if frieze:
                ornament_frieze(d, x + bw * 0.05, x + bw * 0.87, wy, H * 0.03, TEAL, cream)
                wy += H * 0.06
            while wy < H * 0.95:
                for c in range(cols_n):
                    wx = x + bw * 0.1 + c * (bw * 0.78 / cols_n)
                    ww = bw * 0.78 / cols_n * 0.55
                    d.rectangle((wx, wy, wx + ww, wy + H * 0.032), fill=win)
                    if rng.random() < 0.3:
                        d.rectangle((wx, wy, wx + ww * 0.45, wy + H * 0.032), fill=glass)
                wy += H * 0.058
            x += bw
    # Poplars along the street.
    for i in range(6):
        tx = W * (0.05 + i * 0.18 + rng.uniform(-0.025, 0.025))
        base = H * 0.965
        th = H * rng.uniform(0.27, 0.38)
        tw = W * rng.uniform(0.035, 0.05)
        green = hexc(rng.choice(("#2f5a3c", "#35603a", "#3f6a3a")))
        d.line((tx, base - th * 0.2, tx, base), fill=hexc("#3a2c22"), width=int(18 * unit))
        left, right = [], []
        for k in range(17):
            t = k / 16
            half = tw * math.sin(math.pi * (0.12 + 0.88 * t)) ** 0.7 * (1 - 0.35 * t) + tw * 0.05
            y = base - th * 0.12 - (th * 0.9) * t
            left.append((tx - half * rng.uniform(0.9, 1.08), y))
            right.append((tx + half * rng.uniform(0.9, 1.08), y))
        d.polygon(left + right[::-1], fill=green)
        d.polygon(
            left + [(tx + tw * 0.1, y) for _x, y in left[::-1]],
            fill=mix(green, (225, 215, 120), 0.25),
        )
    d.rectangle((0, H * 0.96, W, H), fill=hexc("#857868"))
    bold_strokes(img, rng, unit * 2, level=lambda _x, y: y < H * 0.33, density=0.7)
    img = texture(img, rng, 24 * SS, 0.12)
    return finish(img, size)


def paint_city(size: tuple[int, int], rng: random.Random, _p: object) -> Image.Image:
    W, H = size[0] * SS, size[1] * SS
    unit = W / 4000
    img = vertical_gradient(
        (W, H),
        [
            (0, hexc("#33427a")),
            (0.3, hexc("#8f6590")),
            (0.5, hexc("#ee8a5e")),
            (0.6, hexc("#f7c872")),
            (1, hexc("#f7c872")),
        ],
    )
    glow(img, W * 0.3, H * 0.58, W * 0.25, hexc("#ffe2a0"), 150)
    d = ImageDraw.Draw(img)
    mountains(d, rng, W, H, H * 0.62, H * 0.3, hexc("#6b4f7a"), hexc("#f8d4c0"), hexc("#b88aa6"))
    foothills = ridge(rng, W, H * 0.67, H * 0.035, waves=3)
    fill_below(d, foothills, H, hexc("#4b3a66"))
    # A slim television tower on the hill to the left.
    tx = W * 0.1
    ty = y_at(foothills, tx)
    d.polygon(
        [
            (tx - 14 * unit, ty),
            (tx - 4 * unit, ty - H * 0.3),
            (tx + 4 * unit, ty - H * 0.3),
            (tx + 14 * unit, ty),
        ],
        fill=hexc("#2e2748"),
    )
    d.rectangle(
        (tx - 12 * unit, ty - H * 0.23, tx + 12 * unit, ty - H * 0.21), fill=hexc("#2e2748")
    )
    d.ellipse((tx - 5 * unit, ty - H * 0.31, tx + 5 * unit, ty - H * 0.3), fill=hexc("#ff7050"))
    # Towers in a cluster right of centre, lower blocks elsewhere.
    palette = [hexc(c) for c in ("#2b2a4c", "#3a2f5a", "#25345a", "#43305a", "#1f2a44")]
    lit = [hexc(c) for c in ("#ffd27a", "#ffb35c", "#fff0b0", "#f59f6a")]
    blocks = []
    x = -W * 0.01
    while x < W:
        bw = W * rng.uniform(0.045, 0.08)
        centre = abs((x + bw / 2) / W - 0.62)
        tall = centre < 0.16 and rng.random() < 0.7
        top = H * (rng.uniform(0.3, 0.42) if tall else rng.uniform(0.64, 0.76))
        blocks.append((x, bw, top, tall))
        x += bw + W * rng.uniform(0.0, 0.006)
    for x, bw, top, tall in sorted(blocks, key=lambda b: -b[2]):
        col = rng.choice(palette)
        d.rectangle((x, top, x + bw, H), fill=col)
        if tall:
            d.polygon([(x, top), (x + bw * 0.5, top - H * 0.04), (x + bw, top)], fill=col)
        d.rectangle((x, top, x + bw * 0.16, H), fill=mix(col, hexc("#ee8a5e"), 0.4))
        for wy in range(int(top + H * 0.03), int(H * 0.93), int(H * 0.04)):
            for k in range(3):
                if rng.random() < 0.32:
                    wx = x + bw * (0.26 + k * 0.24)
                    d.rectangle((wx, wy, wx + bw * 0.12, wy + H * 0.018), fill=rng.choice(lit))
    d.rectangle((0, H * 0.93, W, H), fill=hexc("#1c1a30"))
    bold_strokes(img, rng, unit * 2, 1.1, level=lambda _x, y: y < H * 0.62)
    img = texture(img, rng, 24 * SS, 0.12)
    return finish(img, size)


# --------------------------------------------------------------------------------------
# The People of Aktybek — duotone stand-ins for photographs: silhouettes, yurts, horses
# --------------------------------------------------------------------------------------


def chaikin(pts: Sequence[Point], rounds: int = 2) -> list[Point]:
    """Round the corners of a closed polygon (Chaikin's corner cutting)."""
    out = list(pts)
    for _ in range(rounds):
        nxt = []
        for i, (x0, y0) in enumerate(out):
            x1, y1 = out[(i + 1) % len(out)]
            nxt.append((0.75 * x0 + 0.25 * x1, 0.75 * y0 + 0.25 * y1))
            nxt.append((0.25 * x0 + 0.75 * x1, 0.25 * y0 + 0.75 * y1))
        out = nxt
    return out


# Right halves of standing figures, from the neck down to the middle of the ground line, in
# units of the figure's height (x to the right, y up from the ground). Mirrored for the left.
_ARM = [
    (0.138, 0.8),
    (0.153, 0.76),
    (0.163, 0.64),
    (0.166, 0.53),
    (0.158, 0.48),
    (0.138, 0.485),
    (0.137, 0.6),
    (0.127, 0.7),
]
_NO_ARM = [(0.138, 0.8), (0.142, 0.72)]
_COAT_AND_LEGS = [
    (0.132, 0.56),
    (0.145, 0.42),
    (0.106, 0.41),
    (0.1, 0.22),
    (0.094, 0.035),
    (0.135, 0.0),
    (0.024, 0.0),
    (0.028, 0.22),
    (0.02, 0.4),
]
_DRESS = [
    (0.14, 0.6),
    (0.16, 0.4),
    (0.2, 0.1),
    (0.21, 0.03),
    (0.12, 0.03),
    (0.12, 0.0),
    (0.03, 0.0),
]
_SHOULDERS = [(0.035, 0.87), (0.045, 0.84), (0.1, 0.826)]


def _figure_outline(right: list[Point], left: list[Point]) -> list[Point]:
    return right + [(0.0, right[-1][1] + 0.01)] + [(-x, y) for x, y in reversed(left)]


def _place(
    pts: Sequence[Point],
    x: float,
    ground: float,
    h: float,
    facing: int,
    lean: float = 0.0,
    stride: float = 0.0,
) -> list[Point]:
    out = []
    for px, py in pts:
        px += lean * max(0.0, py - 0.45)
        if py < 0.42 and stride:
            px += stride * (0.42 - py) / 0.42 * (1 if px > 0 else -1)
        out.append((x + px * h * facing, ground - py * h))
    return out


def person(
    d: ImageDraw.ImageDraw,
    x: float,
    ground: float,
    h: float,
    fill: int,
    hat: str = "cap",
    arms: tuple[bool, bool] = (True, True),
    facing: int = 1,
    stride: float = 0.0,
    lean: float = 0.0,
) -> None:
    """A farmer in a work coat, seen from the front; only a silhouette, no face."""
    right = _SHOULDERS + (_ARM if arms[0] else _NO_ARM) + _COAT_AND_LEGS
    left = _SHOULDERS + (_ARM if arms[1] else _NO_ARM) + _COAT_AND_LEGS
    d.polygon(
        chaikin(_place(_figure_outline(right, left), x, ground, h, facing, lean, stride)), fill=fill
    )
    hx = x + lean * 0.47 * h * facing
    d.ellipse((hx - 0.056 * h, ground - 0.99 * h, hx + 0.056 * h, ground - 0.86 * h), fill=fill)
    if hat == "cap":
        d.ellipse(
            (hx - 0.066 * h, ground - 1.005 * h, hx + 0.066 * h, ground - 0.94 * h), fill=fill
        )
        d.polygon(
            [
                (hx, ground - 0.955 * h),
                (hx + 0.1 * h * facing, ground - 0.945 * h),
                (hx + 0.1 * h * facing, ground - 0.935 * h),
                (hx, ground - 0.935 * h),
            ],
            fill=fill,
        )
    elif hat == "felt":
        # A soft felt hat with a narrow brim.
        d.ellipse((hx - 0.062 * h, ground - 1.05 * h, hx + 0.062 * h, ground - 0.93 * h), fill=fill)
        d.ellipse(
            (hx - 0.095 * h, ground - 0.972 * h, hx + 0.095 * h, ground - 0.945 * h), fill=fill
        )


def elder(
    d: ImageDraw.ImageDraw,
    x: float,
    ground: float,
    h: float,
    fill: int,
    cloth: int | None = None,
    face: int | None = None,
    arms: tuple[bool, bool] = (True, True),
    lean: float = 0.04,
) -> None:
    """An elderly woman in a long dress and the white kimeshek headdress; no facial features."""
    right = _SHOULDERS + (_ARM if arms[0] else _NO_ARM)[:-1] + _DRESS
    left = _SHOULDERS + (_ARM if arms[1] else _NO_ARM)[:-1] + _DRESS
    d.polygon(chaikin(_place(_figure_outline(right, left), x, ground, h, 1, lean)), fill=fill)
    hx = x + lean * 0.47 * h
    head = cloth if cloth is not None else fill
    # The kimeshek falls over neck and shoulders; a rounded turban sits on top.
    bib = [
        (-0.075, 0.93),
        (0.075, 0.93),
        (0.105, 0.85),
        (0.12, 0.79),
        (0.06, 0.72),
        (0.0, 0.7),
        (-0.06, 0.72),
        (-0.12, 0.79),
        (-0.105, 0.85),
    ]
    d.polygon(chaikin([(hx + px * h, ground - py * h) for px, py in bib]), fill=head)
    d.ellipse((hx - 0.07 * h, ground - 0.99 * h, hx + 0.07 * h, ground - 0.84 * h), fill=head)
    d.ellipse((hx - 0.085 * h, ground - 1.04 * h, hx + 0.085 * h, ground - 0.93 * h), fill=head)
    if face is not None:
        d.ellipse(
            (hx - 0.034 * h, ground - 0.955 * h, hx + 0.034 * h, ground - 0.865 * h), fill=face
        )


def limb(d: ImageDraw.ImageDraw, pts: Sequence[Point], width: float, fill: int) -> None:
    d.line(list(pts), fill=fill, width=max(2, int(width)), joint="curve")
    for px, py in (pts[0], pts[-1]):
        r = width / 2
        d.ellipse((px - r, py - r, px + r, py + r), fill=fill)


def sheaf(
    d: ImageDraw.ImageDraw, rng: random.Random, base: Point, head: Point, h: float, fill: int
) -> None:
    """A bound sheaf of wheat: near-parallel stalks, a tie, a bushy mass of ears at the top."""
    (bx, by), (tx, ty) = base, head
    ang = math.atan2(ty - by, tx - bx)
    nx, ny = -math.sin(ang), math.cos(ang)
    length = math.hypot(tx - bx, ty - by)
    for _ in range(70):
        o = rng.uniform(-1, 1)
        sx, sy = bx + nx * o * h * 0.03, by + ny * o * h * 0.03
        a = ang + o * 0.09 + rng.gauss(0, 0.025)
        ln = length * rng.uniform(0.82, 1.0)
        ex, ey = sx + math.cos(a) * ln, sy + math.sin(a) * ln
        d.line([(sx, sy), (ex, ey)], fill=fill, width=max(2, int(h * 0.004)))
        # The ear: a slender grain head, nodding a little, with fine awns along it.
        ea = a + rng.gauss(0, 0.25)
        el, ew = h * rng.uniform(0.06, 0.075), h * 0.0085
        ca, sa = math.cos(ea), math.sin(ea)
        outline = []
        for k in (1, -1):
            for i in range(7):
                t = i / 6 if k == 1 else 1 - i / 6
                bulge = ew * math.sin(math.pi * t) ** 0.7 * k
                outline.append((ex + ca * el * t - sa * bulge, ey + sa * el * t + ca * bulge))
        d.polygon(outline, fill=fill)
        for i in range(4):
            t = 0.35 + 0.2 * i
            px, py = ex + ca * el * t, ey + sa * el * t
            for side in (1, -1):
                aa = ea + side * 0.35
                d.line(
                    [(px, py), (px + math.cos(aa) * el * 0.45, py + math.sin(aa) * el * 0.45)],
                    fill=fill,
                    width=1,
                )
    tie = (bx + (tx - bx) * 0.38, by + (ty - by) * 0.38)
    d.ellipse(
        (tie[0] - h * 0.032, tie[1] - h * 0.032, tie[0] + h * 0.032, tie[1] + h * 0.032), fill=fill
    )


def horse(
    d: ImageDraw.ImageDraw,
    x: float,
    ground: float,
    u: float,
    fill: int,
    facing: int = -1,
    grazing: bool = False,
    step: float = 0.0,
) -> None:
    """A horse in profile; ``u`` is the height at the withers, ``facing`` -1 for left."""
    f = -facing  # +1 when the head is on the left, mirrored otherwise

    def P(dx: float, dy: float) -> Point:
        return (x - f * dx * u, ground - dy * u)

    body = [
        (0.38, 1.0),
        (0.1, 0.94),
        (-0.2, 0.96),
        (-0.45, 1.0),
        (-0.62, 0.93),
        (-0.69, 0.78),
        (-0.64, 0.6),
        (-0.35, 0.55),
        (0.0, 0.52),
        (0.3, 0.54),
        (0.44, 0.6),
        (0.56, 0.76),
        (0.57, 0.88),
    ]
    d.polygon(chaikin([P(*p) for p in body]), fill=fill)
    # Legs: (x at the top, forward swing); hind legs bend back at the hock.
    for x0, sw, hind in (
        (0.44, step, False),
        (0.3, -step, False),
        (-0.4, -step, True),
        (-0.54, step, True),
    ):
        if hind:
            rightside = [
                (x0 + 0.1, 0.7),
                (x0 + 0.03 + sw * 0.4, 0.42),
                (x0 - 0.04 + sw * 0.7, 0.3),
                (x0 - 0.0 + sw, 0.08),
                (x0 + 0.04 + sw, 0.0),
            ]
            leftside = [
                (x0 - 0.05 + sw, 0.0),
                (x0 - 0.05 + sw, 0.08),
                (x0 - 0.1 + sw * 0.7, 0.3),
                (x0 - 0.12 + sw * 0.4, 0.5),
                (x0 - 0.14, 0.72),
            ]
        else:
            rightside = [
                (x0 + 0.07, 0.66),
                (x0 + 0.045 + sw * 0.5, 0.33),
                (x0 + 0.03 + sw, 0.08),
                (x0 + 0.06 + sw, 0.0),
            ]
            leftside = [
                (x0 - 0.04 + sw, 0.0),
                (x0 - 0.03 + sw, 0.08),
                (x0 - 0.03 + sw * 0.5, 0.33),
                (x0 - 0.07, 0.66),
            ]
        d.polygon(chaikin([P(*p) for p in rightside + leftside], 1), fill=fill)
    tail = [
        (-0.62, 0.96),
        (-0.73, 0.86),
        (-0.77, 0.6),
        (-0.75, 0.36),
        (-0.69, 0.34),
        (-0.69, 0.6),
        (-0.65, 0.82),
    ]
    d.polygon(chaikin([P(*p) for p in tail]), fill=fill)
    if grazing:
        neck = [
            (0.34, 1.0),
            (0.62, 0.93),
            (0.84, 0.54),
            (0.92, 0.45),
            (1.0, 0.13),
            (1.0, 0.04),
            (0.93, 0.04),
            (0.86, 0.27),
            (0.78, 0.4),
            (0.62, 0.62),
            (0.5, 0.7),
        ]
        ear = [(0.79, 0.54), (0.8, 0.65), (0.86, 0.52)]
    else:
        neck = [
            (0.34, 1.0),
            (0.55, 1.27),
            (0.74, 1.44),
            (0.82, 1.4),
            (0.98, 1.14),
            (1.04, 1.06),
            (0.98, 1.0),
            (0.86, 1.07),
            (0.78, 1.15),
            (0.66, 0.98),
            (0.56, 0.78),
        ]
        ear = [(0.71, 1.38), (0.71, 1.52), (0.78, 1.39)]
    d.polygon(chaikin([P(*p) for p in neck]), fill=fill)
    d.polygon([P(*p) for p in ear], fill=fill)


def yurt(
    d: ImageDraw.ImageDraw,
    cx: float,
    ground: float,
    w: float,
    felt: int,
    band: int,
    door: int,
    shade: int,
) -> Point:
    """A Kazakh yurt (kiiz ui) lit from the left; returns the top of the crown."""
    wall_h = w * 0.27
    roof_h = w * 0.27
    top = ground - wall_h
    crown = 0.16
    # Roof: steep at the eaves, flattening towards the crown.
    roof = []
    for i in range(41):
        t = -1 + 2 * i / 40
        u = max(0.0, (abs(t) - crown) / (1 - crown))
        roof.append((cx + t * w * 0.51, top + w * 0.01 - roof_h * (1 - u**1.8)))
    d.polygon([*roof, (cx + w * 0.5, ground), (cx - w * 0.5, ground)], fill=felt)

    def roof_y(px: float) -> float:
        return y_at([(p[0] - roof[0][0], p[1]) for p in roof], px - roof[0][0])

    # Shade the drum and the roof towards the right, in vertical strips.
    strips = 90
    for k in range(strips):
        t0 = -1 + 2 * k / strips
        t1 = t0 + 2 / strips
        dark = max(0.0, (t0 + 0.35) / 1.35) ** 1.3
        if dark <= 0:
            continue
        v = round(felt + (shade - felt) * dark)
        xa, xb = cx + t0 * w * 0.5, cx + t1 * w * 0.5 + 1
        d.rectangle((xa, top, xb, ground), fill=v)
        inner = [p for p in roof if xa < p[0] < xb]
        d.polygon(
            [(xa, roof_y(xa)), *inner, (xb, roof_y(xb)), (xb, top + 2), (xa, top + 2)], fill=v
        )
    # Decorative bands around the drum and roof ropes.
    for yy, hh in ((top + wall_h * 0.06, 0.06), (top + wall_h * 0.52, 0.05)):
        d.rectangle((cx - w * 0.5, yy, cx + w * 0.5, yy + wall_h * hh), fill=band)
    for k in range(-4, 5):
        x0 = cx + k * w * 0.12
        d.line(
            [(cx + k * w * 0.012, top - roof_h + w * 0.012), (x0, top + w * 0.01)],
            fill=band,
            width=max(2, int(w * 0.006)),
        )
    d.rectangle(
        (
            cx - w * crown * 0.5,
            top - roof_h - w * 0.014,
            cx + w * crown * 0.5,
            top - roof_h + w * 0.012,
        ),
        fill=band,
    )
    # A carved wooden door, framed.
    dw, dh = w * 0.14, wall_h * 0.74
    d.rectangle(
        (cx - dw / 2 - w * 0.012, ground - dh - w * 0.012, cx + dw / 2 + w * 0.012, ground),
        fill=band,
    )
    d.rectangle((cx - dw / 2, ground - dh, cx + dw / 2, ground), fill=door)
    for frac in (0.25, 0.55):
        d.rectangle(
            (
                cx - dw * 0.35,
                ground - dh * (1 - frac) - dh * 0.12,
                cx + dw * 0.35,
                ground - dh * (1 - frac),
            ),
            fill=clamp(door + 22),
        )
    return (cx, top - roof_h)


def photo_finish(
    gray: Image.Image,
    rng: random.Random,
    size: tuple[int, int],
    tone: tuple[str, str, str],
    grain: float = 1.0,
    vignette: float = 0.35,
    soften: float = 1.0,
) -> Image.Image:
    """Lens softness, vignette, film grain and a duotone colour — then reduce to ``size``."""
    W, H = gray.size
    gray = gray.filter(ImageFilter.GaussianBlur(soften * SS))

    def vig(d: ImageDraw.ImageDraw, s: float) -> None:
        d.rectangle((0, 0, W * s, H * s), fill=int(255 * (1 - vignette)))
        d.ellipse((-W * 0.15 * s, -H * 0.15 * s, W * 1.15 * s, H * 1.15 * s), fill=255)

    mask = soft_mask((W, H), vig, min(W, H) * 0.25)
    gray = ImageChops.multiply(gray, mask)
    gray = gray.resize(size, Image.Resampling.LANCZOS)
    w, h = size
    # Soft film grain, a little coarser than a pixel.
    gw, gh = w * 2 // 3, h * 2 // 3
    noise = Image.frombytes("L", (gw, gh), rng.randbytes(gw * gh))
    noise = noise.resize((w, h), Image.Resampling.BICUBIC).point(
        lambda v: clamp(128 + (v - 128) * grain / 40)
    )
    gray = ImageChops.add(gray, noise, 1.0, -128)
    dark, mid, light = (hexc(c) for c in tone)
    return ImageOps.colorize(gray, black=dark, white=light, mid=mid)


def grass_texture(
    d: ImageDraw.ImageDraw,
    rng: random.Random,
    W: int,
    y0: float,
    y1: float,
    base: int,
    spread: int,
    density: float,
    blade: float,
) -> None:
    """Fine upright strokes that read as grass or stubble, larger towards the viewer."""
    n = int(W * (y1 - y0) / 1000 * density)
    for _ in range(n):
        y = rng.uniform(y0, y1)
        t = (y - y0) / max(1.0, y1 - y0)
        x = rng.uniform(0, W)
        ln = blade * (0.25 + 1.4 * t * t) * rng.uniform(0.5, 1.4)
        lean = rng.gauss(0, 0.25)
        v = clamp(base + rng.uniform(-spread, spread))
        d.line([(x, y), (x + lean * ln, y - ln)], fill=v, width=max(1, int(1 + 3 * t)))


def soft_clouds(
    img: Image.Image,
    rng: random.Random,
    count: int,
    band: tuple[float, float],
    size: tuple[float, float],
    value: int,
    blur: float,
) -> None:
    W, H = img.size
    mask = Image.new("L", (W, H), 0)
    d = ImageDraw.Draw(mask)
    for _ in range(count):
        cy = H * rng.uniform(*band)
        cx = W * rng.uniform(-0.1, 1.1)
        for _k in range(10):
            rx, ry = W * rng.uniform(*size), W * rng.uniform(*size) * rng.uniform(0.12, 0.25)
            ox, oy = rng.gauss(0, rx * 0.8), rng.gauss(0, ry * 0.5)
            d.ellipse(
                (cx + ox - rx, cy + oy - ry, cx + ox + rx, cy + oy + ry), fill=rng.randint(120, 200)
            )
    mask = mask.filter(ImageFilter.GaussianBlur(blur))
    img.paste(Image.new("L", (W, H), value), (0, 0), mask)


def photo_harvest(size: tuple[int, int], rng: random.Random, _p: object) -> Image.Image:
    W, H = size[0] * SS, size[1] * SS
    hy = H * 0.6
    img = vertical_gradient_l((W, H), [(0, 142), (0.45, 196), (0.6, 222), (0.601, 168), (1, 122)])
    sx = W * 0.22
    glow(img, sx, hy, W * 0.4, 236, 160)
    glow(img, sx, hy, W * 0.08, 246, 200)
    soft_clouds(img, rng, 3, (0.12, 0.4), (0.08, 0.16), 222, H * 0.01)
    d = ImageDraw.Draw(img)
    sr = H * 0.045
    d.ellipse((sx - sr, hy - sr, sx + sr, hy + sr), fill=253)
    far = ridge(rng, W, hy, H * 0.006, waves=5, step=4)
    fill_below(d, far, H, 156)
    grass_texture(d, rng, W, hy, H, 150, 28, 10, H * 0.04)
    # Stooks of bound sheaves standing in rows, smaller into the distance.
    for row in range(6):
        t = row / 5
        y = hy + (H - hy) * (0.05 + 0.8 * t**1.6)
        k_size = H * (0.02 + 0.11 * t**1.6)
        n = 9 - row
        for k in range(n):
            x = W * (0.04 + k * 0.92 / max(1, n - 1)) + rng.uniform(-W * 0.025, W * 0.025)
            if 0.36 * W < x < 0.8 * W and row >= 3:
                continue
            v = int(64 + 50 * (1 - t))
            # Sheaves leaned together into a little tent, their ears bunched at the top.
            d.polygon(
                [
                    (x - k_size * 0.42, y),
                    (x - k_size * 0.22, y - k_size * 0.45),
                    (x - k_size * 0.06, y - k_size * 0.86),
                    (x + k_size * 0.06, y - k_size * 0.86),
                    (x + k_size * 0.2, y - k_size * 0.45),
                    (x + k_size * 0.4, y),
                ],
                fill=v,
            )
            for e in range(9):
                a = -math.pi / 2 + (e - 4) * 0.2 + rng.gauss(0, 0.05)
                r0 = k_size * 0.78
                cx_, cy_ = x + math.cos(a) * k_size * 0.12, y - r0 + math.sin(a) * k_size * 0.12
                ex_, ey_ = cx_ + math.cos(a) * k_size * 0.16, cy_ + math.sin(a) * k_size * 0.16
                d.line([(cx_, cy_), (ex_, ey_)], fill=v, width=max(2, int(k_size * 0.06)))
    # Two farmers against the light: one carries a sheaf, the other leans on a pitchfork.
    g1, h1 = H * 0.94, H * 0.46
    x1 = W * 0.5
    person(d, x1, g1, h1, 30, hat="felt", arms=(False, False))
    sheaf(d, rng, (x1 + 0.14 * h1, g1 - 0.5 * h1), (x1 - 0.26 * h1, g1 - 1.0 * h1), h1, 30)
    limb(
        d,
        [
            (x1 + 0.12 * h1, g1 - 0.78 * h1),
            (x1 + 0.17 * h1, g1 - 0.62 * h1),
            (x1 + 0.06 * h1, g1 - 0.56 * h1),
        ],
        0.05 * h1,
        30,
    )
    limb(
        d,
        [
            (x1 - 0.12 * h1, g1 - 0.78 * h1),
            (x1 - 0.1 * h1, g1 - 0.66 * h1),
            (x1 - 0.02 * h1, g1 - 0.72 * h1),
        ],
        0.05 * h1,
        30,
    )
    g2, h2 = H * 0.9, H * 0.42
    x2 = W * 0.68
    person(d, x2, g2, h2, 40, hat="cap", arms=(False, True))
    pole_x = x2 + 0.24 * h2
    d.line(
        [(pole_x - 0.01 * h2, g2), (pole_x + 0.03 * h2, g2 - 1.18 * h2)],
        fill=40,
        width=int(0.022 * h2),
    )
    tx, ty = pole_x + 0.03 * h2, g2 - 1.18 * h2
    for k in (-1, 0, 1):
        d.line(
            [(tx, ty), (tx + k * 0.045 * h2, ty - 0.04 * h2), (tx + k * 0.05 * h2, ty - 0.17 * h2)],
            fill=40,
            width=max(2, int(0.013 * h2)),
            joint="curve",
        )
    limb(
        d,
        [
            (x2 + 0.12 * h2, g2 - 0.78 * h2),
            (x2 + 0.2 * h2, g2 - 0.68 * h2),
            (pole_x + 0.02 * h2, g2 - 0.76 * h2),
        ],
        0.05 * h2,
        40,
    )
    return photo_finish(img, rng, size, ("#1d1b1a", "#8a7a62", "#f1e8d6"))


def photo_yurt(size: tuple[int, int], rng: random.Random, _p: object) -> Image.Image:
    W, H = size[0] * SS, size[1] * SS
    hy = H * 0.64
    img = vertical_gradient_l((W, H), [(0, 150), (0.6, 214), (0.64, 226), (0.641, 168), (1, 126)])
    soft_clouds(img, rng, 5, (0.08, 0.42), (0.08, 0.18), 226, H * 0.008)
    d = ImageDraw.Draw(img)
    far = ridge(rng, W, hy, H * 0.008, waves=4, step=4)
    fill_below(d, far, H, 170)
    grass_texture(d, rng, W, hy, H, 142, 30, 10, H * 0.035)
    g = H * 0.8
    cx, w = W * 0.55, W * 0.74
    crown = yurt(d, cx, g, w, felt=222, band=74, door=52, shade=150)
    # A thread of smoke from the hearth, through the crown.
    smoke = Image.new("L", (W, H), 0)
    sd = ImageDraw.Draw(smoke)
    pts = [
        (crown[0] + math.sin(k * 0.35) * W * 0.02 + k * W * 0.004, crown[1] - k * H * 0.012)
        for k in range(28)
    ]
    for k in range(len(pts) - 1):
        sd.line([pts[k], pts[k + 1]], fill=max(0, 150 - k * 5), width=int(W * (0.01 + k * 0.0012)))
    smoke = smoke.filter(ImageFilter.GaussianBlur(W * 0.008))
    img.paste(Image.new("L", (W, H), 236), (0, 0), smoke)
    d = ImageDraw.Draw(img)
    # The woman at the wall, reaching up to the band.
    h = w * 0.34
    ex, eg = cx - w * 0.5 - h * 0.14, g + H * 0.045
    d.ellipse((ex - h * 0.3, eg - h * 0.03, ex + h * 0.35, eg + h * 0.03), fill=120)  # her shadow
    elder(d, ex, eg, h, 44, cloth=236, face=128, arms=(False, True))
    limb(
        d,
        [
            (ex + 0.15 * h, eg - 0.79 * h),
            (ex + 0.27 * h, eg - 0.74 * h),
            (ex + 0.38 * h, eg - 0.8 * h),
        ],
        0.05 * h,
        44,
    )
    return photo_finish(img, rng, size, ("#1b1d1f", "#7d7a70", "#eeeae0"))


def photo_horses(size: tuple[int, int], rng: random.Random, _p: object) -> Image.Image:
    W, H = size[0] * SS, size[1] * SS
    hy = H * 0.7
    img = vertical_gradient_l((W, H), [(0, 172), (0.55, 212), (0.7, 232), (0.701, 150), (1, 104)])
    glow(img, W * 0.8, hy, W * 0.3, 240, 170)
    soft_clouds(img, rng, 4, (0.15, 0.5), (0.06, 0.14), 200, H * 0.01)
    d = ImageDraw.Draw(img)
    line = ridge(rng, W, hy, H * 0.025, waves=3, step=4)
    fill_below(d, line, H, 120)
    grass_texture(d, rng, W, hy - H * 0.01, H, 112, 26, 7, H * 0.05)
    herd = [
        (0.14, 0.13, -1, True),
        (0.28, 0.145, 1, False),
        (0.4, 0.128, -1, True),
        (0.535, 0.14, -1, False),
        (0.64, 0.09, 1, True),
        (0.79, 0.132, -1, True),
    ]
    for fx, u, facing, grazing in herd:
        x = W * fx
        g = y_at(line, x) + H * 0.014
        horse(d, x, g, H * u, 36, facing=facing, grazing=grazing, step=rng.uniform(-0.06, 0.06))
    return photo_finish(img, rng, size, ("#1a1c20", "#77787a", "#ecebe6"))


def photo_shangyraq(size: tuple[int, int], rng: random.Random, _p: object) -> Image.Image:
    """Looking up inside a yurt: roof poles radiating from the crown, daylight through it."""
    W, H = size[0] * SS, size[1] * SS
    cx, cy = W * 0.52, H * 0.46
    img = Image.new("L", (W, H), 60)
    d = ImageDraw.Draw(img)
    # Felt roof, lighter near the crown.
    for r in range(int(W * 0.9), 0, -int(W * 0.02)):
        v = int(40 + 90 * (1 - r / (W * 0.9)) ** 2)
        d.ellipse((cx - r, cy - r, cx + r, cy + r), fill=v)
    # Roof poles (uyk).
    R = W * 0.1
    n = 40
    for i in range(n):
        a = math.tau * (i + 0.5) / n
        x0, y0 = cx + math.cos(a) * R, cy + math.sin(a) * R
        x1, y1 = cx + math.cos(a) * W, cy + math.sin(a) * W
        d.line([(x0, y0), (x1, y1)], fill=30, width=int(W * 0.011))
    # Lattice wall (kerege) around the edge of the frame.
    lat = Image.new("L", (W, H), 0)
    ld = ImageDraw.Draw(lat)
    step = W * 0.05
    for k in range(-40, 40):
        ld.line([(k * step, 0), (k * step + H, H)], fill=255, width=int(W * 0.008))
        ld.line([(k * step, 0), (k * step - H, H)], fill=255, width=int(W * 0.008))
    ring = Image.new("L", (W, H), 255)
    ImageDraw.Draw(ring).ellipse((cx - W * 0.6, cy - W * 0.6, cx + W * 0.6, cy + W * 0.6), fill=0)
    img.paste(Image.new("L", (W, H), 34), (0, 0), ring)
    lat = ImageChops.multiply(lat, ring)
    img.paste(Image.new("L", (W, H), 70), (0, 0), lat)
    d.ellipse(
        (cx - W * 0.6, cy - W * 0.6, cx + W * 0.6, cy + W * 0.6), outline=18, width=int(W * 0.02)
    )
    # The crown (shangyraq): a ring with crossed, bowed bars; bright sky beyond.
    d.ellipse((cx - R, cy - R, cx + R, cy + R), fill=246)
    d.ellipse(
        (cx - R * 1.12, cy - R * 1.12, cx + R * 1.12, cy + R * 1.12),
        outline=24,
        width=int(W * 0.03),
    )
    for k in (-1, 0, 1):
        off = k * R * 0.38
        d.line(
            [
                (cx - R, cy + off),
                (cx - R * 0.4, cy + off * 1.15),
                (cx + R * 0.4, cy + off * 1.15),
                (cx + R, cy + off),
            ],
            fill=24,
            width=int(W * 0.011),
            joint="curve",
        )
        d.line(
            [
                (cx + off, cy - R),
                (cx + off * 1.15, cy - R * 0.4),
                (cx + off * 1.15, cy + R * 0.4),
                (cx + off, cy + R),
            ],
            fill=24,
            width=int(W * 0.011),
            joint="curve",
        )
    img2 = img.copy()
    glow(img2, cx, cy, R * 1.8, 235, 110)
    img = Image.blend(img, img2, 0.8)

    # A shaft of light falling through the crown.
    def beam(dd: ImageDraw.ImageDraw, s: float) -> None:
        dd.polygon(
            [
                ((cx - R * 0.7) * s, cy * s),
                ((cx + R * 0.7) * s, cy * s),
                (W * 0.95 * s, H * 1.1 * s),
                (W * 0.55 * s, H * 1.1 * s),
            ],
            fill=70,
        )

    img.paste(Image.new("L", (W, H), 230), (0, 0), soft_mask((W, H), beam, W * 0.05))
    return photo_finish(img, rng, size, ("#1c1a18", "#857560", "#f2e9d8"), vignette=0.45)


def photo_haycart(size: tuple[int, int], rng: random.Random, _p: object) -> Image.Image:
    W, H = size[0] * SS, size[1] * SS
    hy = H * 0.6
    img = vertical_gradient_l((W, H), [(0, 156), (0.5, 210), (0.6, 230), (0.601, 164), (1, 120)])
    glow(img, W * 0.86, hy, W * 0.3, 242, 170)
    soft_clouds(img, rng, 3, (0.1, 0.4), (0.08, 0.16), 222, H * 0.01)
    d = ImageDraw.Draw(img)
    far = ridge(rng, W, hy, H * 0.012, waves=4)
    fill_below(d, far, H, 160)
    grass_texture(d, rng, W, hy, H, 142, 28, 8, H * 0.04)
    # A worn track through the grass.
    d.polygon([(W * 0.47, hy + 4), (W * 0.5, hy + 4), (W * 0.98, H), (W * 0.3, H)], fill=152)
    g = H * 0.84
    v = 40
    # The cart: a broad load of hay on a flat bed over one big wheel.
    bx0, bx1 = W * 0.42, W * 0.72
    bed = g - H * 0.17
    lx0, lx1 = bx0 - W * 0.035, bx1 + W * 0.035
    load = [(bx0, bed + H * 0.01), (lx0, bed - H * 0.06)]
    for k in range(1, 14):
        t = k / 14
        y = (
            bed
            - H * 0.06
            - H * 0.2 * math.sin(math.pi * t) ** 0.35
            + rng.uniform(-H * 0.012, H * 0.012)
        )
        load.append((lx0 + (lx1 - lx0) * t, y))
    load += [(lx1, bed - H * 0.06), (bx1, bed + H * 0.01)]
    load = chaikin(load)
    d.polygon(load, fill=58)
    for _ in range(260):
        i = rng.randrange(4, len(load) - 4)
        x, y = load[i]
        a = rng.uniform(-2.8, -0.3)
        ln = H * rng.uniform(0.012, 0.04)
        d.line(
            [(x, y + H * 0.008), (x + math.cos(a) * ln, y + H * 0.008 + math.sin(a) * ln)],
            fill=58,
            width=3,
        )
    d.rectangle((bx0 - W * 0.015, bed - H * 0.005, bx1 + W * 0.015, bed + H * 0.03), fill=v)
    wr = H * 0.1
    wx = (bx0 + bx1) / 2
    d.ellipse((wx - wr, g - 2 * wr, wx + wr, g), outline=v, width=int(H * 0.014))
    for k in range(10):
        a = math.tau * k / 10
        d.line(
            [(wx, g - wr), (wx + math.cos(a) * wr, g - wr + math.sin(a) * wr)],
            fill=v,
            width=int(H * 0.007),
        )
    d.ellipse((wx - wr * 0.15, g - wr * 1.15, wx + wr * 0.15, g - wr * 0.85), fill=v)
    # The horse in the shafts, with the arched duga over its shoulders.
    u = H * 0.26
    hx = bx0 - W * 0.02 - 0.7 * u
    d.line([(bx0, bed + H * 0.012), (hx - 0.4 * u, g - 0.72 * u)], fill=v, width=int(H * 0.011))
    horse(d, hx, g + H * 0.005, u, v, facing=-1, step=0.08)
    dx = hx - 0.42 * u
    d.arc(
        (dx - 0.16 * u, g - 1.3 * u, dx + 0.16 * u, g - 0.6 * u),
        180,
        360,
        fill=v,
        width=int(0.05 * u),
    )
    # The farmer walks behind, one hand on the tailboard.
    ph = H * 0.44
    px = bx1 + W * 0.11
    pg = g + H * 0.07
    person(d, px, pg, ph, 34, hat="cap", arms=(True, False), facing=-1, stride=0.04)
    limb(
        d,
        [
            (px - 0.13 * ph, pg - 0.78 * ph),
            (px - 0.27 * ph, pg - 0.66 * ph),
            (bx1 + W * 0.012, bed + H * 0.012),
        ],
        0.05 * ph,
        34,
    )
    return photo_finish(img, rng, size, ("#1e1c19", "#86785f", "#f0e6d3"))


def photo_dawn(size: tuple[int, int], rng: random.Random, _p: object) -> Image.Image:
    W, H = size[0] * SS, size[1] * SS
    hy = H * 0.72
    img = vertical_gradient_l(
        (W, H), [(0, 132), (0.4, 178), (0.68, 212), (0.72, 222), (0.721, 110), (1, 82)]
    )
    sx = W * 0.28
    soft_clouds(img, rng, 7, (0.2, 0.6), (0.1, 0.22), 200, H * 0.02)
    glow(img, sx, hy, W * 0.6, 232, 140)
    glow(img, sx, hy, W * 0.16, 244, 220)
    d = ImageDraw.Draw(img)
    sr = W * 0.045
    d.ellipse((sx - sr, hy - sr * 1.5, sx + sr, hy + sr * 0.5), fill=255)
    line = ridge(rng, W, hy, H * 0.006, waves=3, step=4)
    fill_below(d, line, H, 96)
    grass_texture(d, rng, W, hy, H, 92, 22, 12, H * 0.05)
    # A villager leading a horse along the skyline.
    ph = H * 0.1
    px = W * 0.7
    g = y_at(line, px) + H * 0.004
    person(d, px, g, ph, 38, hat="cap", arms=(True, False), facing=1, stride=0.04)
    hand = (px - 0.3 * ph, g - 0.6 * ph)
    limb(d, [(px - 0.12 * ph, g - 0.78 * ph), (px - 0.22 * ph, g - 0.62 * ph), hand], 0.05 * ph, 38)
    u = ph * 0.8
    hx = px - 0.55 * ph - 1.04 * u
    horse(d, hx, y_at(line, hx) + H * 0.004, u, 38, facing=1, step=0.1)
    head = (hx + 1.0 * u, y_at(line, hx) - 1.06 * u)
    d.line(
        [head, ((head[0] + hand[0]) / 2, max(head[1], hand[1]) + ph * 0.08), hand],
        fill=38,
        width=max(2, int(ph * 0.012)),
        joint="curve",
    )
    return photo_finish(img, rng, size, ("#191b1f", "#7b756c", "#f3ebdc"), vignette=0.3)


# --------------------------------------------------------------------------------------
# The catalogue
# --------------------------------------------------------------------------------------


@dataclass
class Work:
    series: str
    number: int
    title: str
    size: tuple[int, int]
    paint: Callable[..., Image.Image]
    params: object = None
    fmt: str = "jpg"

    @property
    def filename(self) -> str:
        return f"{self.number:02d}-{slugify(self.title)}.{self.fmt}"

    @property
    def seed(self) -> str:
        return f"{self.series}/{self.filename}"


LANDSCAPE, WIDE, LANDSCAPE_43 = (1800, 1200), (2000, 1000), (1800, 1350)
PORTRAIT, TALL, SQUARE = (1440, 1800), (1200, 1800), (1600, 1600)

WORKS: list[Work] = [
    # Bakhyt Kalējs — Steppe Awakening
    Work(
        "steppe-awakening",
        1,
        "Steppe at First Light",
        LANDSCAPE,
        paint_steppe,
        Steppe(
            sky=[(0, "#2f3a6b"), (0.45, "#8a6d9c"), (0.8, "#eaa381"), (1, "#f8d9a0")],
            horizon=0.6,
            sun=(0.68, -0.008, 0.028),
            sun_color="#fff3d2",
            glow_color="#ffd89a",
            hills=["#a0839c", "#7b6a86", "#5c5a6e", "#5b5440"],
            rim="#ffcf86",
            grass=["#7c6a36", "#9a8340", "#6a5a30", "#b49550"],
            hill_amp=0.04,
            clouds=5,
        ),
    ),
    Work(
        "steppe-awakening",
        2,
        "Golden Grass",
        PORTRAIT,
        paint_steppe,
        Steppe(
            sky=[(0, "#6c86ad"), (0.5, "#c9b2b0"), (0.85, "#f0cfa0"), (1, "#f8e2b0")],
            horizon=0.56,
            sun=(0.3, -0.06, 0.03),
            sun_color="#fff6dc",
            glow_color="#ffe0a8",
            hills=["#b7a6a8", "#9a8f85", "#8a7850", "#8c7a3e"],
            rim="#ffd98f",
            grass=["#a08440", "#c0a050", "#7a6530", "#d6b868"],
            hill_amp=0.03,
            grass_top=0.3,
            grass_density=0.6,
            grass_soft=2.5,
            feather=True,
            clouds=3,
            cloud_color="#fbe6c8",
        ),
    ),
    Work(
        "steppe-awakening",
        3,
        "Dusk over the Rolling Hills",
        WIDE,
        paint_steppe,
        Steppe(
            sky=[(0, "#3a2b52"), (0.4, "#9c4a6e"), (0.75, "#e98550"), (1, "#f7c56c")],
            horizon=0.58,
            sun=(0.24, 0.01, 0.03),
            sun_color="#ffe7a8",
            glow_color="#ffb464",
            hills=["#8a4f6e", "#623b5c", "#452a4a", "#2d1d33"],
            rim="#ffa860",
            grass=["#4a3030", "#5e3c34", "#3a2430", "#7a4c38"],
            hill_amp=0.07,
            clouds=6,
            cloud_color="#f7a77c",
        ),
    ),
    Work(
        "steppe-awakening",
        4,
        "Komuz at Daybreak",
        SQUARE,
        paint_steppe,
        Steppe(
            sky=[(0, "#27406e"), (0.5, "#6f7fb0"), (0.8, "#f09f7a"), (1, "#fbd58e")],
            horizon=0.64,
            sun=(0.5, -0.01, 0.034),
            sun_color="#fff1cc",
            glow_color="#ffcf8a",
            hills=["#8c7fa6", "#6c6a8e", "#4f5a6e", "#5a5a3a"],
            rim="#ffcf86",
            grass=["#6f6a36", "#8f8440", "#5e5a30", "#b09a50"],
            hill_amp=0.035,
            clouds=0,
            strings=["#4fb8b2", "#f07a5c", "#f4be4a", "#c9507c", "#6ccac0"],
            string_amp=0.03,
            string_width=0.016,
            strokes=0.8,
        ),
    ),
    Work(
        "steppe-awakening",
        5,
        "Rose Horizon",
        LANDSCAPE_43,
        paint_steppe,
        Steppe(
            sky=[(0, "#8aa0c6"), (0.55, "#d6a9b8"), (0.9, "#f2c6b0"), (1, "#f6d8b8")],
            horizon=0.6,
            sun=None,
            sun_color="#fff0dc",
            glow_color="#ffe2c8",
            hills=["#b89fb4", "#a08aa0", "#b09a70", "#9a8650"],
            rim="#ffd9b0",
            grass=["#a48a50", "#b89a5a", "#8a7444", "#c8aa70"],
            hill_amp=0.02,
            water=True,
            clouds=4,
            cloud_color="#fbe0dc",
        ),
    ),
    Work(
        "steppe-awakening",
        6,
        "Evening Song",
        TALL,
        paint_steppe,
        Steppe(
            sky=[(0, "#1d2849"), (0.4, "#4f3b72"), (0.75, "#c15f78"), (1, "#f2a35a")],
            horizon=0.7,
            sun=(0.62, 0.004, 0.035),
            sun_color="#ffdc96",
            glow_color="#ff9a5c",
            hills=["#7a4868", "#583352", "#3a2440", "#24182c"],
            rim="#ff9e5a",
            grass=["#3e2632", "#54342e", "#2e1c28", "#6a4232"],
            hill_amp=0.025,
            clouds=2,
            cloud_color="#f08a78",
            strings=["#f6c66a", "#f6c66a", "#f6c66a"],
            string_amp=0.012,
            string_width=0.004,
            star=True,
        ),
    ),
    # Bakhyt Morel — Bazaar Colours
    Work("bazaar-colours", 1, "Awnings, Green Bazaar", LANDSCAPE, paint_awnings),
    Work(
        "bazaar-colours",
        2,
        "Koshkar Muiz",
        SQUARE,
        paint_carpet,
        Carpet(ground=FELT_RED, alt=TEAL, motif=CREAM, motif2=OCHRE, cord=INDIGO, grid=(2, 2)),
        fmt="png",
    ),
    Work("bazaar-colours", 3, "Facades, Almaty", PORTRAIT, paint_facades),
    Work("bazaar-colours", 4, "Spice Stall", LANDSCAPE_43, paint_spices),
    Work(
        "bazaar-colours",
        5,
        "Red Felt, Teal Ground",
        TALL,
        paint_carpet,
        Carpet(
            ground=TEAL,
            alt=TEAL,
            motif=FELT_RED,
            motif2=FELT_RED,
            cord=CREAM,
            grid=(1, 3),
            accent=OCHRE,
            chain=True,
        ),
        fmt="png",
    ),
    Work("bazaar-colours", 6, "City below the Mountains", WIDE, paint_city),
    # Bekzat Ayumi — The People of Aktybek
    Work("the-people-of-aktybek", 1, "Harvest at First Light", LANDSCAPE, photo_harvest),
    Work("the-people-of-aktybek", 2, "Tending the Yurt", PORTRAIT, photo_yurt),
    Work("the-people-of-aktybek", 3, "Horses at Grazing", WIDE, photo_horses),
    Work("the-people-of-aktybek", 4, "Under the Shangyraq", SQUARE, photo_shangyraq),
    Work("the-people-of-aktybek", 5, "The Hay Cart", LANDSCAPE_43, photo_haycart),
    Work("the-people-of-aktybek", 6, "Dawn over the Steppe", TALL, photo_dawn),
]


def save(img: Image.Image, path: Path) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    if path.suffix == ".png":
        img.save(path, "PNG", optimize=True)
    else:
        img.convert("RGB").save(path, "JPEG", **JPEG_OPTIONS)


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--out", type=Path, default=SERIES_DIR, help="series folder (default: content/series)"
    )
    parser.add_argument(
        "--only", action="append", default=[], help="series slug or file name to draw"
    )
    args = parser.parse_args(argv)

    total = count = 0
    oversize = []
    for work in WORKS:
        if args.only and not (
            {work.series, work.filename, work.filename.split(".")[0]} & set(args.only)
        ):
            continue
        rng = random.Random(work.seed)
        img = work.paint(work.size, rng, work.params)
        path = args.out / work.series / work.filename
        save(img, path)
        nbytes = path.stat().st_size
        total += nbytes
        count += 1
        if nbytes > MAX_BYTES:
            oversize.append(path.name)
        w, h = img.size
        rel = f"{work.series}/{work.filename}"
        print(f"{rel:<56} {w:>5} × {h:<5} {nbytes / 1000:6.1f} kB")
    print(f"{count} files, {total / 1000:.1f} kB in all")
    if oversize:
        print("over the per-file budget:", ", ".join(oversize))
        return 1
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
