"""`facts --chart METRIC -o chart.svg|png`: the metric over the years, one series per region.

Stated values are filled points on a line, targets hollow points on a dashed line, and a
year whose sources disagree shows every value they give as a red cross. Each series is a
named SVG group (`series-<code>`, `targets-<code>`, `conflict-<code>-<year>`) labelled with
the region's English name, so a script can find it. Drawn with matplotlib, an optional
extra (`pip install 'policy-extract[plot]'`) imported only here, on a Figure of its own
(no pyplot state); the file is written beside its target and moved into place when complete.
"""

from __future__ import annotations

from pathlib import Path

from ..errors import PolicyExtractError
from .export import _destination, check_output

CHART_FORMATS = {".svg": "svg", ".png": "png"}
INSTALL_HINT = "charts need matplotlib: pip install 'policy-extract[plot]'"


class ChartError(PolicyExtractError):
    """A chart that cannot be drawn: matplotlib missing, nothing to draw, or a wrong file name."""


def chart_format(output: str) -> str:
    fmt = CHART_FORMATS.get(Path(output).suffix.lower())
    if fmt is None:
        raise ChartError(f"{output}: a chart is written as .svg or .png")
    return fmt


def draw_chart(pivot, output: str) -> int:
    """Draw `pivot` (a facts.Pivot) to `output`; returns the number of series drawn."""
    fmt = chart_format(output)
    check_output(output)
    try:
        from matplotlib.figure import Figure
    except ImportError:
        raise ChartError(INSTALL_HINT) from None
    if not pivot.rows:
        raise ChartError(f"no facts of {pivot.metric!r} with a year and a known region to draw")
    figure = Figure(figsize=(10, max(4.5, 0.25 * len(pivot.rows))), layout="constrained")
    axes = figure.add_subplot()
    for i, row in enumerate(pivot.rows):
        colour = f"C{i % 10}"
        label = row["region_en"] or row["region_code"]
        stated = sorted((year, f) for (year, target), f in row["cells"].items() if not target and f.value is not None)
        targets = sorted((year, f) for (year, target), f in row["cells"].items() if target and f.value is not None)
        if stated:
            line, = axes.plot([y for y, _ in stated], [f.value for _, f in stated], "o-", color=colour, label=label)
            line.set_gid(f"series-{row['region_code']}")
        if targets:
            xs = ([stated[-1][0]] if stated else []) + [y for y, _ in targets]
            ys = ([stated[-1][1].value] if stated else []) + [f.value for _, f in targets]
            line, = axes.plot(xs, ys, "--", color=colour, label=None if stated else label)
            line.set_gid(f"targets-{row['region_code']}")
            points, = axes.plot([y for y, _ in targets], [f.value for _, f in targets], "o", color=colour,
                                markerfacecolor="none", markersize=8)
            points.set_gid(f"target-points-{row['region_code']}")
        for (year, target), fact in sorted(row["cells"].items()):
            if not fact.agree:
                crosses, = axes.plot([year] * len(fact.conflict), fact.conflict, "x", color="red", markersize=9)
                crosses.set_gid(f"conflict-{row['region_code']}-{year}")
    axes.set_title(f"{pivot.metric}" + (f" ({pivot.unit})" if pivot.unit else ""))
    axes.set_xlabel("year")
    axes.xaxis.get_major_locator().set_params(integer=True)
    axes.grid(alpha=0.3)
    axes.plot([], [], "o", color="grey", markerfacecolor="none", label="target")
    axes.plot([], [], "x", color="red", label="sources disagree")
    axes.legend(loc="center left", bbox_to_anchor=(1.01, 0.5), fontsize="small", frameon=False)
    from matplotlib import rc_context

    # A fixed salt and no date: the same facts draw the same SVG, byte for byte.
    with _destination(Path(output)) as path, rc_context({"svg.hashsalt": "policy-extract"}):
        figure.savefig(path, format=fmt, metadata={"Date": None} if fmt == "svg" else None)
    return len(pivot.rows)
