"""Ruled table grids from a page's ruling lines: edges → intersections → cells → tables.

This follows pdfplumber's table finder with its default settings (``lines`` strategies,
snap and join tolerance 3, edges of at least 3 points, intersection tolerance 3; pdfplumber is
MIT-licensed), so a grid read here is the grid pdfplumber found: a PDF's tables come out with the
same cells as before the reader moved to pdfium. The edges are given by the caller (the sides of
each drawn line, rectangle and polygon, in page coordinates with y growing downwards), and the
work is done with indexes instead of pdfplumber's pairwise scans, so it stays near linear in the
number of rules.
"""

from __future__ import annotations

import bisect
from collections import defaultdict

SNAP = 3.0
JOIN = 3.0
MIN_LENGTH = 3.0
PREFILTER = 1.0
INTERSECT = 3.0


class Edge:
    """A horizontal ("h": top == bottom) or vertical ("v": x0 is its position) rule."""

    __slots__ = ("orient", "x0", "top", "x1", "bottom")

    def __init__(self, orient: str, x0: float, top: float, x1: float, bottom: float) -> None:
        self.orient = orient
        self.x0 = x0
        self.top = top
        self.x1 = x1
        self.bottom = bottom

    def __repr__(self) -> str:
        return f"Edge({self.orient!r}, {self.x0}, {self.top}, {self.x1}, {self.bottom})"

    @property
    def length(self) -> float:
        return self.x1 - self.x0 if self.orient == "h" else self.bottom - self.top


def segment_edges(points: list[tuple[float, float]], closed: bool) -> list[Edge]:
    """The edges one subpath contributes, classified as pdfminer does: two points make a line
    (vertical unless flat, as pdfplumber reads any line), four corners of an upright rectangle
    make its four sides, anything else (a curve or polygon) its straight upright pieces."""
    pts = list(points)
    if closed and len(pts) > 1 and pts[-1] != pts[0]:
        pts.append(pts[0])
    if len(pts) == 2:
        (ax, ay), (bx, by) = pts
        orient = "h" if ay == by else "v"
        return [Edge(orient, min(ax, bx), min(ay, by), max(ax, bx), max(ay, by))]
    if len(pts) == 5 and pts[4] == pts[0]:
        (x0, y0), (x1, y1), (x2, y2), (x3, y3) = pts[:4]
        if (x0 == x1 and y1 == y2 and x2 == x3 and y3 == y0) or (
            y0 == y1 and x1 == x2 and y2 == y3 and x3 == x0
        ):
            lo_x, hi_x = min(x0, x2), max(x0, x2)
            lo_y, hi_y = min(y0, y2), max(y0, y2)
            return [
                Edge("h", lo_x, lo_y, hi_x, lo_y),
                Edge("h", lo_x, hi_y, hi_x, hi_y),
                Edge("v", lo_x, lo_y, lo_x, hi_y),
                Edge("v", hi_x, lo_y, hi_x, hi_y),
            ]
    out = []
    for (ax, ay), (bx, by) in zip(pts, pts[1:], strict=False):
        if ax == bx:
            out.append(Edge("v", ax, min(ay, by), ax, max(ay, by)))
        elif ay == by:
            out.append(Edge("h", min(ax, bx), ay, max(ax, bx), ay))
    return out


def _clusters(values: list[float], tol: float) -> dict[float, float]:
    """Each value → the mean of its chain of values no more than tol apart (with repeats)."""
    if not values:
        return {}
    counts: dict[float, int] = defaultdict(int)
    for v in values:
        counts[v] += 1
    keys = sorted(counts)
    out: dict[float, float] = {}
    group = [keys[0]]
    for v in keys[1:]:
        if v <= group[-1] + tol:
            group.append(v)
            continue
        _mean_into(group, counts, out)
        group = [v]
    _mean_into(group, counts, out)
    return out


def _mean_into(group: list[float], counts: dict[float, int], out: dict[float, float]) -> None:
    n = sum(counts[v] for v in group)
    mean = sum(v * counts[v] for v in group) / n
    for v in group:
        out[v] = mean


