"""Server-rendered SVG charts: no script, colours from the stylesheet (classes), a title and a description
for screen readers (each chart also has its table right below it, which is what prints and what to read)."""

from __future__ import annotations

from dataclasses import dataclass

from markupsafe import Markup, escape

WIDTH, HEIGHT = 720, 240
LEFT, RIGHT, TOP, BOTTOM = 44, 12, 14, 36


@dataclass(frozen=True)
class Series:
    name: str
    css: str  # series-1..series-4 in app.css
    values: list[int]


def _axis_max(series: list[Series]) -> int:
    top = max((max(s.values, default=0) for s in series), default=0)
    # Multiples of 4, so the five grid lines fall on whole numbers.
    for step in (4, 8, 12, 20, 40, 60, 100, 200, 400, 600, 1_000, 2_000, 4_000, 6_000, 10_000, 20_000, 40_000):
        if top <= step:
            return step
    return -(-top // 4) * 4


def _frame(chart_id: str, title: str, description: str, body: list[str]) -> Markup:
    head = (
        f'<svg class="chart" id="{escape(chart_id)}" viewBox="0 0 {WIDTH} {HEIGHT}" role="img" '
        f'aria-labelledby="{escape(chart_id)}-t {escape(chart_id)}-d" preserveAspectRatio="xMinYMin meet">'
        f'<title id="{escape(chart_id)}-t">{escape(title)}</title><desc id="{escape(chart_id)}-d">{escape(description)}</desc>'
    )
    return Markup(head + "".join(body) + "</svg>")


def _grid(top: int) -> list[str]:
    parts = []
    plot_h = HEIGHT - TOP - BOTTOM
    for i in range(5):
        value = top * i // 4
        y = TOP + plot_h - plot_h * i / 4
        parts.append(f'<line class="grid" x1="{LEFT}" y1="{y:.1f}" x2="{WIDTH - RIGHT}" y2="{y:.1f}"/>')
        parts.append(f'<text class="axis" x="{LEFT - 6}" y="{y + 4:.1f}" text-anchor="end">{value}</text>')
    return parts


def line_chart(chart_id: str, title: str, description: str, labels: list[str], series: list[Series]) -> Markup:
    """Weekly trend lines; every 4th label shown so they never overlap."""
    top = _axis_max(series)
    plot_w, plot_h = WIDTH - LEFT - RIGHT, HEIGHT - TOP - BOTTOM
    step = plot_w / max(1, len(labels) - 1)
    body = _grid(top)
    every = max(1, -(-len(labels) // 8))
    for i, label in enumerate(labels):
        if i % every == 0 or i == len(labels) - 1:
            x = LEFT + i * step
            body.append(
                f'<text class="axis" x="{x:.1f}" y="{HEIGHT - BOTTOM + 16}" text-anchor="middle">{escape(label)}</text>'
            )
    for s in series:
        points = " ".join(
            f"{LEFT + i * step:.1f},{TOP + plot_h - plot_h * v / top:.1f}" for i, v in enumerate(s.values)
        )
        body.append(f'<polyline class="line {escape(s.css)}" points="{points}"/>')
    body.append(_legend(series))
    return _frame(chart_id, title, description, body)


def bar_chart(chart_id: str, title: str, description: str, labels: list[str], series: list[Series]) -> Markup:
    """Grouped vertical bars, one group per label (a community or a product area)."""
    top = _axis_max(series)
    plot_w, plot_h = WIDTH - LEFT - RIGHT, HEIGHT - TOP - BOTTOM
    group = plot_w / max(1, len(labels))
    bar = group * 0.8 / max(1, len(series))
    body = _grid(top)
    for i, label in enumerate(labels):
        x0 = LEFT + i * group + group * 0.1
        for j, s in enumerate(series):
            value = s.values[i]
            h = plot_h * value / top
            body.append(
                f'<rect class="bar {escape(s.css)}" x="{x0 + j * bar:.1f}" y="{TOP + plot_h - h:.1f}" '
                f'width="{max(1.0, bar - 2):.1f}" height="{h:.1f}"/>'
            )
        short = label if len(label) <= 18 else label[:17] + "…"
        body.append(
            f'<text class="axis" x="{x0 + group * 0.4:.1f}" y="{HEIGHT - BOTTOM + 16}" text-anchor="middle">{escape(short)}</text>'
        )
    body.append(_legend(series))
    return _frame(chart_id, title, description, body)


def _legend(series: list[Series]) -> str:
    parts, x = [], LEFT
    for s in series:
        parts.append(f'<rect class="key {escape(s.css)}" x="{x}" y="{HEIGHT - 12}" width="10" height="10"/>')
        parts.append(f'<text class="axis" x="{x + 14}" y="{HEIGHT - 3}">{escape(s.name)}</text>')
        x += 16 + 8 * len(s.name) + 12
    return "".join(parts)
