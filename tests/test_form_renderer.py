"""minpan.form_renderer draws the common widgets and labels in Python: what it writes must be what
Django's own templates write, to the byte, whatever the values and attributes hold (a writer's
text with <, &, quotes; safe strings; numbers; True and False attributes). Pages as a whole are
compared too: the same page drawn both ways is the same page."""
import re

import pytest
import time_machine
from django import forms
from django.forms.renderers import DjangoTemplates
from django.test import override_settings
from django.utils.safestring import mark_safe
from hypothesis import given, settings
from hypothesis import strategies as st

from minpan.cases.transitions import apply
from minpan.form_renderer import FastWidgets
from tests.flow import at, collect, dispatched

DJANGO, FAST = DjangoTemplates(), FastWidgets()

texts = st.text(alphabet=st.sampled_from(list("ab路灯 <>&\"'\n\t0１")), max_size=8)
values = st.one_of(st.none(), texts, st.integers(-5, 1500), texts.map(mark_safe), st.just(""))
attr_values = st.one_of(st.booleans(), texts, st.integers(0, 9), texts.map(mark_safe))
attrs = st.dictionaries(st.sampled_from(["id", "class", "placeholder", "maxlength", "required", "disabled", "data-x", "aria-label"]),
                        attr_values, max_size=4)
choices = st.lists(st.tuples(st.one_of(texts, st.integers(0, 20)), st.one_of(texts, texts.map(mark_safe))), max_size=4)
grouped = st.lists(st.tuples(texts, choices), max_size=2)

INPUTS = [forms.TextInput, forms.HiddenInput, forms.DateInput, forms.NumberInput, forms.EmailInput, forms.URLInput,
          forms.TimeInput, forms.DateTimeInput, forms.SearchInput, forms.TelInput, forms.ColorInput]


def _both(widget, name, value, extra=None):
    return (widget.render(name, value, attrs=extra, renderer=DJANGO), widget.render(name, value, attrs=extra, renderer=FAST))


@settings(max_examples=150, deadline=None)
@given(kind=st.sampled_from(INPUTS), name=texts, value=values, extra=attrs)
def test_inputs_drawn_as_django_draws_them(kind, name, value, extra):
    django, fast = _both(kind(), name, value, extra)
    assert fast == django


@settings(max_examples=100, deadline=None)
@given(name=texts, value=st.one_of(st.booleans(), st.none(), texts), extra=attrs, shown=st.booleans())
def test_checkboxes_and_passwords_drawn_as_django_draws_them(name, value, extra, shown):
    django, fast = _both(forms.CheckboxInput(), name, value, extra)
    assert fast == django
    django, fast = _both(forms.PasswordInput(render_value=shown), name, value, extra)
    assert fast == django


@settings(max_examples=100, deadline=None)
@given(name=texts, value=values, extra=attrs)
def test_textareas_drawn_as_django_draws_them(name, value, extra):
    django, fast = _both(forms.Textarea(), name, value, extra)
    assert fast == django


@settings(max_examples=150, deadline=None)
@given(name=texts, flat=choices, groups=grouped, value=st.one_of(st.none(), texts, st.integers(0, 20)), extra=attrs,
       multiple=st.booleans())
def test_selects_drawn_as_django_draws_them(name, flat, groups, value, extra, multiple):
    for options in (flat, groups + flat):
        widget = (forms.SelectMultiple if multiple else forms.Select)(choices=options)
        chosen = [value] if multiple else value
        django, fast = _both(widget, name, chosen, extra)
        assert fast == django


class _Form(forms.Form):
    required_css_class = "required"
    subject = forms.CharField(label="标题 <&>")
    body = forms.CharField(label=mark_safe("内容<em>必填</em>"), widget=forms.Textarea, required=False)
    kind = forms.ChoiceField(label="类型？", choices=[("a", "咨询"), ("b", "投诉 & 建议")])
    agree = forms.BooleanField(label="同意", required=False)


@pytest.mark.parametrize("auto_id", ["id_%s", False, "x-%s"])
@pytest.mark.parametrize("suffix", [None, "：", ""])
def test_labels_drawn_as_django_draws_them(auto_id, suffix):
    django_form, fast_form = (_Form(auto_id=auto_id, label_suffix=suffix, renderer=r) for r in (DJANGO, FAST))
    for name in django_form.fields:
        assert fast_form[name].label_tag() == django_form[name].label_tag()
        assert fast_form[name].label_tag(attrs={"class": "x", "hidden": True}, tag="legend") == \
            django_form[name].label_tag(attrs={"class": "x", "hidden": True}, tag="legend")
        assert str(fast_form[name]) == str(django_form[name])


def test_other_widgets_go_through_the_templates():
    radios = forms.RadioSelect(choices=[("a", "甲"), ("b", "乙 <b>")])
    assert radios.render("r", "a", renderer=FAST) == radios.render("r", "a", renderer=DJANGO)


def _without_tokens(html: str) -> str:
    # a new form key and CSRF token with every page: the rest must match
    html = re.sub(r'"X-CSRFToken": "[^"]+"', '"X-CSRFToken"', html)
    return re.sub(r'name="(csrfmiddlewaretoken|key)" value="[^"]+"', r'name="\1"', html)


def _drawn_both_ways(client, url) -> tuple[str, str]:
    client.get(url)  # the first visit writes (notices read): the two compared come after it
    pages = []
    for renderer in ("django.forms.renderers.DjangoTemplates", "minpan.form_renderer.FastWidgets"):
        with override_settings(FORM_RENDERER=renderer):
            resp = client.get(url)
            assert resp.status_code == 200
            pages.append(_without_tokens(resp.content.decode()))
    return pages[0], pages[1]


def test_the_case_pages_are_the_same_page_either_way(client, city):
    with time_machine.travel(at("2026-09-29 10:00"), tick=False):
        received = collect("tongliao")
        handled = dispatched(city, "tongliao")
        apply(handled, "claim", actor=city.handler)
        drawn = ""
        for user, case in ((city.operator, received), (city.handler, handled), (city.deputy, handled)):
            client.force_login(user)
            django, fast = _drawn_both_ways(client, f"/desk/case/{case.pk}/")
            assert fast == django
            drawn += fast
    assert [tag for tag in ("<textarea", "<select", 'type="hidden"', "<label") if tag not in drawn] == []


def test_the_write_page_and_a_queue_are_the_same_either_way(client, city):
    django, fast = _drawn_both_ways(client, "/write/")
    assert fast == django and "<textarea" in fast
    client.force_login(city.operator)
    django, fast = _drawn_both_ways(client, "/desk/q/review/")
    assert fast == django
