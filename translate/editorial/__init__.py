"""The editorial workflow: the faces a desk uses around the Translator.

- :mod:`.cms`: the CMS hook (``translate hook``), JSON in, translated fields and a review
  status out;
- :mod:`.po_catalog`: pre-translation of gettext PO catalogs (``translate po``);
- :mod:`.config` (with :mod:`.patterns`): ``dragoman.toml`` / ``[tool.dragoman]``, read by
  every command that translates;
- :mod:`.fingerprint`: which translations a person edited, so none is ever overwritten.

Each face only calls :class:`translate.pipeline.Translator` and the writers.
"""
