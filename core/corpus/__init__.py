"""A corpus index: hundreds or thousands of reports read once into an embedded store, then asked questions.

``store`` (the SQLite file, its schema and where it lives), ``scan`` (which files of the folders are reports),
``record`` (one file read into plain data, in a worker process), ``indexer`` (the run: only new or changed
files, on all cores, one transaction a report), ``vectors`` (the aligner's unit features as corpus arrays),
and the queries ``similar`` (counterparts of a section), ``phrase`` (where and when a phrase is used),
``figures`` (one indicator across the corpus) and ``export`` (JSONL and Parquet).
"""

from .store import CorpusError, Store, open_store, resolve_index

__all__ = ["CorpusError", "Store", "open_store", "resolve_index"]
