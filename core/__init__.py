"""reportdiff core: reading, folding, outline, alignment, diff and figures of Chinese government work reports.

Pure logic: this package never imports Textual or Rich (tests/test_core_purity.py checks it).
"""

__version__ = "0.1.0"
