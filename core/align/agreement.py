"""Chapters level, one series: how much of two chapters' topics pair with each other.

A plan regrouped from one year to the next keeps its subjects: 顺平 2022 (一)聚焦项目园区's topics (园区提升,
项目建设, 招商引资) are 2023 (二)锚定工业强县's (园区平台, 产业项目, 精准招商), though the two chapters' titles
and numbers differ and their whole bodies are only loosely alike. So a chapter's topics vote for the
chapter their best counterparts are in, weighted by their length; the agreement of two chapters is the
mean of the share of each one's text that votes for the other. It is evidence beside the chapters' own
content (scores.W_TOPICS), so that a chapter row says what its topics' rows say.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
import numpy.typing as npt

from ..model import Report
from . import scores
from .units import TextFeatures, UnitTable, build_units

#: A topic votes only for a counterpart this alike by content (unrelated topics score below ~0.1).
TOPIC_MATCH = 0.2


class TopicVotes:
    """The topics of a set of reports and the chapter unit each lies in, to score chapter pairs from."""

    def __init__(self, reports: Sequence[Report], features: Sequence[TextFeatures], chapters: UnitTable,
                 topics: UnitTable | None = None):
        # Aligning topics, the topics' own table is at hand (its parents are set only after the chapters).
        self.topics = topics if topics is not None else build_units(reports, "topics", features)
        t = self.topics
        self.chapter_of = np.full(len(t), -1, np.int64)
        self.length = np.array([max(1, s.norm_end - s.norm_start) for s in t.sections], np.float64)
        for ri in range(len(reports)):
            spans = [(chapters.sections[u].norm_start, chapters.sections[u].norm_end, u)
                     for u in chapters.by_report[ri]]
            for u in t.by_report[ri]:
                start = t.sections[u].norm_start
                for s, e, c in spans:
                    if s <= start < max(e, s + 1):
                        self.chapter_of[u] = c
                        break

    def _shares(self, content: npt.NDArray[np.float32], ta: Sequence[int], tb: Sequence[int],
                ) -> dict[tuple[int, int], float]:
        """For each chapter of the topics ``ta`` (rows of ``content``): the share of its text whose topics'
        best counterparts among ``tb`` lie in each chapter of theirs."""
        best = np.argmax(content, axis=1)
        best_back = np.argmax(content, axis=0)
        chapter_a = self.chapter_of[np.asarray(ta, np.int64)]
        n_topics = np.bincount(chapter_a[chapter_a >= 0], minlength=len(self.chapter_of))
        total: dict[int, float] = {}
        votes: dict[tuple[int, int], float] = {}
        for k, u in enumerate(ta):
            ch = int(chapter_a[k])
            total[ch] = total.get(ch, 0.0) + self.length[u]
            # Only a chapter of several topics votes (one that is a topic itself would repeat its own
            # content score), and only with topics that are each other's best (a near tie votes noise).
            if n_topics[ch] >= 2 and content[k, best[k]] >= TOPIC_MATCH and best_back[best[k]] == k:
                key = (ch, int(self.chapter_of[tb[int(best[k])]]))
                votes[key] = votes.get(key, 0.0) + self.length[u]
        return {key: w / total[key[0]] for key, w in votes.items()}

    def agreement(self, chapters: UnitTable, cells: Sequence[int], cols: Sequence[int]) -> npt.NDArray[np.float32]:
        """cells × cols: the mean of the two directions' shares (0 where the topics do not meet)."""
        out = np.zeros((len(cells), len(cols)), np.float32)
        if not len(cells) or not len(cols):
            return out
        rb = int(chapters.report[cols[0]])
        col_at = {u: j for j, u in enumerate(cols)}
        t = self.topics
        tb = list(t.by_report[rb])
        for ra in sorted({int(chapters.report[u]) for u in cells}):
            ta = list(t.by_report[ra])
            if not ta or not tb:
                continue
            content = scores.channels(t, ta, tb, series=True).content
            fwd, back = self._shares(content, ta, tb), self._shares(content.T, tb, ta)
            for i, u in enumerate(cells):
                if int(chapters.report[u]) != ra:
                    continue
                for (a, b), w in fwd.items():
                    if a == u and b in col_at:
                        out[i, col_at[b]] += w / 2
                for (b, a), w in back.items():
                    if a == u and b in col_at:
                        out[i, col_at[b]] += w / 2
        return out
