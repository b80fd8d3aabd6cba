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
byte-identical files (for a given Pillow version). Any change here that alters the order
of the random draws, or the arithmetic of a coordinate, changes the pictures.

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
from dataclasses import dataclass
from pathlib import Path
from typing import Any, ClassVar

from PIL import Image, ImageChops, ImageDraw, ImageFilter, ImageOps

ROOT = Path(__file__).resolve().parents[2]
SERIES_DIR = ROOT / "content" / "series"
SS = 2  # everything is drawn at this multiple of the final size, then reduced (anti-aliasing)
JPEG_OPTIONS = {"quality": 82, "optimize": True, "progressive": True, "subsampling": "4:2:0"}
MAX_BYTES = 195_000  # keep comfortably under 200 KB

Color = tuple[int, int, int]
Ink = int | tuple[int, ...]  # a grey value (the duotone scenes) or a colour
Point = tuple[float, float]
Size = tuple[int, int]
Box = tuple[float, float, float, float]
Draw = ImageDraw.ImageDraw
Rng = random.Random
Img = Image.Image


# Small helpers ------------------------------------------------------------------------


def hexc(value: str) -> Color:
    v = value.lstrip("#")
    return (int(v[0:2], 16), int(v[2:4], 16), int(v[4:6], 16))


def hexes(values: str) -> list[Color]:
    return [hexc(v) for v in values.split()]


def color_stops(spec: str) -> list[tuple[float, Color]]:
    """Gradient stops written as ``"position #rrggbb, …"``."""
    return [(float(p), hexc(c)) for p, c in (s.split() for s in spec.split(","))]


def nums(spec: str) -> list[Any]:
    """Rows of numbers written as ``"a b, c d, …"`` (outlines, offsets, small tables)."""
    return [tuple(float(v) for v in row.split()) for row in spec.split(",")]


def mix(a: Color, b: Color, t: float) -> Color:
    t = max(0.0, min(1.0, t))
    r, g, bl = (round(x + (y - x) * t) for x, y in zip(a, b, strict=True))
    return (r, g, bl)


def clamp(v: float) -> int:
    return 0 if v < 0 else 255 if v > 255 else int(v)


def slugify(text: str) -> str:
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9]+", "-", ascii_text.lower()).strip("-")


def ramp(stops: Sequence[tuple[float, Color]], t: float) -> Color:
    """Colour at ``t`` along a list of ``(position, colour)`` stops, smoothly blended."""
    if t <= stops[0][0]:
        return stops[0][1]
    for (p0, c0), (p1, c1) in itertools.pairwise(stops):
        if t <= p1:
            s = max(0.0, min(1.0, (t - p0) / (p1 - p0)))
            return mix(c0, c1, s * s * (3 - 2 * s))
    return stops[-1][1]


def vertical_gradient(size: Size, stops: Sequence[tuple[float, Any]]) -> Img:
    """A top-to-bottom blend through ``(position, colour)`` stops; grey values make an "L" image."""
    (w, h), grey = size, isinstance(stops[0][1], int)
    rgb = [(p, (c, c, c) if grey else c) for p, c in stops]
    column = [ramp(rgb, y / (h - 1)) for y in range(h)]
    img = Image.new("L" if grey else "RGB", (1, h))
    img.putdata([c[0] for c in column] if grey else column)
    return img.resize((w, h), Image.Resampling.NEAREST)


def oval(d: Draw, x: float, y: float, rx: float, ry: float, fill: Any = None, **kw: Any) -> None:
    d.ellipse((x - rx, y - ry, x + rx, y + ry), fill=fill, **kw)


def diamond(d: Draw, x: float, y: float, r: float, fill: Ink) -> None:
    d.polygon([(x, y - r), (x + r, y), (x, y + r), (x - r, y)], fill=fill)


def cord(d: Draw, pts: Sequence[Point], width: float, fill: Ink) -> None:
    """A line with round ends: a felt cord, an arm."""
    d.line(list(pts), fill=fill, width=max(2, int(width)), joint="curve")
    for x, y in (pts[0], pts[-1]):
        oval(d, x, y, width / 2, width / 2, fill)


def tint(img: Img, ink: Ink, mask: Img) -> None:
    """Lay ``ink`` over ``img`` through a greyscale mask."""
    img.paste(Image.new(img.mode, img.size, ink), (0, 0), mask)


