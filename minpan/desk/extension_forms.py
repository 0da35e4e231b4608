"""The extension forms of the case page (延期: request, 逐级 endorsement, the center's decision);
they join desk.forms.FORMS, which imports this module."""
from __future__ import annotations

from django import forms
from django.utils import timezone

from minpan.cases.deadlines import extension_room
from minpan.cases.states import Action

from .action_form import TEXT, ActionForm


class RequestExtensionForm(ActionForm):
    action = Action.REQUEST_EXTENSION

    @classmethod
    def offered(cls, policy, case, roles):
        rule = policy.extension
        if not rule.allowed or case.extension_pending or case.coordinated_due or not roles & set(rule.requester_roles):
            return False
        if rule.before_deadline and (case.due_at is None or timezone.now() >= case.due_at):
            return False
        if rule.max_count is not None:
            # the core counts approved extensions, and this round's requests by the lead unit
            asked = case.extensions.filter(unit_id=case.lead_unit_id, requested_at__gte=case.clock_started_at).count()
            if max(case.extension_count, asked) >= rule.max_count:
                return False
        room = extension_room(case, policy)
        return room is None or room >= 1
    days = forms.IntegerField(label="申请延长（工作日）", min_value=1, max_value=60)
    promised_date = forms.DateField(label="承诺办结日期", required=False, widget=forms.DateInput(attrs={"type": "date"}))
    reason = forms.CharField(label="延期理由", widget=forms.Textarea(attrs=TEXT))
    basis = forms.CharField(label="延期依据", required=False, widget=forms.Textarea(attrs={"rows": 2}))
    progress = forms.CharField(label="工作进度", widget=forms.Textarea(attrs={"rows": 3}),
                               help_text="已做的调查核实、处置情况和下一步安排，报审批人")
    writer_note = forms.CharField(label="向留言人的解释", widget=forms.Textarea(attrs={"rows": 2}),
                                  help_text="已过办理期限：用平实的话向留言人说明未能按期答复的原因，留言人在查询页看到；"
                                            "不写工作人员姓名和内部意见")

    def setup(self):
        # Xizang 第五条(四): 报告工作进度; once the deadline has passed, 向网友做好解释工作
        rule = self.policy.extension
        if not rule.needs_progress:
            del self.fields["progress"]
        late = self.case.due_at is not None and timezone.now() >= self.case.due_at
        if not (rule.explain_late_to_writer and late):
            del self.fields["writer_note"]


class EndorseExtensionForm(ActionForm):
    """逐级 (Tongliao 第十四条): the unit's leader signs the handler's request up to the center."""

    action = Action.ENDORSE_EXTENSION
    agree = forms.ChoiceField(label="签批意见", choices=[("yes", "同意，报中心审批"), ("no", "不同意")],
                              widget=forms.RadioSelect, initial="yes")
    reason = forms.CharField(label="不同意的理由", required=False, widget=forms.Textarea(attrs={"rows": 2}))

    @classmethod
    def offered(cls, policy, case, roles):
        return (case.extension_pending and bool(roles & set(policy.extension.endorser_roles))
                and case.extensions.filter(state="endorsing").exists())


class ApproveExtensionForm(ActionForm):
    action = Action.APPROVE_EXTENSION

    @classmethod
    def offered(cls, policy, case, roles):
        return (case.extension_pending and policy.extension.approver_role in roles
                and case.extensions.filter(state="pending").exists())
    decision_note = forms.CharField(label="审批意见", required=False, widget=forms.Textarea(attrs={"rows": 2}))

    def setup(self):
        # the one deciding reads the unit's progress report and what the writer will be told
        req = self.case.extensions.filter(state="pending").order_by("-requested_at").first()
        if req is not None:
            self.notice = "；".join(text for text in (
                f"申请延长 {req.days} 个工作日，理由：{req.reason}",
                f"工作进度：{req.progress}" if req.progress else "",
                f"向留言人的解释：{req.writer_note}" if req.writer_note else "",
            ) if text)


class RefuseExtensionForm(ActionForm):
    action = Action.REFUSE_EXTENSION
    danger = True
    offered = ApproveExtensionForm.offered
    decision_note = forms.CharField(label="不同意的理由", widget=forms.Textarea(attrs={"rows": 2}))
