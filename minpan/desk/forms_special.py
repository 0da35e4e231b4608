"""Forms for the documents' special ways of handling a case: a hard case explained to the writer
(Tongliao 第十八条) and a 专题协调会议 that fixes the units and a time limit (Yuncheng 五(二)).

Kept apart from forms.py, which holds the common path; they join forms.FORMS when the desk app is
ready (apps.DeskConfig), so the case page offers them like any other, only where the core accepts them.
"""
from __future__ import annotations

from django import forms

from minpan.cases import hard_cases
from minpan.cases.states import RETURNABLE, Action
from minpan.units.models import Unit

from .forms import FORMS, TEXT, ActionForm, UnitsField, dispatchable_units


class AskHardCaseForm(ActionForm):
    """情况特殊、难以办结: the lead unit asks the center's leave to explain instead of giving a result."""

    action = Action.ASK_HARD_CASE
    submit_label = "申请解释答复"
    notice = "对情况特殊、难以办结的留言，征得交办单位同意后，答复可为向网民所作的解释（通辽办法第十八条）。"
    reason = forms.CharField(label="情况特殊、难以办结的理由", widget=forms.Textarea(attrs=TEXT),
                             help_text="只报交办单位，不向网民公开")

    @classmethod
    def offered(cls, policy, case, roles):
        return policy.reply_content.hard_case_explained and hard_cases.status(case) in (None, hard_cases.REFUSED)


class AgreeHardCaseForm(ActionForm):
    action = Action.AGREE_HARD_CASE
    reason = forms.CharField(label="同意意见", required=False, widget=forms.Textarea(attrs={"rows": 2}))

    @classmethod
    def offered(cls, policy, case, roles):
        return policy.reply_content.hard_case_explained and hard_cases.status(case) == hard_cases.ASKED


class RefuseHardCaseForm(ActionForm):
    action = Action.REFUSE_HARD_CASE
    danger = True
    offered = AgreeHardCaseForm.offered
    reason = forms.CharField(label="不同意的理由", widget=forms.Textarea(attrs={"rows": 2}))


class CoordinateForm(ActionForm):
    """专题协调会议: 明确牵头单位和责任单位职责，限期办理."""

    action = Action.COORDINATE
    submit_label = "记录专题协调会议"
    notice = "会议确定的办结日期即为本件的办理期限；会议明确的责任单位未在本件上的，作为配合单位加入（运城方案五(二)）。"
    held_on = forms.DateField(label="会议日期", widget=forms.DateInput(attrs={"type": "date"}))
    place = forms.CharField(label="会议地点", max_length=200)
    attendees = forms.CharField(label="参会单位和人员", widget=forms.Textarea(attrs={"rows": 2}))
    lead = forms.ModelChoiceField(label="牵头单位", queryset=Unit.objects.none(), empty_label="请选择")
    units = UnitsField(label="责任单位", queryset=Unit.objects.none(), required=False, widget=forms.SelectMultiple(attrs={"size": 6}),
                       help_text="按住 Ctrl 可多选")
    due_on = forms.DateField(label="限期办结日期", widget=forms.DateInput(attrs={"type": "date"}))
    minutes = forms.CharField(label="会议纪要", widget=forms.Textarea(attrs=TEXT), help_text="各单位的职责分工和工作要求")

    @classmethod
    def offered(cls, policy, case, roles):
        return policy.escalation.coordination_meetings

    def setup(self):
        self.fields["lead"].queryset = self.fields["units"].queryset = dispatchable_units()
        if self.case is not None:
            self.fields["lead"].initial = self.case.lead_unit_id
            if self.case.state not in RETURNABLE:
                self.fields["lead"].help_text = "答复已在拟写或审签，不能更换牵头单位"

    def params(self):
        return {**{k: self.cleaned_data[k] for k in ("held_on", "place", "attendees", "lead", "due_on", "minutes")},
                "units": list(self.cleaned_data.get("units") or [])}


FORMS.update({cls.action: cls for cls in (AskHardCaseForm, AgreeHardCaseForm, RefuseHardCaseForm, CoordinateForm)})