def soft_mask(size: Size, shape: Callable[[Draw, float], None], blur: float) -> Img:
    """A blurred greyscale mask; ``shape(draw, scale)`` draws it at 1/8 scale, for speed."""
    small = Image.new("L", (max(1, size[0] // 8), max(1, size[1] // 8)), 0)
    shape(ImageDraw.Draw(small), 1 / 8)
    return small.filter(ImageFilter.GaussianBlur(blur / 8)).resize(size, Image.Resampling.BICUBIC)


def glow(img: Img, cx: float, cy: float, r: float, ink: Ink, strength: int) -> None:
    def shape(d: Draw, s: float) -> None:
        d.ellipse(((cx - r) * s, (cy - r) * s, (cx + r) * s, (cy + r) * s), fill=strength)

    tint(img, ink, soft_mask(img.size, shape, r * 0.7))


def texture(img: Img, rng: Rng, cell: int, amount: float, stretch: float = 1.0) -> Img:
    """Soft low-frequency noise in soft light; ``stretch`` > 1 draws it out like brushwork."""
    cx, cy = max(1, int(cell * stretch)), cell
    sw, sh = img.size[0] // cx + 4, img.size[1] // cy + 4
    small = Image.frombytes("L", (sw, sh), rng.randbytes(sw * sh))
    # The blur flattens the noise to roughly ±40 around its mean: stretch it back.
    small = small.filter(ImageFilter.GaussianBlur(1.1))
    small = small.point(lambda v: clamp(128 + (v - 128) * 3.2 * amount))
    big = small.resize((sw * cx, sh * cy), Image.Resampling.BICUBIC)
    noise = big.crop((2 * cx, 2 * cy, 2 * cx + img.size[0], 2 * cy + img.size[1]))
    return ImageChops.soft_light(img, noise.convert(img.mode))


def ridge(rng: Rng, w: int, base: float, amp: float, waves: int = 4, step: int = 6) -> list[Point]:
    """A rolling skyline: a sum of a few sine waves with random phase."""
    comps = []
    for k in range(waves):
        freq = (k + 1) ** 1.35 * rng.uniform(0.6, 1.3)
        comps.append((amp * rng.uniform(0.5, 1.0) / (k + 1) ** 1.1, freq, rng.uniform(0, math.tau)))
    return [
        (float(x), base - sum(a * math.sin(math.tau * f * x / w + p) for a, f, p in comps))
        for x in range(0, w + step, step)
    ]


def fill_below(d: Draw, pts: Sequence[Point], h: int, fill: Ink) -> None:
    d.polygon([*pts, (pts[-1][0], h + 10), (pts[0][0], h + 10)], fill=fill)


def y_at(pts: Sequence[Point], x: float) -> float:
    step = pts[1][0] - pts[0][0]
    i = max(0, min(len(pts) - 2, int(x // step)))
    (x0, y0), (x1, y1) = pts[i], pts[i + 1]
    return y0 + (y1 - y0) * ((x - x0) / (x1 - x0))


#: How far (in colour) the ends of a mark may stray before it is shortened, then dropped;
#: then passes, coarse to fine: length and width ranges in units, alpha range, jitter.
STEPPE_BRUSH = (40, ((60, 150), (10, 22), (90, 150), 5), ((26, 70), (6, 12), (90, 160), 6))
BAZAAR_BRUSH = (30, ((50, 130), (12, 24), (100, 170), 8), ((24, 60), (7, 13), (100, 180), 8))
Angle = Callable[[float, float], float]  # direction of a mark at (x, y)
Scale = Callable[[float], float]  # brush units to pixels


def brushwork(img: Img, rng: Rng, angle: Angle, n: Sequence[int], brush: Any, unit: Scale) -> None:
    """Tapered brush marks, ``n[i]`` in pass ``i``, coloured from the picture beneath.

    ``unit`` turns brush units into pixels. Shapes keep clean edges (a mark whose ends land on
    another colour is shortened, then dropped) and only their insides show the brush.
    """
    d = ImageDraw.Draw(img, "RGBA")
    (w, h), (edge, *passes) = img.size, brush
    for count, (length, width, alpha, jitter) in zip(n, passes, strict=True):
        src = img.copy()

        def at(x: float, y: float, src: Img = src) -> Any:
            return src.getpixel((min(w - 1, max(0, int(x))), min(h - 1, max(0, int(y)))))

        for _ in range(count):
            x, y = rng.uniform(0, w), rng.uniform(0, h)
            r, g, b = at(x, y)
            ln, wd = rng.uniform(*map(unit, length)), rng.uniform(*map(unit, width))
            a, j = angle(x, y), rng.uniform(-jitter, jitter)
            fill = (*(clamp(v + j + rng.uniform(-3, 3)) for v in (r, g, b)), rng.randint(*alpha))
            for _try in range(2):
                dx, dy = math.cos(a) * ln / 2, math.sin(a) * ln / 2
                ends = (at(x - dx, y - dy), at(x + dx, y + dy))
                if all(max(abs(e[0] - r), abs(e[1] - g), abs(e[2] - b)) <= edge for e in ends):
                    break
                ln, wd = ln * 0.45, wd * 0.7
            else:
                continue
            # A tapered, slightly lopsided mark centred on (x, y).
            ca, sa = math.cos(a), math.sin(a)
            top, bottom = [], []
            for t in (i / 7 for i in range(8)):
                along = (t - 0.5) * ln
                half = wd / 2 * (math.sin(math.pi * t) ** 0.55) * (1.0 - 0.25 * t)
                top.append((x + along * ca - half * sa, y + along * sa + half * ca))
                bottom.append((x + along * ca + half * sa, y + along * sa - half * ca))
            d.polygon(top + bottom[::-1], fill=fill)


def clouds(img: Img, rng: Rng, spec: Sequence[Any], depth: float, ink: Ink) -> None:
    """Banks of blurred cloud: ``spec`` is count, height band (of ``depth``), blur, puff sizes.

    Without puff sizes: long thin streaks; with them, soft heaps of puffs (of the width).
    """
    (count, band, blur, *puffs), (W, H) = spec, img.size
    mask = Image.new("L", (W, H), 0)
    d = ImageDraw.Draw(mask)
    for _ in range(count):
        cy, cx = rng.uniform(*band) * depth, rng.uniform(-0.1, 1.1) * W
        length = 0.0 if puffs else rng.uniform(0.25, 0.6) * W
        for _k in range(10 if puffs else 14):
            if puffs:
                rx, ry = W * rng.uniform(*puffs), W * rng.uniform(*puffs) * rng.uniform(0.12, 0.25)
                ox, oy = rng.gauss(0, rx * 0.8), rng.gauss(0, ry * 0.5)
            else:
                ox, oy = rng.gauss(0, length * 0.22), rng.gauss(0, H * 0.006)
                rx, ry = rng.uniform(0.25, 0.55) * length / 2, rng.uniform(0.004, 0.011) * H
            shade = rng.randint(120, 200) if puffs else rng.randint(70, 120)
            d.ellipse((cx + ox - rx, cy + oy - ry, cx + ox + rx, cy + oy + ry), fill=shade)
    tint(img, ink, mask.filter(ImageFilter.GaussianBlur(H * blur)))


# Steppe Awakening — painterly horizons at dawn and dusk -------------------------------


@dataclass
class Steppe:
    sky: str  # colour stops from the top of the picture down to the horizon
    light: str  # colours of the sun, its glow, and the light catching the hill crests
    land: str  # colours of the hills, far to near / of the grass
    horizon: tuple[float, float]  # height, and how much the hills roll (fractions of h)
    sun: tuple[float, float, float] | None  # x, offset from the horizon (of h), radius (of w)
    clouds: tuple[int, str] = (4, "#f3c9a8")  # how many, colour
    meadow: tuple[float, float, float] = (0.12, 1.0, 0.0)  # grass: height (of h), density, blur
    strokes: float = 1.0  # density of the painterly pass
    feather: bool = False  # tall feather-grass plumes in the foreground
    strings: str = ""  # colours of rhythmic bands across the sky (the strings of the komuz)
    string_size: tuple[float, float] = (0.02, 0.012)  # amplitude, width (of h)
    water: bool = False
    star: bool = False

    def __call__(self, size: Size, rng: Rng) -> Img:
        return paint_steppe(size, rng, self)


def paint_steppe(size: Size, rng: Rng, p: Steppe) -> Img:
    W, H = size[0] * SS, size[1] * SS
    (horizon, roll), sky = p.horizon, color_stops(p.sky)
    unit, hy = W / 1800, horizon * H
    img = vertical_gradient((W, H), [(pos * horizon, c) for pos, c in sky] + [(1.0, sky[-1][1])])
    d = ImageDraw.Draw(img, "RGBA")
    sun, halo, rim = hexes(p.light)
    if p.sun:
        sx, sy, sr = p.sun[0] * W, hy + p.sun[1] * H, p.sun[2] * W
        glows = ((W * 0.42, halo, 120), (W * 0.16, halo, 170), (sr * 2.2, sun, 200))
        for r, ink, strength in glows:
            glow(img, sx, sy, r, ink, strength)
    else:
        sx, sy, sr = W * 0.5, hy, W * 0.02
        glow(img, sx, sy, W * 0.5, halo, 90)
    if p.clouds[0]:  # long thin clouds, lit from below
        clouds(img, rng, (p.clouds[0], (0.12, 0.75), 0.006), hy, hexc(p.clouds[1]))

    strings = hexes(p.strings)
    for i, ink in enumerate(strings):
        base = hy * (0.22 + 0.62 * (i + 0.5) / len(strings))
        freq, phase = rng.uniform(1.2, 2.4), rng.uniform(0, math.tau)
        amp = p.string_size[0] * H * rng.uniform(0.7, 1.3)
        thick = p.string_size[1] * H * rng.uniform(0.7, 1.2)
        top, bot = [], []
        for x in map(float, range(0, W + 8, 8)):
            env = 0.55 + 0.45 * math.sin(math.pi * x / W)
            y = base + amp * env * math.sin(math.tau * freq * x / W + phase)
            t = thick * (0.6 + 0.4 * math.sin(math.tau * 3 * freq * x / W + phase * 2) ** 2)
            top.append((x, y - t / 2))
            bot.append((x, y + t / 2))
        d.polygon(top + bot[::-1], fill=(*ink, 120))

    water_y = hy + H * 0.06
    if p.water:  # a distant strip of water reflecting the sky
        flipped = img.crop((0, int(hy - H * 0.2), W, int(hy)))
        flipped = flipped.transpose(Image.Transpose.FLIP_TOP_BOTTOM).resize((W, int(H * 0.045)))
        reflection = Image.blend(flipped, Image.new("RGB", flipped.size, (226, 230, 242)), 0.3)

    # Hills, far to near, with atmospheric haze, sun-lit crests and a light wash on the slopes.
    hill_lines, (hills, grass) = [], [hexes(colors) for colors in p.land.split("/")]
    for i, hill in enumerate(hills):
        depth = i / max(1, len(hills) - 1)
        base = hy + (H - hy) * (0.02 + 0.55 * depth**1.4)
        if p.water and i == 1:
            base = max(base, water_y + H * 0.06)
        line = ridge(rng, W, base, roll * H * (0.35 + 0.9 * depth), waves=4, step=6)
        col = mix(hill, sky[-1][1], 0.25 * (1 - depth))
        fill_below(d, line, H, col)
        if p.water and i == 0:  # a still lake beyond the near slopes
            img.paste(reflection, (0, int(water_y)))
            for _k in range(40):
                lx, ly = rng.uniform(0, W), water_y + rng.uniform(0.1, 0.9) * H * 0.045
                ll, alpha = rng.uniform(0.02, 0.12) * W, rng.randint(70, 140)
                d.line([(lx, ly), (lx + ll, ly)], (255, 246, 236, alpha), int(unit * 3) + 1)
        hill_lines.append(line)
        for j in range(len(line) - 1):
            lit = max(0.0, 1 - abs(line[j][0] - sx) / (W * 0.7)) ** 1.5
            if lit > 0.02:
                d.line(line[j : j + 2], fill=(*rim, int(120 * lit)), width=int(H * 0.004) + 2)
        shade = mix(col, rim, 0.18)
        for x, y in line[0:-1:2]:
            lit = max(0.0, 1 - abs(x - sx) / (W * 0.8))
            d.line([(x, y + 4), (x, y + H * 0.03)], fill=(*shade, int(70 * lit)), width=14)

    # Painterly pass: horizontal marks in the sky, marks following the land below.
    area = W * H / (3600 * 2400) * p.strokes
    counts = (int(7000 * area), int(9000 * area))
    angle: Angle = lambda _x, y: rng.gauss(0, 0.05 if y < hy else 0.12)  # noqa: E731
    brushwork(img, rng, angle, counts, STEPPE_BRUSH, lambda v: v * unit)

    # Grass in the foreground: upright strokes, lit at the tips.
    d = ImageDraw.Draw(img, "RGBA")
    grass_top, density, soft = p.meadow
    gtop = H - grass_top * H
    grass_line = ridge(rng, W, gtop, H * 0.025, waves=5, step=6)
    for _ in range(int(11000 * density * W / 3600 * (grass_top / 0.12) ** 0.35)):
        x = rng.uniform(-10, W + 10)
        xc = max(0, min(W - 1, x))
        crest = max(y_at(grass_line, xc), y_at(hill_lines[-1], xc))
        y = rng.uniform(crest, H + 20)
        depth = (y - crest) / max(1.0, H - crest)
        length, lean = (0.012 + 0.05 * depth) * H * rng.uniform(0.5, 1.3), rng.gauss(0.12, 0.18)
        col = mix(rng.choice(grass), rim, rng.random() * 0.35 * (1 - depth))
        blade = [(x, y)] + [
            (x + math.sin(lean) * length * t + lean * length * 0.2 * t * t, y - length * t)
            for t in (1 / 3, 2 / 3, 3 / 3)
        ]
        alpha, width = rng.randint(120, 220), max(2, int(unit * rng.uniform(2, 4.5)))
        d.line(blade, fill=(*col, alpha), width=width)
    if soft:  # the nearest grass melts into soft, loaded brushwork

        def band(dd: Draw, s: float) -> None:
            dd.rectangle((0, (gtop + (H - gtop) * 0.35) * s, W * s, H * s), fill=255)

        blurred = img.filter(ImageFilter.GaussianBlur(unit * soft))
        img = Image.composite(blurred, img, soft_mask((W, H), band, H * 0.05))

    if p.feather:
        # Feather grass (stipa): slender stems bowing in the wind, silky plumes catching the sun.
        plumes = Image.new("L", (W, H), 0)
        pd, stem = ImageDraw.Draw(plumes), mix(grass[0], rim, 0.25)
        for _ in range(int(46 * W / 2880)):
            x, y = rng.uniform(-0.1, 1.0) * W, H + rng.uniform(0, H * 0.04)
            length, bow = H * rng.uniform(0.24, 0.46), rng.uniform(0.25, 0.45)
            stalk = [
                (x + bow * length * t**2.2, y - length * (t - 0.18 * bow * t**3))
                for t in (k / 20 for k in range(21))
            ]
            # (With soft grass, ``d`` still draws on the picture from before the blur, so
            # these stems do not show.)
            d.line(stalk[:15], fill=(*stem, 150), width=max(2, int(unit * 2.5)))
            # The plume trails on from the upper stem, downwind and drooping.
            (ax, ay), (px, py) = stalk[-2:]
            ang, tail = math.atan2(py - ay, px - ax), stalk[13:]
            for _k in range(12):
                ang += 0.11
                px, py = px + math.cos(ang) * length * 0.025, py + math.sin(ang) * length * 0.025
                tail.append((px, py))
            for off in ((strand - 2) * unit * 3 for strand in range(5)):
                strand_pts = [(tx + off * 0.3, ty + off) for tx, ty in tail]
                grey, width = rng.randint(110, 200), max(2, int(unit * rng.uniform(3, 6)))
                pd.line(strand_pts, fill=grey, width=width, joint="curve")
        plumes = plumes.filter(ImageFilter.GaussianBlur(unit * 3))
        tint(img, mix(rim, (255, 250, 236), 0.55), plumes)

    if p.sun and sy - sr < hy + H * 0.02:
        # Re-state the sun so it stays clean, softly, behind the far hills.
        sun_layer = Image.new("L", (W, H), 0)
        sd = ImageDraw.Draw(sun_layer)
        oval(sd, sx, sy, sr, sr, 235)
        for line in hill_lines[:2]:
            fill_below(sd, line, H, 0)
        tint(img, sun, sun_layer.filter(ImageFilter.GaussianBlur(sr * 0.08)))
    if p.star:
        x, y = W * 0.72, H * 0.14
        oval(ImageDraw.Draw(img, "RGBA"), x, y, unit * 4, unit * 4, (255, 246, 220, 230))
        glow(img, x, y, unit * 22, (255, 240, 210), 90)
    return texture(img, rng, 20 * SS, 0.15, stretch=4).resize(size, Image.Resampling.LANCZOS)


# Bazaar Colours — awnings, facades and felt ornament ----------------------------------

FELT_RED, TEAL, OCHRE = hexes("#b3262c #1f7575 #d69a2a")
CREAM, INDIGO, PAPER = hexes("#f0e2c4 #202a4a #efe6d2")


def horn(cx: float, cy: float, s: float, sx: int, rot: int = 0) -> list[Point]:
    """One ram's horn (koshkar muiz): a stem rising from (cx, cy) and curling outward.

    ``sx`` mirrors the horn; ``rot`` turns it by multiples of 90°.
    """
    local = [(0.0, 0.0), (0.0, -0.34 * 0.5)]
    for i in range(49):
        th, r = math.pi + math.tau * 1.1 * i / 48, 0.3 * (1 - 0.62 * i / 48)
        local.append((0.3 + r * math.cos(th), -0.34 + r * math.sin(th)))
    out = []
    for x, y in local:
        x *= sx
        for _ in range(rot % 4):
            x, y = -y, x
        out.append((cx + x * s, cy + y * s))
    return out


def horn_pair(d: Draw, cx: float, cy: float, s: float, ink: Color) -> None:
    for sx in (1, -1):
        cord(d, horn(cx, cy, s, sx), s * 0.12, ink)


def frieze(d: Draw, x0: float, x1: float, y: float, h: float, bg: Color, fg: Color) -> None:
    """A band of ram's-horn pairs."""
    d.rectangle((x0, y, x1, y + h), fill=bg)
    n = max(1, int((x1 - x0) / (h * 1.6)))
    for i in range(n):
        horn_pair(d, x0 + (x1 - x0) / n * (i + 0.5), y + h * 0.85, h * 1.05, fg)


def tooth_border(d: Draw, box: Box, size: float, a: Color, b: Color) -> None:
    """A band of alternating triangles (a 'running teeth' border) inside ``box``."""
    x0, y0, x1, y1 = box
    d.rectangle(box, fill=b)
    across = x1 - x0 >= y1 - y0  # a horizontal band
    n = max(2, round((x1 - x0 if across else y1 - y0) / size))
    step = (x1 - x0 if across else y1 - y0) / n
    for i in range(n):
        x, y = x0 + i * step, y0 + i * step
        if across:
            d.polygon([(x, y1), (x + step / 2, y0), (x + step, y1)], fill=a)
        else:
            d.polygon([(x1, y), (x0, y + step / 2), (x1, y + step)], fill=a)


@dataclass
class Carpet:
    """A felt carpet (syrmak) design painted in gouache, with a margin of bare paper."""

    ground: Color  # field colour of the even cells
    alt: Color  # field colour of the odd cells
    motif: Color  # ram's horns on the even cells
    motif2: Color  # ram's horns on the odd cells
    cord: Color  # outline around the horns
    grid: tuple[int, int]  # columns, rows
    accent: Color | None = None  # small ornaments (defaults to the motif colour)
    chain: bool = False  # horn pairs down the sides instead of corner diamonds
    fmt: ClassVar[str] = "png"  # flat colours in a small palette: PNG keeps them small

    def __call__(self, size: Size, rng: Rng) -> Img:
        return paint_carpet(size, rng, self)


def paint_carpet(size: Size, rng: Rng, p: Carpet) -> Img:
    W, H = size[0] * SS, size[1] * SS
    unit, m, bw = min(W, H) / 1600, min(W, H) * 0.06, min(W, H) * 0.05
    img = Image.new("RGB", (W, H), PAPER)
    d = ImageDraw.Draw(img)
    x0, y0, x1, y1 = m, m, W - m, H - m
    d.rectangle((x0, y0, x1, y1), fill=INDIGO)
    band = FELT_RED if p.ground != FELT_RED else TEAL
    for box in ((x0, y0, x1, y0 + bw), (x0, y1 - bw, x1, y1)):
        tooth_border(d, box, bw, OCHRE, band)
    for box in ((x0, y0 + bw, x0 + bw, y1 - bw), (x1 - bw, y0 + bw, x1, y1 - bw)):
        tooth_border(d, box, bw, OCHRE, band)
    line = bw * 0.28
    fx0, fy0, fx1, fy1 = x0 + bw + line, y0 + bw + line, x1 - bw - line, y1 - bw - line
    for k, ink in ((line, CREAM), (line * 0.55, INDIGO)):
        d.rectangle((fx0 - k, fy0 - k, fx1 + k, fy1 + k), fill=ink)
    cw, ch = (fx1 - fx0) / p.grid[0], (fy1 - fy0) / p.grid[1]
    for r, c in itertools.product(range(p.grid[1]), range(p.grid[0])):
        bg, fg = (p.ground, p.motif) if (r + c) % 2 == 0 else (p.alt, p.motif2)
        bx, by, accent = fx0 + c * cw, fy0 + r * ch, p.accent or fg
        d.rectangle((bx, by, bx + cw, by + ch), fill=bg)
        # Two pairs of ram's horns, back to back, around a small diamond; outlined first.
        s = min(cw, ch * 0.95) * 0.66
        width, edge, rr = s * 0.095, s * 0.022, s * 0.12
        paths = [horn(bx + cw / 2, by + ch / 2, s, sx, rot)[1:] for rot in (0, 2) for sx in (1, -1)]
        for ink, w, r_ in ((p.cord, width + 2 * edge, rr + edge * 1.6), (fg, width, rr)):
            for path in paths:
                cord(d, path, w, ink)
            diamond(d, bx + cw / 2, by + ch / 2, r_, ink)
        if p.chain:  # small ram's-horn pairs running down both sides of the field
            cs = min(cw * 0.16, ch * 0.3)
            for ax, k in itertools.product((0.12, 0.88), range(3)):
                horn_pair(d, bx + cw * ax, by + ch * (k + 0.5) / 3 + cs * 0.3, cs, accent)
        else:  # small stepped diamonds in the corners of each cell
            cr = min(cw, ch) * 0.055
            for ay, ax in itertools.product((0.1, 0.9), (0.1, 0.9)):
                diamond(d, bx + cw * ax, by + ch * ay, cr, accent)
                diamond(d, bx + cw * ax, by + ch * ay, cr * 0.45, bg)
    # Painted by hand: the edge of the colour wanders a little over the paper.
    edge_pts = []
    for (ax, ay), (bx, by) in itertools.pairwise(
        [(x0, y0), (x1, y0), (x1, y1), (x0, y1), (x0, y0)]
    ):
        span = math.hypot(bx - ax, by - ay)
        n, nx, ny = max(2, int(span / (14 * unit))), (by - ay) / span, -(bx - ax) / span
        for t in (i / n for i in range(n)):
            o = rng.uniform(-2.5, 4.0) * unit
            edge_pts.append((ax + (bx - ax) * t + nx * o, ay + (by - ay) * t + ny * o))
    mask = Image.new("L", (W, H), 0)
    ImageDraw.Draw(mask).polygon(edge_pts, fill=255)
    img = Image.composite(img, Image.new("RGB", (W, H), PAPER), mask)
    # Gouache dries flat and matte: a soft unevenness of pigment, posterised to a small palette.
    img = texture(img, rng, 18 * SS, 0.1).resize(size, Image.Resampling.LANCZOS)
    return img.quantize(colors=24, method=Image.Quantize.MEDIANCUT, dither=Image.Dither.NONE)


def awning(d: Draw, box: Box, colors: Sequence[Color], stripes: int) -> None:
    """A striped market awning seen from the front, with a scalloped hem."""
    x0, y0, x1, y1 = box
    sw = (x1 - x0) / stripes
    for i in range(stripes):
        a, b, col = x0 + i * sw, x0 + (i + 1) * sw, colors[i % len(colors)]
        d.polygon([(a, y0), (b, y0), (b, y1), (a, y1)], fill=col)
        d.pieslice((a, y1 - sw / 2, b, y1 + sw / 2), 0, 180, fill=col)


def gouache(
    img: Img, rng: Rng, unit: float, scale: float = 1.0, sky: float = 0.0, density: float = 1.0
) -> Img:
    """Big loaded-brush marks that stay inside each colour field, then texture; reduce.

    Marks run horizontally or vertically, and lie flat above the height ``sky``.
    """

    def angle(_x: float, y: float) -> float:
        if y < sky:
            return rng.gauss(0, 0.06)
        return rng.choice((0.0, 0.0, math.pi / 2)) + rng.gauss(0, 0.1)

    (w, h), n = img.size, img.size[0] * img.size[1] * density
    counts = (int(n / 1600), int(n / 1800))
    brushwork(img, rng, angle, counts, BAZAAR_BRUSH, lambda v: v * unit * scale)
    return texture(img, rng, 24 * SS, 0.12).resize((w // SS, h // SS), Image.Resampling.LANCZOS)


def paint_awnings(size: Size, rng: Rng) -> Img:
    W, H = size[0] * SS, size[1] * SS
    unit = W / 3600
    img = vertical_gradient((W, H), color_stops("0 #9cc6c0, 0.12 #cfe0d4, 1 #c9b79a"))
    d = ImageDraw.Draw(img)
    wall, cornice, window, frieze_bg = hexes("#8fb79a #ece3cb #4f6f72 #5f8f86")
    stall, post, pavement, shadow = hexes("#3b2e2a #2a211e #d3bf9c #b59d7b")
    # The market hall behind: a pale green wall with tall arched windows under a cornice.
    d.rectangle((0, H * 0.12, W, H * 0.5), fill=wall)
    d.rectangle((0, H * 0.095, W, H * 0.135), fill=cornice)
    frieze(d, 0, W, H * 0.135, H * 0.03, frieze_bg, cornice)
    for x in (W * (0.04 + i * 0.113) for i in range(9)):
        d.rectangle((x, H * 0.24, x + W * 0.07, H * 0.46), fill=window)
        d.pieslice((x, H * 0.2, x + W * 0.07, H * 0.28), 180, 360, fill=window)
    # Stalls: awnings, a shaded interior, heaps of fruit on painted counters.
    pairs = "#b3262c #f0e2c4, #1f7575 #e8dcc0, #d69a2a #f3e5c0, #2f5aa0 #f0e2c4, #d1522e #f2c14e"
    palettes = [hexes(p) for p in pairs.split(",")]
    counters = hexes("#2f6f9a #6b8f3a #9a3b32 #c58a2e #2f7a72")
    rng.shuffle(palettes)
    rng.shuffle(counters)
    fruit = hexes("#e8862a #c7332b #f2c14e #7a9a3a #a0253a #e76f2a #6a2a4a")
    sw = W / 5
    for i in range(5):
        x0, x1 = i * sw - W * 0.01, (i + 1) * sw + W * 0.01
        top, hem = H * rng.uniform(0.33, 0.39), H * rng.uniform(0.5, 0.54)
        cx0, cx1 = x0 + sw * 0.04, x1 - sw * 0.04
        d.rectangle((x0, hem, x1, H * 0.86), fill=stall)
        d.rectangle((cx0, H * 0.67, cx1, H * 0.86), fill=counters[i])
        d.rectangle((cx0, H * 0.67, cx1, H * 0.69), fill=mix(counters[i], CREAM, 0.5))
        rng.shuffle(fruit)
        # A heap of round fruit on the counter.
        r, fx0, fx1 = 52 * unit, x0 + sw * 0.07, x1 - sw * 0.07
        groups = max(2, int((fx1 - fx0) / (r * 9)))
        gw = (fx1 - fx0) / groups
        for g in range(groups):
            col = rng.choice(fruit[:3])
            dark, gx0 = mix(col, (30, 20, 20), 0.45), fx0 + g * gw
            for row in range(int((H * 0.675 - H * 0.55) / (r * 1.5))):
                yy, inset = H * 0.675 - r - row * r * 1.5, row * r * 0.9
                xx = gx0 + r + inset + rng.uniform(0, r * 0.3)
                while xx < gx0 + gw - r - inset:
                    rr = r * rng.uniform(0.85, 1.1)
                    c = mix(col, (255, 240, 210), rng.uniform(0, 0.2))
                    oval(d, xx, yy, rr, rr, dark)
                    d.ellipse((xx - rr * 0.92, yy - rr, xx + rr * 0.8, yy + rr * 0.78), fill=c)
                    xx += rr * 1.9
        d.line((cx0, hem, cx0, H * 0.88), fill=post, width=int(16 * unit))
        awning(d, (x0, top, x1, hem), palettes[i], 8)
    # Pavement with long evening shadows.
    y = H * 0.86
    d.rectangle((0, y, W, H), fill=pavement)
    for x in (W * (-0.05 + i * 0.15) for i in range(8)):
        d.polygon([(x, y), (x + W * 0.012, y), (x + W * 0.1, H), (x + W * 0.075, H)], fill=shadow)
    return gouache(img, rng, unit * 2, sky=H * 0.1)


def paint_spices(size: Size, rng: Rng) -> Img:
    W, H = size[0] * SS, size[1] * SS
    unit = W / 3600
    back, counter, lip, tray = hexes("#3a2a28 #5a3b2c #8a5f3c #c9c0b0")
    img = Image.new("RGB", (W, H), back)
    d = ImageDraw.Draw(img)
    awning(d, (-W * 0.02, 0, W * 1.02, H * 0.2), (FELT_RED, CREAM), 12)
    # Counter rows receding upward: back rows smaller.
    spice = hexes("#c0392b #e3a21a #b5651d #7d8c3a #d35400 #8e2f1e #e8c56a #5e7a2e #a0522d")
    for ry, rh, count in ((0.42, 0.07, 9), (0.62, 0.095, 7), (0.88, 0.13, 5)):
        y, tray_h, step = H * ry, H * rh * 0.35, W / count
        d.rectangle((0, y, W, y + H * 0.14), fill=counter)
        d.rectangle((0, y - H * 0.01, W, y + H * 0.005), fill=lip)
        for i in range(count):
            cx = step * (i + 0.5) + rng.uniform(-step * 0.05, step * 0.05)
            col, half = spice[(i * 4 + int(ry * 10)) % len(spice)], step * 0.4
            oval(d, cx, y, half * 1.05, tray_h * 0.6, tray)
            # A cone of spice on the tray, lit from the left.
            peak = y - H * rh * rng.uniform(1.45, 1.7)
            left, right, shade = [], [], []
            for k in range(13):
                t = k / 12
                wdt = half * (1 - t) ** 0.8 + half * 0.05
                left.append((cx - wdt, y - (y - peak) * t))
                right.append((cx + wdt, y - (y - peak) * t))
                shade.append((cx + half * 0.15 * (1 - k / 12), y - (y - peak) * k / 12))
            d.polygon(left + right[::-1], fill=col)
            d.polygon(shade + right[::-1], fill=mix(col, (40, 20, 15), 0.28))
            tip = half * 0.06
            d.ellipse((cx - tip * 1.6, peak - tip, cx + tip * 1.6, peak + tip * 1.6), fill=col)
            oval(d, cx, y, half, tray_h * 0.3, col)
            if rng.random() < 0.6:  # a price card
                tx, ty = cx + half * 0.3, y - H * rh * 0.7
                d.rectangle((tx, ty, tx + step * 0.14, ty + step * 0.08), fill=CREAM)
                ly = ty + step * 0.04
                d.line((tx + step * 0.02, ly, tx + step * 0.1, ly), fill=back, width=int(5 * unit))
    return gouache(img, rng, unit * 2, 0.9)


def mountains(d: Draw, rng: Rng, W: int, H: int, base: float, height: float, colors: str) -> None:
    """The Zailiysky Alatau behind the city: a jagged ridge with snow on the peaks.

    ``colors``: the rock, the snow, and the snow on the shaded side.
    """
    rock, snow, shadow = hexes(colors)
    x, peaks = -W * 0.05, []
    line: list[Point] = [(x, base - height * 0.3)]
    while x < W * 1.05:
        x += W * rng.uniform(0.05, 0.085)
        line.append((x, base - height * rng.uniform(0.15, 0.45)))  # saddle
        x += W * rng.uniform(0.05, 0.085)
        line.append((x, base - height * rng.uniform(0.6, 1.0)))  # summit
        peaks.append(len(line) - 1)
    line.append((x + W * 0.05, base - height * 0.3))
    d.polygon([*line, (line[-1][0], H), (line[0][0], H)], fill=rock)
    for i in peaks:
        (lx, ly), (px, py), (rx, ry) = line[i - 1 : i + 2]
        depth = min(height * 0.3, (min(ly, ry) - py) * 0.7)
        if depth <= height * 0.04:
            continue
        a = (px + (lx - px) * depth / (ly - py), py + depth)
        b = (px + (rx - px) * depth / (ry - py), py + depth)
        hem = [a]
        for k in range(1, 5):
            hem.append((a[0] + (b[0] - a[0]) * (k / 5), py + depth * (1.25 if k % 2 else 0.8)))
        hem.append(b)
        d.polygon([(px, py), *hem[::-1]], fill=snow)
        d.polygon([(px, py), b, *hem[:2:-1], hem[2]], fill=shadow)


def paint_facades(size: Size, rng: Rng) -> Img:
    W, H = size[0] * SS, size[1] * SS
    unit = W / 2880
    img = vertical_gradient((W, H), color_stops("0 #5f93c0, 0.3 #b8d2de, 1 #e8dcc4"))
    d = ImageDraw.Draw(img)
    mountains(d, rng, W, H, H * 0.33, H * 0.15, "#7d8fa6 #f4f1ea #c9d3df")
    fill_below(d, ridge(rng, W, H * 0.335, H * 0.012, waves=3), H, hexc("#5f7a78"))
    # Buildings as bold colour fields, stepping down towards the street.
    cols, cream = hexes("#e0a53a #c8473a #2f7f7a #d86f45 #3f5f9a #8fae7a #f0c75e"), hexc("#ece0c2")
    last = None
    for ri, (top, count) in enumerate(((0.34, 4), (0.5, 3), (0.66, 3))):
        widths = [rng.uniform(0.8, 1.2) for _ in range(count)]
        x, scale = -W * 0.04, 1.08 * W / sum(widths)
        for k, bw in enumerate(wk * scale for wk in widths):
            ornate = ri == 1 and k == 1
            col = last = cream if ornate else rng.choice([c for c in cols if c != last])
            y0 = H * (top + rng.uniform(-0.025, 0.02))
            d.rectangle((x, y0, x + bw, H), fill=col)
            d.rectangle((x + bw * 0.92, y0, x + bw, H), fill=mix(col, (40, 30, 40), 0.3))
            cornice = (x - 4 * unit, y0 - 12 * unit, x + bw + 4 * unit, y0 + 10 * unit)
            d.rectangle(cornice, fill=mix(col, (255, 255, 255), 0.4))
            win, glass = mix(col, (30, 40, 60), 0.55), mix(col, (255, 250, 230), 0.55)
            cols_n, wy = max(3, int(bw / (W * 0.075))), y0 + H * 0.03
            if ornate:
                frieze(d, x + bw * 0.05, x + bw * 0.87, wy, H * 0.03, TEAL, cream)
                wy += H * 0.06
            while wy < H * 0.95:
                for c in range(cols_n):
                    wx, ww = x + bw * 0.1 + c * (bw * 0.78 / cols_n), bw * 0.78 / cols_n * 0.55
                    d.rectangle((wx, wy, wx + ww, wy + H * 0.032), fill=win)
                    if rng.random() < 0.3:
                        d.rectangle((wx, wy, wx + ww * 0.45, wy + H * 0.032), fill=glass)
                wy += H * 0.058
            x += bw
    # Poplars along the street.
    for i in range(6):
        tx, base = W * (0.05 + i * 0.18 + rng.uniform(-0.025, 0.025)), H * 0.965
        th, tw = H * rng.uniform(0.27, 0.38), W * rng.uniform(0.035, 0.05)
        green = hexc(rng.choice(("#2f5a3c", "#35603a", "#3f6a3a")))
        d.line((tx, base - th * 0.2, tx, base), fill=hexc("#3a2c22"), width=int(18 * unit))
        left, right = [], []
        for t in (k / 16 for k in range(17)):
            half = tw * math.sin(math.pi * (0.12 + 0.88 * t)) ** 0.7 * (1 - 0.35 * t) + tw * 0.05
            y = base - th * 0.12 - (th * 0.9) * t
            left.append((tx - half * rng.uniform(0.9, 1.08), y))
            right.append((tx + half * rng.uniform(0.9, 1.08), y))
        d.polygon(left + right[::-1], fill=green)
        lit = left + [(tx + tw * 0.1, y) for _x, y in left[::-1]]
        d.polygon(lit, fill=mix(green, (225, 215, 120), 0.25))
    d.rectangle((0, H * 0.96, W, H), fill=hexc("#857868"))
    return gouache(img, rng, unit * 2, sky=H * 0.33, density=0.7)


def paint_city(size: Size, rng: Rng) -> Img:
    W, H = size[0] * SS, size[1] * SS
    unit = W / 4000
    sky = color_stops("0 #33427a, 0.3 #8f6590, 0.5 #ee8a5e, 0.6 #f7c872, 1 #f7c872")
    img = vertical_gradient((W, H), sky)
    glow(img, W * 0.3, H * 0.58, W * 0.25, hexc("#ffe2a0"), 150)
    d = ImageDraw.Draw(img)
    mountains(d, rng, W, H, H * 0.62, H * 0.3, "#6b4f7a #f8d4c0 #b88aa6")
    foothills = ridge(rng, W, H * 0.67, H * 0.035, waves=3)
    fill_below(d, foothills, H, hexc("#4b3a66"))
    # A slim television tower on the hill to the left.
    tx, mast = W * 0.1, hexc("#2e2748")
    ty = y_at(foothills, tx)
    top = ty - H * 0.3
    tower = [(tx - 14 * unit, ty), (tx - 4 * unit, top), (tx + 4 * unit, top), (tx + 14 * unit, ty)]
    d.polygon(tower, fill=mast)
    d.rectangle((tx - 12 * unit, ty - H * 0.23, tx + 12 * unit, ty - H * 0.21), fill=mast)
    d.ellipse((tx - 5 * unit, ty - H * 0.31, tx + 5 * unit, top), fill=hexc("#ff7050"))
    # Towers in a cluster right of centre, lower blocks elsewhere.
    palette = hexes("#2b2a4c #3a2f5a #25345a #43305a #1f2a44")
    lit = hexes("#ffd27a #ffb35c #fff0b0 #f59f6a")
    blocks, x = [], -W * 0.01
    while x < W:
        bw = W * rng.uniform(0.045, 0.08)
        tall = abs((x + bw / 2) / W - 0.62) < 0.16 and rng.random() < 0.7
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
            for wx in (x + bw * (0.26 + k * 0.24) for k in range(3)):
                if rng.random() < 0.32:
                    d.rectangle((wx, wy, wx + bw * 0.12, wy + H * 0.018), fill=rng.choice(lit))
    d.rectangle((0, H * 0.93, W, H), fill=hexc("#1c1a30"))
    return gouache(img, rng, unit * 2, 1.1, sky=H * 0.62)


# The People of Aktybek — duotone stand-ins for photographs: silhouettes, yurts, horses


def chaikin(pts: Sequence[Point], rounds: int = 2) -> list[Point]:
    """Round the corners of a closed polygon (Chaikin's corner cutting)."""
    out = list(pts)
    for _ in range(rounds):
        nxt = []
        for (x0, y0), (x1, y1) in zip(out, out[1:] + out[:1], strict=True):
            nxt.append((0.75 * x0 + 0.25 * x1, 0.75 * y0 + 0.25 * y1))
            nxt.append((0.25 * x0 + 0.75 * x1, 0.25 * y0 + 0.75 * y1))
        out = nxt
    return out


def place(shape: Sequence[Any], x: float, g: float, h: float, facing: float = 1) -> list[Point]:
    """Points given in units of ``h`` (x to the right, y up), set on the ground at (x, g)."""
    return [(x + px * h * facing, g - py * h) for px, py in shape]


# Outlines in units of a figure's height (x to the right, y up from the ground). The right
# halves of villagers, from the neck down to the middle of the ground line (mirrored for the
# left); heads and hats as "half-width top bottom" ellipses; the cap's peak; the kimeshek.
SHOULDERS = nums("0.035 0.87, 0.045 0.84, 0.1 0.826")
ARM = nums("0.138 0.8, 0.153 0.76, 0.163 0.64, 0.166 0.53, 0.158 0.48, 0.138 0.485, 0.137 0.6")
ARM += nums("0.127 0.7")
NO_ARM = nums("0.138 0.8, 0.142 0.72")
COAT = nums("0.132 0.56, 0.145 0.42, 0.106 0.41, 0.1 0.22, 0.094 0.035, 0.135 0, 0.024 0")
COAT += nums("0.028 0.22, 0.02 0.4")
DRESS = nums("0.14 0.6, 0.16 0.4, 0.2 0.1, 0.21 0.03, 0.12 0.03, 0.12 0, 0.03 0")
HEADS = {
    "cap": "0.056 0.99 0.86, 0.066 1.005 0.94",
    "felt": "0.056 0.99 0.86, 0.062 1.05 0.93, 0.095 0.972 0.945",
    "kimeshek": "0.07 0.99 0.84, 0.085 1.04 0.93",
}
PEAK = nums("0 0.955, 0.1 0.945, 0.1 0.935, 0 0.935")
BIB = nums("-0.075 0.93, 0.075 0.93, 0.105 0.85, 0.12 0.79, 0.06 0.72, 0 0.7, -0.06 0.72")
BIB += nums("-0.12 0.79, -0.105 0.85")


def villager(
    d: Draw,
    x: float,
    g: float,
    h: float,
    fill: int,
    hat: str = "cap",
    arms: tuple[bool, bool] = (True, True),
    facing: int = 1,
    stride: float = 0.0,
) -> None:
    """A villager seen from the front, a silhouette without a face: a farmer in a work coat and
    a cap or a felt hat, or (``hat="kimeshek"``) an elderly woman in a long dress and the white
    kimeshek headdress, leaning a little."""
    dress = hat == "kimeshek"
    lean, body = (0.04, DRESS) if dress else (0.0, COAT)
    right, left = (
        SHOULDERS + (ARM if arm else NO_ARM)[: -1 if dress else None] + body for arm in arms
    )
    posed = []
    for px, py in right + [(0.0, right[-1][1] + 0.01)] + [(-px, py) for px, py in reversed(left)]:
        px += lean * max(0.0, py - 0.45)
        if py < 0.42 and stride:
            px += stride * (0.42 - py) / 0.42 * (1 if px > 0 else -1)
        posed.append((px, py))
    d.polygon(chaikin(place(posed, x, g, h, facing)), fill=fill)
    hx, head = x + lean * 0.47 * h * facing, 236 if dress else fill
    if dress:  # the white kimeshek falls over neck and shoulders; a rounded turban sits on top
        d.polygon(chaikin(place(BIB, hx, g, h)), fill=head)
    for rx, top, bottom in nums(HEADS[hat]):
        d.ellipse((hx - rx * h, g - top * h, hx + rx * h, g - bottom * h), fill=head)
    if dress:  # her face, in shadow
        d.ellipse((hx - 0.034 * h, g - 0.955 * h, hx + 0.034 * h, g - 0.865 * h), fill=128)
    elif hat == "cap":
        d.polygon(place(PEAK, hx, g, h, facing), fill=fill)


# A horse in profile, in units of its height at the withers (x towards the head, y up): body,
# tail, neck and head (raised or grazing) and ears; legs as "x offset, share of the stride, y"
# down the front edge and back up the rear (the hind legs bend back at the hock).
HORSE = nums("0.38 1, 0.1 0.94, -0.2 0.96, -0.45 1, -0.62 0.93, -0.69 0.78, -0.64 0.6")
HORSE += nums("-0.35 0.55, 0 0.52, 0.3 0.54, 0.44 0.6, 0.56 0.76, 0.57 0.88")
TAIL = nums("-0.62 0.96, -0.73 0.86, -0.77 0.6, -0.75 0.36, -0.69 0.34, -0.69 0.6, -0.65 0.82")
NECK = nums("0.34 1, 0.55 1.27, 0.74 1.44, 0.82 1.4, 0.98 1.14, 1.04 1.06, 0.98 1, 0.86 1.07")
NECK += nums("0.78 1.15, 0.66 0.98, 0.56 0.78")
GRAZING = nums("0.34 1, 0.62 0.93, 0.84 0.54, 0.92 0.45, 1 0.13, 1 0.04, 0.93 0.04, 0.86 0.27")
GRAZING += nums("0.78 0.4, 0.62 0.62, 0.5 0.7")
EARS = nums("0.71 1.38, 0.71 1.52, 0.78 1.39"), nums("0.79 0.54, 0.8 0.65, 0.86 0.52")
FORELEG = nums("0.07 0 0.66, 0.045 0.5 0.33, 0.03 1 0.08, 0.06 1 0, -0.04 1 0, -0.03 1 0.08")
FORELEG += nums("-0.03 0.5 0.33, -0.07 0 0.66")
HINDLEG = nums("0.1 0 0.7, 0.03 0.4 0.42, -0.04 0.7 0.3, 0 1 0.08, 0.04 1 0, -0.05 1 0")
HINDLEG += nums("-0.05 1 0.08, -0.1 0.7 0.3, -0.12 0.4 0.5, -0.14 0 0.72")


def horse(
    d: Draw,
    x: float,
    g: float,
    u: float,
    fill: int,
    facing: float = -1,
    step: float = 0.0,
    grazing: bool = False,
) -> None:
    """A horse in profile; ``u`` is the height at the withers, ``facing`` -1 for left."""

    def at(outline: Sequence[Any]) -> list[Point]:
        return [(x + facing * dx * u, g - dy * u) for dx, dy in outline]

    d.polygon(chaikin(at(HORSE)), fill=fill)
    for x0, sw, leg in ((0.44, step, FORELEG), (0.3, -step, FORELEG)):
        d.polygon(chaikin(at([(x0 + dx + sw * k, y) for dx, k, y in leg]), 1), fill=fill)
    for x0, sw, leg in ((-0.4, -step, HINDLEG), (-0.54, step, HINDLEG)):
        d.polygon(chaikin(at([(x0 + dx + sw * k, y) for dx, k, y in leg]), 1), fill=fill)
    d.polygon(chaikin(at(TAIL)), fill=fill)
    neck, ear = (GRAZING, EARS[1]) if grazing else (NECK, EARS[0])
    d.polygon(chaikin(at(neck)), fill=fill)
    d.polygon(at(ear), fill=fill)


def photo_finish(gray: Img, rng: Rng, tone: str, vignette: float = 0.35) -> Img:
    """Lens softness, vignette, film grain and a duotone colour; reduced to the final size."""
    (W, H), (w, h) = gray.size, (gray.size[0] // SS, gray.size[1] // SS)

    def vig(d: Draw, s: float) -> None:
        d.rectangle((0, 0, W * s, H * s), fill=int(255 * (1 - vignette)))
        d.ellipse((-W * 0.15 * s, -H * 0.15 * s, W * 1.15 * s, H * 1.15 * s), fill=255)

    gray = gray.filter(ImageFilter.GaussianBlur(1.0 * SS))
    gray = ImageChops.multiply(gray, soft_mask((W, H), vig, min(W, H) * 0.25))
    gray = gray.resize((w, h), Image.Resampling.LANCZOS)
    # Soft film grain, a little coarser than a pixel.
    gw, gh = w * 2 // 3, h * 2 // 3
    noise = Image.frombytes("L", (gw, gh), rng.randbytes(gw * gh))
    noise = noise.resize((w, h), Image.Resampling.BICUBIC)
    noise = noise.point(lambda v: clamp(128 + (v - 128) / 40))
    dark, mid, light = hexes(tone)
    return ImageOps.colorize(ImageChops.add(gray, noise, 1.0, -128), dark, light, mid=mid)


@dataclass
class Field:
    """The open steppe behind a photograph, in grey values: sky, glow, clouds, ridge, grass."""

    sky: list[tuple[float, int]]  # grey stops, down to the foot of the picture
    land: tuple[
        float, float, int, int, int
    ]  # far ridge: height, amplitude (of H), waves, step; grey
    grass: tuple[int, int, int, float, float]  # grey, spread, density, blade (of H), rise (of H)
    clouds: tuple[Any, ...]  # grey; count, height band (of H), blur (of H), puff sizes (of W)
    glows: Sequence[tuple[float, float, int, int]] = ()  # x, radius (of W), grey, strength
    sun: tuple[float, float, int] | None = None  # a disc on the first glow: reach up, down; grey
    glow_over_clouds: bool = False

    def draw(self, size: Size, rng: Rng) -> tuple[Img, Draw, int, int, float, list[Point]]:
        """The picture so far, a pen on it, its size, the horizon and the far ridge's outline."""
        W, H = size[0] * SS, size[1] * SS
        hy = H * self.land[0]
        img = vertical_gradient((W, H), self.sky)
        grey, *cloud_spec = self.clouds
        if self.glow_over_clouds:
            clouds(img, rng, cloud_spec, H, grey)
        for gx, gr, value, strength in self.glows:
            glow(img, W * gx, hy, W * gr, value, strength)
        if not self.glow_over_clouds:
            clouds(img, rng, cloud_spec, H, grey)
        d = ImageDraw.Draw(img)
        if self.sun:
            sx, sr = W * self.glows[0][0], min(W, H) * 0.045
            d.ellipse((sx - sr, hy - sr * self.sun[0], sx + sr, hy + sr * self.sun[1]), self.sun[2])
        _, amp, waves, step, grey = self.land
        line = ridge(rng, W, hy, H * amp, waves=waves, step=step)
        fill_below(d, line, H, grey)
        # Fine upright strokes that read as grass or stubble, larger towards the viewer.
        base, spread, density, blade, rise = self.grass
        y0 = hy - H * rise
        for _ in range(int(W * (H - y0) / 1000 * density)):
            y = rng.uniform(y0, H)
            t = (y - y0) / max(1.0, H - y0)
            x = rng.uniform(0, W)
            ln = H * blade * (0.25 + 1.4 * t * t) * rng.uniform(0.5, 1.4)
            lean, v = rng.gauss(0, 0.25), clamp(base + rng.uniform(-spread, spread))
            d.line([(x, y), (x + lean * ln, y - ln)], fill=v, width=max(1, int(1 + 3 * t)))
        return img, d, W, H, hy, line


def photo_harvest(size: Size, rng: Rng) -> Img:
    img, d, W, H, hy, _ = Field(
        [(0, 142), (0.45, 196), (0.6, 222), (0.601, 168), (1, 122)],
        (0.6, 0.006, 5, 4, 156),
        (150, 28, 10, 0.04, 0),
        (222, 3, (0.12, 0.4), 0.01, 0.08, 0.16),
        [(0.22, 0.4, 236, 160), (0.22, 0.08, 246, 200)],
        sun=(1, 1, 253),
    ).draw(size, rng)
    # Stooks of bound sheaves standing in rows, smaller into the distance, leaned together
    # into a little tent, their ears bunched at the top.
    stook = nums("-0.42 0, -0.22 0.45, -0.06 0.86, 0.06 0.86, 0.2 0.45, 0.4 0")
    for row in range(6):
        t = row / 5
        y, k_size = hy + (H - hy) * (0.05 + 0.8 * t**1.6), H * (0.02 + 0.11 * t**1.6)
        n = 9 - row
        for k in range(n):
            x = W * (0.04 + k * 0.92 / max(1, n - 1)) + rng.uniform(-W * 0.025, W * 0.025)
            if 0.36 * W < x < 0.8 * W and row >= 3:
                continue
            v = int(64 + 50 * (1 - t))
            d.polygon(place(stook, x, y, k_size), fill=v)
            for e in range(9):
                a, r0 = -math.pi / 2 + (e - 4) * 0.2 + rng.gauss(0, 0.05), k_size * 0.78
                cx, cy = x + math.cos(a) * k_size * 0.12, y - r0 + math.sin(a) * k_size * 0.12
                ex, ey = cx + math.cos(a) * k_size * 0.16, cy + math.sin(a) * k_size * 0.16
                d.line([(cx, cy), (ex, ey)], fill=v, width=max(2, int(k_size * 0.06)))
    # Two farmers against the light: one carries a sheaf, the other leans on a pitchfork.
    g, h, x = H * 0.94, H * 0.46, W * 0.5
    villager(d, x, g, h, 30, hat="felt", arms=(False, False))
    # The sheaf: near-parallel stalks, a tie, a bushy mass of ears at the top.
    (bx, by), (tx, ty) = place(nums("0.14 0.5, -0.26 1"), x, g, h)
    ang, length = math.atan2(ty - by, tx - bx), math.hypot(tx - bx, ty - by)
    nx, ny = -math.sin(ang), math.cos(ang)
    for _ in range(70):
        o = rng.uniform(-1, 1)
        sx, sy = bx + nx * o * h * 0.03, by + ny * o * h * 0.03
        a = ang + o * 0.09 + rng.gauss(0, 0.025)
        ln = length * rng.uniform(0.82, 1.0)
        ex, ey = sx + math.cos(a) * ln, sy + math.sin(a) * ln
        d.line([(sx, sy), (ex, ey)], fill=30, width=max(2, int(h * 0.004)))
        # The ear: a slender grain head, nodding a little, with fine awns along it.
        ea = a + rng.gauss(0, 0.25)
        el, ew, ca, sa = h * rng.uniform(0.06, 0.075), h * 0.0085, math.cos(ea), math.sin(ea)
        ear = []
        for k, t in [(1, i / 6) for i in range(7)] + [(-1, 1 - i / 6) for i in range(7)]:
            bulge = ew * math.sin(math.pi * t) ** 0.7 * k
            ear.append((ex + ca * el * t - sa * bulge, ey + sa * el * t + ca * bulge))
        d.polygon(ear, fill=30)
        for t, side in itertools.product((0.35 + 0.2 * i for i in range(4)), (1, -1)):
            px, py, aa = ex + ca * el * t, ey + sa * el * t, ea + side * 0.35
            awn = (px + math.cos(aa) * el * 0.45, py + math.sin(aa) * el * 0.45)
            d.line([(px, py), awn], fill=30, width=1)
    oval(d, bx + (tx - bx) * 0.38, by + (ty - by) * 0.38, h * 0.032, h * 0.032, 30)
    cord(d, place(nums("0.12 0.78, 0.17 0.62, 0.06 0.56"), x, g, h), 0.05 * h, 30)
    cord(d, place(nums("-0.12 0.78, -0.1 0.66, -0.02 0.72"), x, g, h), 0.05 * h, 30)
    g, h, x = H * 0.9, H * 0.42, W * 0.68
    villager(d, x, g, h, 40, hat="cap", arms=(False, True))
    pole_x = x + 0.24 * h
    d.line(place(nums("-0.01 0, 0.03 1.18"), pole_x, g, h), fill=40, width=int(0.022 * h))
    for k in (-1, 0, 1):
        tine = [(0, 0), (k * 0.045, 0.04), (k * 0.05, 0.17)]
        d.line(place(tine, pole_x + 0.03 * h, g - 1.18 * h, h), 40, max(2, int(0.013 * h)), "curve")
    hand = [*place(nums("0.12 0.78, 0.2 0.68"), x, g, h), (pole_x + 0.02 * h, g - 0.76 * h)]
    cord(d, hand, 0.05 * h, 40)
    return photo_finish(img, rng, "#1d1b1a #8a7a62 #f1e8d6")


def photo_yurt(size: Size, rng: Rng) -> Img:
    img, d, W, H, _, _ = Field(
        [(0, 150), (0.6, 214), (0.64, 226), (0.641, 168), (1, 126)],
        (0.64, 0.008, 4, 4, 170),
        (142, 30, 10, 0.035, 0),
        (226, 5, (0.08, 0.42), 0.008, 0.08, 0.18),
    ).draw(size, rng)
    # A Kazakh yurt (kiiz ui) lit from the left: felt, bands and ropes, door, and its shading.
    g, cx, w = H * 0.8, W * 0.55, W * 0.74
    felt, band, door, shade = 222, 74, 52, 150
    wall_h = roof_h = w * 0.27
    top, crown = g - wall_h, 0.16
    roof = []  # steep at the eaves, flattening towards the crown
    for t in (-1 + 2 * i / 40 for i in range(41)):
        u = max(0.0, (abs(t) - crown) / (1 - crown))
        roof.append((cx + t * w * 0.51, top + w * 0.01 - roof_h * (1 - u**1.8)))
    d.polygon([*roof, (cx + w * 0.5, g), (cx - w * 0.5, g)], fill=felt)
    eaves = [(p[0] - roof[0][0], p[1]) for p in roof]
    for t0 in (-1 + 2 * k / 90 for k in range(90)):  # shade towards the right, in strips
        dark = max(0.0, (t0 + 0.35) / 1.35) ** 1.3
        if dark <= 0:
            continue
        v = round(felt + (shade - felt) * dark)
        xa, xb = cx + t0 * w * 0.5, cx + (t0 + 2 / 90) * w * 0.5 + 1
        d.rectangle((xa, top, xb, g), fill=v)
        inner = [p for p in roof if xa < p[0] < xb]
        ya, yb = y_at(eaves, xa - roof[0][0]), y_at(eaves, xb - roof[0][0])
        d.polygon([(xa, ya), *inner, (xb, yb), (xb, top + 2), (xa, top + 2)], fill=v)
    for yy, hh in ((top + wall_h * 0.06, 0.06), (top + wall_h * 0.52, 0.05)):
        d.rectangle((cx - w * 0.5, yy, cx + w * 0.5, yy + wall_h * hh), fill=band)
    for k in range(-4, 5):
        rope = [(cx + k * w * 0.012, top - roof_h + w * 0.012), (cx + k * w * 0.12, top + w * 0.01)]
        d.line(rope, fill=band, width=max(2, int(w * 0.006)))
    ring = (cx - w * crown * 0.5, top - roof_h - w * 0.014, cx + w * crown * 0.5)
    d.rectangle((*ring, top - roof_h + w * 0.012), fill=band)
    dw, dh, f = w * 0.14, wall_h * 0.74, w * 0.012
    d.rectangle((cx - dw / 2 - f, g - dh - f, cx + dw / 2 + f, g), fill=band)
    d.rectangle((cx - dw / 2, g - dh, cx + dw / 2, g), fill=door)
    for y in (g - dh * (1 - frac) for frac in (0.25, 0.55)):  # carved panels
        d.rectangle((cx - dw * 0.35, y - dh * 0.12, cx + dw * 0.35, y), fill=clamp(door + 22))
    # A thread of smoke from the hearth, through the crown.
    smoke = Image.new("L", (W, H), 0)
    sd, cy = ImageDraw.Draw(smoke), top - roof_h
    puff = [
        (cx + math.sin(k * 0.35) * W * 0.02 + k * W * 0.004, cy - k * H * 0.012) for k in range(28)
    ]
    for k in range(len(puff) - 1):
        sd.line(puff[k : k + 2], fill=max(0, 150 - k * 5), width=int(W * (0.01 + k * 0.0012)))
    tint(img, 236, smoke.filter(ImageFilter.GaussianBlur(W * 0.008)))
    # The woman at the wall, reaching up to the band.
    h = w * 0.34
    ex, eg = cx - w * 0.5 - h * 0.14, g + H * 0.045
    d.ellipse((ex - h * 0.3, eg - h * 0.03, ex + h * 0.35, eg + h * 0.03), fill=120)  # her shadow
    villager(d, ex, eg, h, 44, hat="kimeshek", arms=(False, True))
    cord(d, place(nums("0.15 0.79, 0.27 0.74, 0.38 0.8"), ex, eg, h), 0.05 * h, 44)
    return photo_finish(img, rng, "#1b1d1f #7d7a70 #eeeae0")


def photo_horses(size: Size, rng: Rng) -> Img:
    img, d, W, H, _, line = Field(
        [(0, 172), (0.55, 212), (0.7, 232), (0.701, 150), (1, 104)],
        (0.7, 0.025, 3, 4, 120),
        (112, 26, 7, 0.05, 0.01),
        (200, 4, (0.15, 0.5), 0.01, 0.06, 0.14),
        [(0.8, 0.3, 240, 170)],
    ).draw(size, rng)
    # The herd: x (of W), height at the withers (of H), facing, grazing.
    herd = "0.14 0.13 -1 1, 0.28 0.145 1 0, 0.4 0.128 -1 1, 0.535 0.14 -1 0, 0.64 0.09 1 1"
    for fx, u, facing, grazing in nums(herd + ", 0.79 0.132 -1 1"):
        x = W * fx
        step = rng.uniform(-0.06, 0.06)
        horse(d, x, y_at(line, x) + H * 0.014, H * u, 36, facing, step, grazing=bool(grazing))
    return photo_finish(img, rng, "#1a1c20 #77787a #ecebe6")


def photo_shangyraq(size: Size, rng: Rng) -> Img:
    """Looking up inside a yurt: roof poles radiating from the crown, daylight through it."""
    W, H = size[0] * SS, size[1] * SS
    cx, cy, R = W * 0.52, H * 0.46, W * 0.1
    img = Image.new("L", (W, H), 60)
    d = ImageDraw.Draw(img)
    for r in range(int(W * 0.9), 0, -int(W * 0.02)):  # felt roof, lighter near the crown
        oval(d, cx, cy, r, r, int(40 + 90 * (1 - r / (W * 0.9)) ** 2))
    for a in (math.tau * (i + 0.5) / 40 for i in range(40)):  # roof poles (uyk)
        pole = [
            (cx + math.cos(a) * R, cy + math.sin(a) * R),
            (cx + math.cos(a) * W, cy + math.sin(a) * W),
        ]
        d.line(pole, fill=30, width=int(W * 0.011))
    # Lattice wall (kerege) around the edge of the frame.
    lattice, ring, step = Image.new("L", (W, H), 0), Image.new("L", (W, H), 255), W * 0.05
    for k, sign in itertools.product(range(-40, 40), (1, -1)):
        ImageDraw.Draw(lattice).line([(k * step, 0), (k * step + sign * H, H)], 255, int(W * 0.008))
    oval(ImageDraw.Draw(ring), cx, cy, W * 0.6, W * 0.6, 0)
    tint(img, 34, ring)
    tint(img, 70, ImageChops.multiply(lattice, ring))
    oval(d, cx, cy, W * 0.6, W * 0.6, outline=18, width=int(W * 0.02))
    # The crown (shangyraq): a ring with crossed, bowed bars; bright sky beyond.
    oval(d, cx, cy, R, R, 246)
    oval(d, cx, cy, R * 1.12, R * 1.12, outline=24, width=int(W * 0.03))
    for off in (k * R * 0.38 for k in (-1, 0, 1)):
        bar = [(-R, off), (-R * 0.4, off * 1.15), (R * 0.4, off * 1.15), (R, off)]
        for line in ([(cx + a, cy + b) for a, b in bar], [(cx + b, cy + a) for a, b in bar]):
            d.line(line, fill=24, width=int(W * 0.011), joint="curve")
    lit = img.copy()
    glow(lit, cx, cy, R * 1.8, 235, 110)
    img = Image.blend(img, lit, 0.8)

    def beam(dd: Draw, s: float) -> None:  # a shaft of light falling through the crown
        shaft = [(cx - R * 0.7, cy), (cx + R * 0.7, cy), (W * 0.95, H * 1.1), (W * 0.55, H * 1.1)]
        dd.polygon([(px * s, py * s) for px, py in shaft], fill=70)

    tint(img, 230, soft_mask((W, H), beam, W * 0.05))
    return photo_finish(img, rng, "#1c1a18 #857560 #f2e9d8", vignette=0.45)


def photo_haycart(size: Size, rng: Rng) -> Img:
    img, d, W, H, hy, _ = Field(
        [(0, 156), (0.5, 210), (0.6, 230), (0.601, 164), (1, 120)],
        (0.6, 0.012, 4, 6, 160),
        (142, 28, 8, 0.04, 0),
        (222, 3, (0.1, 0.4), 0.01, 0.08, 0.16),
        [(0.86, 0.3, 242, 170)],
    ).draw(size, rng)
    # A worn track through the grass.
    d.polygon([(W * 0.47, hy + 4), (W * 0.5, hy + 4), (W * 0.98, H), (W * 0.3, H)], fill=152)
    # The cart: a broad load of hay on a flat bed over one big wheel.
    g, v, bx0, bx1 = H * 0.84, 40, W * 0.42, W * 0.72
    bed, lx0, lx1 = g - H * 0.17, bx0 - W * 0.035, bx1 + W * 0.035
    load = [(bx0, bed + H * 0.01), (lx0, bed - H * 0.06)]
    for t in (k / 14 for k in range(1, 14)):
        hump = H * 0.2 * math.sin(math.pi * t) ** 0.35
        load.append(
            (lx0 + (lx1 - lx0) * t, bed - H * 0.06 - hump + rng.uniform(-H * 0.012, H * 0.012))
        )
    load = chaikin([*load, (lx1, bed - H * 0.06), (bx1, bed + H * 0.01)])
    d.polygon(load, fill=58)
    for _ in range(260):  # loose wisps
        x, y = load[rng.randrange(4, len(load) - 4)]
        a, ln, y = rng.uniform(-2.8, -0.3), H * rng.uniform(0.012, 0.04), y + H * 0.008
        d.line([(x, y), (x + math.cos(a) * ln, y + math.sin(a) * ln)], fill=58, width=3)
    d.rectangle((bx0 - W * 0.015, bed - H * 0.005, bx1 + W * 0.015, bed + H * 0.03), fill=v)
    wr, wx = H * 0.1, (bx0 + bx1) / 2
    d.ellipse((wx - wr, g - 2 * wr, wx + wr, g), outline=v, width=int(H * 0.014))
    for a in (math.tau * k / 10 for k in range(10)):
        spoke = [(wx, g - wr), (wx + math.cos(a) * wr, g - wr + math.sin(a) * wr)]
        d.line(spoke, fill=v, width=int(H * 0.007))
    d.ellipse((wx - wr * 0.15, g - wr * 1.15, wx + wr * 0.15, g - wr * 0.85), fill=v)
    # The horse in the shafts, with the arched duga over its shoulders.
    u = H * 0.26
    hx = bx0 - W * 0.02 - 0.7 * u
    d.line([(bx0, bed + H * 0.012), (hx - 0.4 * u, g - 0.72 * u)], fill=v, width=int(H * 0.011))
    horse(d, hx, g + H * 0.005, u, v, facing=-1, step=0.08)
    dx = hx - 0.42 * u
    d.arc((dx - 0.16 * u, g - 1.3 * u, dx + 0.16 * u, g - 0.6 * u), 180, 360, v, int(0.05 * u))
    # The farmer walks behind, one hand on the tailboard.
    h, x, pg = H * 0.44, bx1 + W * 0.11, g + H * 0.07
    villager(d, x, pg, h, 34, hat="cap", arms=(True, False), facing=-1, stride=0.04)
    hand = [*place(nums("-0.13 0.78, -0.27 0.66"), x, pg, h), (bx1 + W * 0.012, bed + H * 0.012)]
    cord(d, hand, 0.05 * h, 34)
    return photo_finish(img, rng, "#1e1c19 #86785f #f0e6d3")


def photo_dawn(size: Size, rng: Rng) -> Img:
    img, d, W, H, _, line = Field(
        [(0, 132), (0.4, 178), (0.68, 212), (0.72, 222), (0.721, 110), (1, 82)],
        (0.72, 0.006, 3, 4, 96),
        (92, 22, 12, 0.05, 0),
        (200, 7, (0.2, 0.6), 0.02, 0.1, 0.22),
        [(0.28, 0.6, 232, 140), (0.28, 0.16, 244, 220)],
        sun=(1.5, 0.5, 255),
        glow_over_clouds=True,
    ).draw(size, rng)
    # A villager leading a horse along the skyline.
    h, x = H * 0.1, W * 0.7
    g = y_at(line, x) + H * 0.004
    villager(d, x, g, h, 38, hat="cap", arms=(True, False), facing=1, stride=0.04)
    hand = (x - 0.3 * h, g - 0.6 * h)
    cord(d, [*place(nums("-0.12 0.78, -0.22 0.62"), x, g, h), hand], 0.05 * h, 38)
    u = h * 0.8
    hx = x - 0.55 * h - 1.04 * u
    horse(d, hx, y_at(line, hx) + H * 0.004, u, 38, facing=1, step=0.1)
    head = (hx + 1.0 * u, y_at(line, hx) - 1.06 * u)
    rein = [head, ((head[0] + hand[0]) / 2, max(head[1], hand[1]) + h * 0.08), hand]
    d.line(rein, fill=38, width=max(2, int(h * 0.012)), joint="curve")
    return photo_finish(img, rng, "#191b1f #7b756c #f3ebdc", vignette=0.3)


# The catalogue ------------------------------------------------------------------------

LANDSCAPE, WIDE, LANDSCAPE_43 = (1800, 1200), (2000, 1000), (1800, 1350)
PORTRAIT, TALL, SQUARE = (1440, 1800), (1200, 1800), (1600, 1600)
Painter = Callable[[Size, Rng], Img]

#: series → {(title, size): painter}, numbered in order. A painter with a ``fmt`` (the
#: carpets) is saved in that format, every other one as JPEG.
CATALOGUE: dict[str, dict[tuple[str, Size], Painter]] = {
    # Bakhyt Kalējs
    "steppe-awakening": {
        ("Steppe at First Light", LANDSCAPE): Steppe(
            "0 #2f3a6b, 0.45 #8a6d9c, 0.8 #eaa381, 1 #f8d9a0",
            "#fff3d2 #ffd89a #ffcf86",
            "#a0839c #7b6a86 #5c5a6e #5b5440 / #7c6a36 #9a8340 #6a5a30 #b49550",
            (0.6, 0.04),
            (0.68, -0.008, 0.028),
            clouds=(5, "#f3c9a8"),
        ),
        ("Golden Grass", PORTRAIT): Steppe(
            "0 #6c86ad, 0.5 #c9b2b0, 0.85 #f0cfa0, 1 #f8e2b0",
            "#fff6dc #ffe0a8 #ffd98f",
            "#b7a6a8 #9a8f85 #8a7850 #8c7a3e / #a08440 #c0a050 #7a6530 #d6b868",
            (0.56, 0.03),
            (0.3, -0.06, 0.03),
            clouds=(3, "#fbe6c8"),
            meadow=(0.3, 0.6, 2.5),
            feather=True,
        ),
        ("Dusk over the Rolling Hills", WIDE): Steppe(
            "0 #3a2b52, 0.4 #9c4a6e, 0.75 #e98550, 1 #f7c56c",
            "#ffe7a8 #ffb464 #ffa860",
            "#8a4f6e #623b5c #452a4a #2d1d33 / #4a3030 #5e3c34 #3a2430 #7a4c38",
            (0.58, 0.07),
            (0.24, 0.01, 0.03),
            clouds=(6, "#f7a77c"),
        ),
        ("Komuz at Daybreak", SQUARE): Steppe(
            "0 #27406e, 0.5 #6f7fb0, 0.8 #f09f7a, 1 #fbd58e",
            "#fff1cc #ffcf8a #ffcf86",
            "#8c7fa6 #6c6a8e #4f5a6e #5a5a3a / #6f6a36 #8f8440 #5e5a30 #b09a50",
            (0.64, 0.035),
            (0.5, -0.01, 0.034),
            clouds=(0, ""),
            strings="#4fb8b2 #f07a5c #f4be4a #c9507c #6ccac0",
            string_size=(0.03, 0.016),
            strokes=0.8,
        ),
        ("Rose Horizon", LANDSCAPE_43): Steppe(
            "0 #8aa0c6, 0.55 #d6a9b8, 0.9 #f2c6b0, 1 #f6d8b8",
            "#fff0dc #ffe2c8 #ffd9b0",
            "#b89fb4 #a08aa0 #b09a70 #9a8650 / #a48a50 #b89a5a #8a7444 #c8aa70",
            (0.6, 0.02),
            None,
            clouds=(4, "#fbe0dc"),
            water=True,
        ),
        ("Evening Song", TALL): Steppe(
            "0 #1d2849, 0.4 #4f3b72, 0.75 #c15f78, 1 #f2a35a",
            "#ffdc96 #ff9a5c #ff9e5a",
            "#7a4868 #583352 #3a2440 #24182c / #3e2632 #54342e #2e1c28 #6a4232",
            (0.7, 0.025),
            (0.62, 0.004, 0.035),
            clouds=(2, "#f08a78"),
            strings="#f6c66a #f6c66a #f6c66a",
            string_size=(0.012, 0.004),
            star=True,
        ),
    },
    # Bakhyt Morel
    "bazaar-colours": {
        ("Awnings, Green Bazaar", LANDSCAPE): paint_awnings,
        ("Koshkar Muiz", SQUARE): Carpet(FELT_RED, TEAL, CREAM, OCHRE, INDIGO, (2, 2)),
        ("Facades, Almaty", PORTRAIT): paint_facades,
        ("Spice Stall", LANDSCAPE_43): paint_spices,
        ("Red Felt, Teal Ground", TALL): Carpet(
            TEAL, TEAL, FELT_RED, FELT_RED, CREAM, (1, 3), accent=OCHRE, chain=True
        ),
        ("City below the Mountains", WIDE): paint_city,
    },
    # Bekzat Ayumi
    "the-people-of-aktybek": {
        ("Harvest at First Light", LANDSCAPE): photo_harvest,
        ("Tending the Yurt", PORTRAIT): photo_yurt,
        ("Horses at Grazing", WIDE): photo_horses,
        ("Under the Shangyraq", SQUARE): photo_shangyraq,
        ("The Hay Cart", LANDSCAPE_43): photo_haycart,
        ("Dawn over the Steppe", TALL): photo_dawn,
    },
}


@dataclass
class Work:
    series: str
    number: int
    title: str
    size: Size
    paint: Painter

    @property
    def filename(self) -> str:
        return f"{self.number:02d}-{slugify(self.title)}.{getattr(self.paint, 'fmt', 'jpg')}"

    @property
    def seed(self) -> str:
        return f"{self.series}/{self.filename}"


WORKS = [
    Work(series, number, title, size, paint)
    for series, works in CATALOGUE.items()
    for number, ((title, size), paint) in enumerate(works.items(), 1)
]


def save(img: Img, path: Path) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    if path.suffix == ".png":
        img.save(path, "PNG", optimize=True)
    else:
        img.convert("RGB").save(path, "JPEG", **JPEG_OPTIONS)


def main(argv: Sequence[str] | None = None) -> int:
    cli = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    cli.add_argument(
        "--out", type=Path, default=SERIES_DIR, help="series folder (default: content/series)"
    )
    cli.add_argument("--only", action="append", default=[], help="series slug or file name to draw")
    args = cli.parse_args(argv)

    total = count = 0
    oversize = []
    for work in WORKS:
        names = {work.series, work.filename, work.filename.split(".")[0]}
        if args.only and not names & set(args.only):
            continue
        img = work.paint(work.size, random.Random(work.seed))
        path = args.out / work.series / work.filename
        save(img, path)
        nbytes = path.stat().st_size
        total, count = total + nbytes, count + 1
        if nbytes > MAX_BYTES:
            oversize.append(path.name)
        rel = f"{work.series}/{work.filename}"
        print(f"{rel:<56} {img.size[0]:>5} × {img.size[1]:<5} {nbytes / 1000:6.1f} kB")
    print(f"{count} files, {total / 1000:.1f} kB in all")
    if oversize:
        print("over the per-file budget:", ", ".join(oversize))
        return 1
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
