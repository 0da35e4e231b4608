"""Form fields drawn without a template render per widget (issue 17).

Django draws every widget and every label through its template engine: a case page's ten fields
cost 3.5–4.5 ms of a 20–40 ms page. The common ones (inputs, textareas, selects, labels) are
written here in Python to the byte as Django's own templates write them, with Django's own escaping
and localisation; any other template (radio lists, file inputs, the admin's widgets) still goes
through the engine. tests/test_form_renderer.py holds the output equal to Django's.
"""
from __future__ import annotations

import html

from django.forms.renderers import DjangoTemplates
from django.template import Context
from django.template.base import render_value_in_context
from django.utils.safestring import SafeData, mark_safe

_W = "django/forms/widgets/"
# the templates that are nothing but {% include "django/forms/widgets/input.html" %}
INPUTS = frozenset(f"{_W}{name}.html" for name in (
    "input", "text", "hidden", "checkbox", "date", "datetime", "time", "number", "email", "url",
    "password", "search", "tel", "color", "file",
))
OPTION = f"{_W}select_option.html"


# what render_value_in_context reads of a template's context: the forms engine's defaults
_CTX = Context(autoescape=True)


def out(value) -> str:
    """{{ value }}: for text and whole numbers what render_value_in_context gives, without its
    round of localisation checks; anything else goes through it (desk.result_rows draws its
    cells with it too, held byte-equal by tests/desk/test_result_rows.py)."""
    if type(value) is str:
        return html.escape(value)
    if isinstance(value, SafeData):
        return str(value)
    if type(value) is int:
        return str(value)
    return render_value_in_context(value, _CTX)


def _formatted(value) -> str:
    """{{ value|stringformat:'s' }}: the filter keeps a safe string safe."""
    try:
        text = "%s" % (str(value) if isinstance(value, tuple) else value)
    except (ValueError, TypeError):
        text = ""
    # only a value that was safe already stays safe, as the filter's is_safe does in a template
    return out(mark_safe(text) if isinstance(value, SafeData) else text)  # nosec B703 B308


def _attrs(attrs: dict) -> str:
    parts = []
    for name, value in attrs.items():
        if value is False:
            continue
        parts.append(f" {out(name)}" if value is True else f' {out(name)}="{_formatted(value)}"')
    return "".join(parts)


def _input(w: dict) -> str:
    value = f' value="{_formatted(w["value"])}"' if w["value"] is not None else ""
    return f'<input type="{out(w["type"])}" name="{out(w["name"])}"{value}{_attrs(w["attrs"])}>'


def _textarea(w: dict) -> str:
    return f'<textarea name="{out(w["name"])}"{_attrs(w["attrs"])}>\n{out(w["value"]) if w["value"] else ""}</textarea>'


def _select(w: dict) -> str | None:
    parts = [f'<select name="{out(w["name"])}"{_attrs(w["attrs"])}>']
    for group_name, options, _index in w["optgroups"]:
        if group_name:
            parts.append(f'\n  <optgroup label="{out(group_name)}">')
        for option in options:
            if option["template_name"] != OPTION:
                return None
            # the included option template ends with a line break
            parts.append(f'\n  <option value="{_formatted(option["value"])}"{_attrs(option["attrs"])}>{out(option["label"])}</option>\n')
        if group_name:
            parts.append("\n  </optgroup>")
    parts.append("\n</select>")
    return "".join(parts)


def _label(context: dict) -> str:
    if not context["use_tag"]:
        return out(context["label"])
    tag = out(context["tag"])
    return f'<{tag}{_attrs(context["attrs"] or {})}>{out(context["label"])}</{tag}>'


class FastWidgets(DjangoTemplates):
    """FORM_RENDERER: Django's template renderer, with the common widgets and labels in Python."""

    def render(self, template_name, context, request=None):
        html = None
        if template_name in INPUTS:
            html = _input(context["widget"])
        elif template_name == f"{_W}textarea.html":
            html = _textarea(context["widget"])
        elif template_name == f"{_W}select.html":
            html = _select(context["widget"])
        elif template_name == "django/forms/label.html":
            html = _label(context)
        if html is None:
            return super().render(template_name, context, request=request)
        return html.strip()
