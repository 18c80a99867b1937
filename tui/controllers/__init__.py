"""The app's concerns, each its own small object holding the app: the app class composes and routes.

- :mod:`.status`: the status line (where you are, the modes, how the row was matched);
- :mod:`.navigation`: n/N through the changes of every report against the pivot;
- :mod:`.copying`: copying where it lands, and the notice of where it went;
- :mod:`.figures`: the figures table, a figure's sentence in its pane, the chart and the targets tracker.

Scroll sync stays in the app for now (the sentence-aligned panes change it).
"""
