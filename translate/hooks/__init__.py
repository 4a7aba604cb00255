"""Faces for other programs: the CMS hook (:mod:`.cms`) and PO catalog pre-translation
(:mod:`.po_catalog`).  Library functions that raise :class:`translate.errors.UserError`
for bad input; the commands in :mod:`translate.commands` wrap them."""
