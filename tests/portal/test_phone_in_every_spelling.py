"""A phone number typed with full-width digits or an ideographic space (as Chinese input methods
give them) is the same number everywhere the writer types one: the message form, the writer's own
contact details, and password recovery."""
import pytest
from django import forms

from minpan.portal.forms import phone_number
from minpan.portal.my_data import ContactForm
from minpan.portal.recovery import phone_digits


@pytest.mark.parametrize("typed", ["１３８００１３８０００", "138　0013　8000", "１３８-００１３-８０００", " 13800138000 "])
def test_full_width_and_spaced_numbers_are_read_as_the_number(typed):
    assert phone_digits(phone_number(typed, "错")) == "13800138000"


def test_the_writers_contact_form_takes_a_full_width_number():
    form = ContactForm(data={"phone": "０４７５－８２３４５６７", "email": "", "address": ""})
    assert form.is_valid(), form.errors
    assert form.cleaned_data["phone"] == "0475-8234567"


def test_a_number_stored_full_width_still_matches_at_recovery():
    assert phone_digits("１３８ ００１３ ８０００") == phone_digits("+86 138-0013-8000")


@pytest.mark.parametrize("typed", ["一三八", "138001380０Ａ", "12"])
def test_what_is_not_a_number_is_refused_in_plain_words(typed):
    with pytest.raises(forms.ValidationError, match="电话号码"):
        phone_number(typed, "电话号码格式不对")
