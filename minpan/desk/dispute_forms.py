"""The center's decision on a disputed dispatch (派单异议, cases.effects.dispute): offered only while a
return that cited the dispatch catalogue waits for it."""
from __future__ import annotations

from django import forms

from minpan.cases.disputes import pending_dispute
from minpan.cases.states import Action
from minpan.units.models import Level, Unit

from .action_form import ActionForm


class _Pending:
    """Shared by both decisions (a mixin, so that desk.forms.FORMS sees only the two forms)."""

    case: object
    notice: str

    @classmethod
    def offered(cls, policy, case, roles):
        return pending_dispute(case) is not None

    def setup(self):
        disputed = pending_dispute(self.case) if self.case is not None else None
        if disputed is not None:
            self.notice = (f"{disputed.unit.name} 引用派单目录事项 {disputed.disputed_matter} 退办："
                           f"{disputed.return_reason}（依据：{disputed.return_basis}）")


class AcceptDisputeForm(_Pending, ActionForm):
    action = Action.ACCEPT_DISPUTE
    submit_label = "异议成立，重新交办"
    lead = forms.ModelChoiceField(label="交办至", queryset=Unit.objects.none(), required=False, empty_label="按派单目录（现行版本）",
                                  help_text="不选则交办给目录现行版本写明的牵头单位和配合单位")
    update_catalogue = forms.BooleanField(label="同时修订派单目录", required=False,
                                          help_text="目录有误时勾选：该事项新增一个版本，牵头单位改为上面所选单位")
    reason = forms.CharField(label="审核意见", widget=forms.Textarea(attrs={"rows": 2}))

    def setup(self):
        super().setup()
        self.fields["lead"].queryset = Unit.objects.filter(active=True).exclude(level=Level.CENTER).only("pk", "name", "path")

    def clean(self):
        data = super().clean()
        if data.get("update_catalogue") and not data.get("lead"):
            self.add_error("lead", "修订派单目录须选定新的牵头单位。")
        return data

    def params(self):
        data = dict(self.cleaned_data)
        if data.get("lead") is not None:
            data["co"] = []  # a unit chosen by hand is dispatched alone (add co-units by 改派 if needed)
        return data


class RejectDisputeForm(_Pending, ActionForm):
    action = Action.REJECT_DISPUTE
    danger = True
    submit_label = "异议不成立，退回原单位"
    reason = forms.CharField(label="不成立的理由", widget=forms.Textarea(attrs={"rows": 2}),
                             help_text="原单位重新收到交办，并看到此理由")