def merge(edges: list[Edge]) -> list[Edge]:
    """Snap rules that lie within SNAP of each other to their mean position, join collinear
    pieces whose gap is at most JOIN, and keep what is at least MIN_LENGTH long."""
    edges = [e for e in edges if e.length >= PREFILTER]
    hs = [e for e in edges if e.orient == "h"]
    vs = [e for e in edges if e.orient == "v"]
    hy = _clusters([e.top for e in hs], SNAP)
    vx = _clusters([e.x0 for e in vs], SNAP)
    groups: dict[tuple[str, float], list[tuple[float, float]]] = defaultdict(list)
    for e in hs:
        groups[("h", hy[e.top])].append((e.x0, e.x1))
    for e in vs:
        groups[("v", vx[e.x0])].append((e.top, e.bottom))
    out: list[Edge] = []
    for (orient, pos), spans in sorted(groups.items()):
        spans.sort()
        joined = [list(spans[0])]
        for lo, hi in spans[1:]:
            last = joined[-1]
            if lo <= last[1] + JOIN:
                last[1] = max(last[1], hi)
            else:
                joined.append([lo, hi])
        for lo, hi in joined:
            e = Edge("h", lo, pos, hi, pos) if orient == "h" else Edge("v", pos, lo, pos, hi)
            if e.length >= MIN_LENGTH:
                out.append(e)
    return out


def cells(edges: list[Edge]) -> list[tuple[float, float, float, float]]:
    """The smallest rectangles whose four corners are rule crossings joined by rules."""
    hs = sorted((e for e in edges if e.orient == "h"), key=lambda e: (e.top, e.x0))
    vs = sorted((e for e in edges if e.orient == "v"), key=lambda e: (e.x0, e.top))
    # Crossings: a vertical rule meets a horizontal one within the tolerance.
    at: dict[tuple[float, float], tuple[set[int], set[int]]] = {}
    h_tops = [e.top for e in hs]
    for vi, v in enumerate(vs):
        lo = bisect.bisect_left(h_tops, v.top - INTERSECT)
        hi = bisect.bisect_right(h_tops, v.bottom + INTERSECT)
        for hi_ in range(lo, hi):
            h = hs[hi_]
            if (
                v.top <= h.top + INTERSECT
                and v.bottom >= h.top - INTERSECT
                and h.x0 - INTERSECT <= v.x0 <= h.x1 + INTERSECT
            ):
                pt = (v.x0, h.top)
                if pt not in at:
                    at[pt] = (set(), set())
                at[pt][0].add(vi)
                at[pt][1].add(hi_)
    by_x: dict[float, list[float]] = defaultdict(list)
    by_y: dict[float, list[float]] = defaultdict(list)
    for x, y in sorted(at):
        by_x[x].append(y)
        by_y[y].append(x)

    # A rule joins two crossings when one rule passes through both (shared rule indexes).
    out = []
    after = bisect.bisect_right
    for x, y in sorted(at):
        vset, hset = at[(x, y)]
        col, row = by_x[x], by_y[y]  # ascending: the crossings below and right of this one
        right: list[float] | None = None  # those joined to this one by a rule, when first needed
        found = None
        for by in col[after(col, y) :]:
            down = at[(x, by)]
            if vset.isdisjoint(down[0]):
                continue
            if right is None:
                right = [rx for rx in row[after(row, x) :] if not hset.isdisjoint(at[(rx, y)][1])]
            for rx in right:
                corner = at.get((rx, by))
                if (
                    corner is not None
                    and not at[(rx, y)][0].isdisjoint(corner[0])
                    and not down[1].isdisjoint(corner[1])
                ):
                    found = (x, y, rx, by)
                    break
            if found:
                break
        if found:
            out.append(found)
    return out


def tables(boxes: list[tuple[float, float, float, float]]) -> list[list[tuple]]:
    """Cells → tables: cells that share a corner belong to one table; a lone cell is a frame,
    not a table. Tables in reading order (top, then left)."""
    parent = list(range(len(boxes)))

    def find(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    owner: dict[tuple[float, float], int] = {}
    for i, (x0, top, x1, bottom) in enumerate(boxes):
        for corner in ((x0, top), (x0, bottom), (x1, top), (x1, bottom)):
            j = owner.setdefault(corner, i)
            if j != i:
                parent[find(i)] = find(j)
    groups: dict[int, list[tuple]] = defaultdict(list)
    for i, b in enumerate(boxes):
        groups[find(i)].append(b)
    found = [g for g in groups.values() if len(g) > 1]
    return sorted(found, key=lambda g: min((b[1], b[0]) for b in g))


def find_tables(edges: list[Edge]) -> list[list[tuple[float, float, float, float]]]:
    """Each ruled table on a page as its cell boxes (x0, top, x1, bottom)."""
    return tables(cells(merge(edges)))
