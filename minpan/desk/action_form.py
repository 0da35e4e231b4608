"""The base of the case page's action forms (desk.forms, desk.oversight_forms): each form names
its action, parses what the person typed and says in `offered()` whether the core would accept it now."""
from __future__ import annotations

from collections.abc import Set as AbstractSet

from django import forms

from minpan.cases.states import Action
from minpan.plain_errors import plain_errors
from minpan.policies.rules import Policy

TEXT = {"rows": 4}


class ActionForm(forms.Form):
    action: Action
    submit_label = ""
    danger = False  # drawn as a secondary button: it turns the case away or back
    template_kind = ""  # canned texts offered beside this form (desk.models.TemplateKind)
    template_field = ""
    notice = ""  # shown above the fields: what the person must know before filling it in

    def __init__(self, *args, case=None, user=None, policy=None, **kwargs):
        kwargs.setdefault("prefix", self.action.value)
        super().__init__(*args, **kwargs)
        plain_errors(self)
        self.case, self.user, self.policy = case, user, policy
        self.setup()

    def setup(self) -> None:
        pass

    @classmethod
    def offered(cls, policy: Policy, case, roles: AbstractSet[str]) -> bool:
        """False where the core would refuse the action now, under the policy in force, for these
        roles (the table's state, role and unit are asked by transitions.can_take)."""
        return True

    def params(self) -> dict:
        return dict(self.cleaned_data)

    @property
    def label(self) -> str:
        return self.submit_label or self.action.label
