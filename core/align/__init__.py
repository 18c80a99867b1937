"""The pipeline's alignment step: which sections of two or more reports correspond.

``units`` (what takes part at each level), ``vectors`` (bigram tf-idf as sparse rows) and ``domains``
(policy domains, from ``domains.toml``) describe sections; ``scores`` compares them as arrays; ``pairing``
decides pairs (content first, order as a prior within a series); ``aligner`` grows the rows report by
report, with pins. The result types live apart, in :mod:`core.alignment`.
"""

from .aligner import PIN_SCORE, align
from .units import LEVELS, units_of

__all__ = ["LEVELS", "PIN_SCORE", "align", "units_of"]
