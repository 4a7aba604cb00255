"""Dragoman: offline translation of news articles with names spelled the desk's way.

The package is a library first (see :mod:`translate.pipeline`); :mod:`translate.cli`
is a thin face over it.  Nothing here imports ``argostranslate.translate`` (which pulls
in torch), so ``import translate`` stays fast.
"""

__version__ = "0.1.0"
