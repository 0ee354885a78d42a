"""A Plotly figure built once and drawn many times.

``st.plotly_chart`` turns a figure into its JSON spec on every page run, and ``Figure.to_dict`` deep-copies
every trace and the layout first: for the LSOA map that copy is most of the run. ``freeze`` returns a figure
whose ``to_dict`` is that dictionary made once. Treat it as read-only: build a new figure to change one
(``go.Figure(frozen)`` is an ordinary, editable copy).
"""
from __future__ import annotations

import plotly.graph_objects as go


class FrozenFigure(go.Figure):
    """A go.Figure whose dictionary is made once (see the module's note)."""

    _frozen: dict | None = None

    def to_dict(self) -> dict:
        if self._frozen is None:
            self._frozen = super().to_dict()
        return self._frozen

    def to_plotly_json(self) -> dict:
        return self.to_dict()


def freeze(figure: go.Figure) -> FrozenFigure:
    """``figure`` frozen: its dictionary is made now, once."""
    frozen = FrozenFigure(figure)
    frozen.to_dict()
    return frozen
