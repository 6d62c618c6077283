"""A server-rendered bar chart: plain SVG geometry for a template, no JavaScript, no library.

Every chart is shown next to a table of the same numbers, which is what screen readers use.
"""

WIDTH = 640
HEIGHT = 220
MARGIN_LEFT = 40
MARGIN_BOTTOM = 28
MARGIN_TOP = 12


def _nice_max(value: int) -> int:
    step = 1
    while step * 10 < value:
        step *= 10
    return max(step, ((value + step - 1) // step) * step)


def bar_chart(rows: list[dict], *, label: str, value: str, highlight: str | None = None) -> dict:
    """Bars for `rows[i][value]` labelled by `rows[i][label]`; `highlight` draws a second bar
    (e.g. sustained) inside each bar."""
    top = _nice_max(max((r[value] for r in rows), default=0) or 1)
    plot_w, plot_h = WIDTH - MARGIN_LEFT - 8, HEIGHT - MARGIN_BOTTOM - MARGIN_TOP
    slot = plot_w / max(len(rows), 1)
    bar_w = max(slot * 0.7, 2)
    bars = []
    for i, row in enumerate(rows):
        height = plot_h * row[value] / top
        inner = plot_h * row[highlight] / top if highlight else 0
        x = MARGIN_LEFT + i * slot + (slot - bar_w) / 2
        bars.append({
            "x": round(x, 1), "width": round(bar_w, 1), "label": row[label],
            "value": row[value], "y": round(MARGIN_TOP + plot_h - height, 1),
            "height": round(height, 1), "inner_y": round(MARGIN_TOP + plot_h - inner, 1),
            "inner_height": round(inner, 1), "inner_value": row[highlight] if highlight else None,
            "text_x": round(x + bar_w / 2, 1), "show_label": len(rows) <= 16 or i % 2 == 0,
        })
    return {"width": WIDTH, "height": HEIGHT, "bars": bars, "max": top,
            "axis_y": MARGIN_TOP + plot_h, "axis_x": MARGIN_LEFT, "top_y": MARGIN_TOP,
            "label_y": HEIGHT - 8, "right": WIDTH - 8}
