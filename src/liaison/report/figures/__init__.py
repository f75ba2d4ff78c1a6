"""The report's pictures: pure functions from plain data to a report :class:`Figure`.

Four figures illustrate a report of the series:

* :func:`events_timeline` -- the meetings and events of the period, one band per lane
  ("Sessions of governing bodies", "Summits, conferences and forums", ...), each lane in a
  style of its own whatever other lanes are shown; a label too long for the room beside its
  bar goes on two lines;
* :func:`coverage` -- how many records of the period are tagged with each Sustainable
  Development Goal and each WSIS Action Line (C7 with the count given for it, which already
  counts its applications);
* :func:`partner_network` -- the joint initiatives and the organizations taking part in them,
  with no node or label over another (:func:`network_geometry` gives the boxes drawn);
* :func:`jiu_trend` -- the JIU acceptance and implementation rates at the end of each year.

Nothing here reads a database or keeps state between calls. Every figure is drawn for print on A4
at 16 cm wide (no text smaller than 7 pt at that size), with a colour-blind-friendly palette
(Okabe & Ito) except for the official SDG colours, and with shapes, hatches and line styles that
keep lanes, node kinds and classes of partner role apart in greyscale too. Each figure comes as
PNG (200 dpi) and SVG bytes; the same input always gives the same bytes (no dates in the
metadata, a fixed SVG id salt, a fixed layout seed, all text in DejaVu Sans, which ships with
matplotlib). SVG text is drawn as glyph outlines so that it looks the same everywhere; each
string (each line of a label on several lines) is kept as an XML comment next to its glyphs.

Figures are drawn with matplotlib's object API on an Agg canvas (never pyplot). Matplotlib reads
a few settings from its process-wide ``rcParams`` (the SVG id salt among them), so each figure is
built under a module lock inside ``matplotlib.rc_context``: concurrent calls are serialized and
the global settings are restored afterwards.

Large inputs:

* a timeline of more than :data:`TIMELINE_DETAIL_LIMIT` events (or one that would be taller than
  :data:`TIMELINE_MAX_HEIGHT_CM`, with many lanes) is drawn as a table of counts --
  one row per lane, one column per month (per quarter or year for long periods), each event
  counted once in the month it starts; events lasting more than a month, or dated only to the
  year, are counted in a column of their own;
* a network of more than :data:`NETWORK_LABEL_ALL_LIMIT` nodes labels only the highlighted
  organization and the :data:`NETWORK_LABEL_LIMIT` nodes with the most links (fewer when some
  find no free place), and says so under the picture; from :data:`NETWORK_SPRING_LIMIT` nodes
  on, the layout starts from a grid of initiatives, each amid the organizations only it has,
  instead of a force-directed one.
"""

from __future__ import annotations

from liaison.report.figures.counts import _timeline_counts as _timeline_counts

# Re-exported as the single module did: the public names, plus the private ones (with an
# underscore) that the tests use to build the figures without exporting them.
from liaison.report.figures.coverage import _WSIS_SHORT as _WSIS_SHORT
from liaison.report.figures.coverage import SDG_COLOURS, coverage
from liaison.report.figures.coverage import _coverage as _coverage
from liaison.report.figures.coverage import _wsis_rows as _wsis_rows
from liaison.report.figures.network import (
    NETWORK_LABEL_ALL_LIMIT,
    NETWORK_LABEL_LIMIT,
    NETWORK_SPRING_LIMIT,
    ROLES,
    NetworkGeometry,
    network_geometry,
    partner_network,
)
from liaison.report.figures.network import _network as _network
from liaison.report.figures.rates import RatePoint, jiu_trend
from liaison.report.figures.style import DPI as DPI
from liaison.report.figures.style import NO_RECORDS
from liaison.report.figures.style import WIDTH_CM as WIDTH_CM
from liaison.report.figures.style import WITH_SVG as WITH_SVG
from liaison.report.figures.style import _styled as _styled
from liaison.report.figures.style import png_only as png_only
from liaison.report.figures.timeline import (
    TIMELINE_DETAIL_LIMIT,
    TIMELINE_MAX_HEIGHT_CM,
    TimelineItem,
    events_timeline,
)
from liaison.report.figures.timeline import _lane_style as _lane_style
from liaison.report.figures.timeline import _timeline_detail as _timeline_detail

__all__ = [
    "NETWORK_LABEL_ALL_LIMIT",
    "NETWORK_LABEL_LIMIT",
    "NETWORK_SPRING_LIMIT",
    "NO_RECORDS",
    "ROLES",
    "SDG_COLOURS",
    "TIMELINE_DETAIL_LIMIT",
    "TIMELINE_MAX_HEIGHT_CM",
    "NetworkGeometry",
    "RatePoint",
    "TimelineItem",
    "coverage",
    "events_timeline",
    "jiu_trend",
    "network_geometry",
    "partner_network",
]
