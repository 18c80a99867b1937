"""The pipeline's first step: a file, standard input or bytes into a :class:`Source` (text and notes).

One module a job: ``files`` (paths, stdin, limits, the pipeline), ``sniff`` (what a file is),
``decoding`` (encodings), one module a format (``pdf_text``, ``doc_text``, ``docx_text``, ``html_text``),
and the repairs ``unwrap``
(hard line wraps), ``runon`` (scrapes without line breaks) and ``repeats`` (a page holding the report twice).
"""

from .files import MAX_INPUT_BYTES, read_bytes, read_source
from .source import Source

__all__ = ["MAX_INPUT_BYTES", "Source", "read_bytes", "read_source"]
