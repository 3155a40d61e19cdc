"""Help that renders: one text for the dialog's help panel, the tooltips and the help pages.

An algorithm's help is a list of blocks: a string is a paragraph, a list of strings a bulleted
list.  The text is plain (it is escaped here, so ``p < 0.05`` stays in the dialog) but for
formulas: ``<sub>``, ``<sup>`` and ``<i>`` stay markup, so ``x<sub>s,d</sub>(t)`` reads as it is
printed (a parameter's help, a tooltip, stays plain).  A text is written, and translated, as
a whole sentence.  ``{NAME}`` in it names parameter NAME as the
dialog shows it, with the id that ``qgis_process`` users type: "Significance level (ALPHA)".
"""
import html
import re

#: ``{ALPHA}``: a parameter named in help (lower-case braces such as x_{s,d} are text).
PLACEHOLDER = re.compile(r"\{([A-Z][A-Z0-9_]*)\}")
#: The markup a help text may hold: formulas' sub- and superscripts and italics.
MARKUP = re.compile(r"</?(?:sub|sup|i)>")
_ESCAPED_MARKUP = re.compile(r"&lt;(/?)(sub|sup|i)&gt;")


def name_parameters(text, labels, markup=False):
    """``text`` with each ``{NAME}`` replaced by "label (NAME)"; ``markup``: escaped for HTML,
    the label in italics.  An unknown NAME is left as it is (a test finds it)."""
    if markup:
        text = _ESCAPED_MARKUP.sub(r"<\1\2>", html.escape(text, quote=False))
    else:
        text = MARKUP.sub("", text)

    def named(match):
        name = match.group(1)
        if name not in labels:
            return match.group(0)
        label = html.escape(labels[name], quote=False) if markup else labels[name]
        return ("<i>%s</i> (%s)" if markup else "%s (%s)") % (label, name)
    return PLACEHOLDER.sub(named, text)


def to_html(blocks, labels):
    """The blocks as HTML paragraphs and lists."""
    parts = []
    for block in blocks:
        if isinstance(block, str):
            parts.append("<p>%s</p>" % name_parameters(block, labels, True))
        else:
            parts.append("<ul>%s</ul>" % "".join("<li>%s</li>" % name_parameters(item, labels, True)
                                                 for item in block))
    return "\n".join(parts)


def sentences(blocks, labels):
    """Every paragraph and list item as plain text, as a reader of the rendered help sees it."""
    for block in blocks:
        for text in ([block] if isinstance(block, str) else block):
            yield " ".join(name_parameters(text, labels).split())
