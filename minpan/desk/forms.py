"""One form per action a person takes on the case page; `params()` is what transitions.apply takes.

The forms only parse and say what is missing, in Chinese; every rule is the core's
(transitions.apply raises and the view shows its message on the form). `offered()` asks the
core's own questions of the policy and the case, so a page offers only what the core accepts
(tests/desk/test_offered_is_allowed.py).
"""
from __future__ import annotations

from collections.abc import Set as AbstractSet

from django import forms
from django.utils import timezone

from minpan.cases.disputes import pending_dispute
from minpan.cases.effects.after import may_explain_delay
from minpan.cases.effects.base import called_back, contacted_before_handling, reachable
from minpan.cases.effects.oversight import legal_review_pending
from minpan.cases.lookback import found_not_done
from minpan.cases.page_rows import page_rows
from minpan.cases.states import Action, Domain, PublishMode, State, Urgency
from minpan.catalogue.selectors import matters_for_choice
from minpan.params import whole_number
from minpan.policies.codes import CHANNELS, MESSAGE_TYPES, NOT_ACCEPTED_REASONS, QUALITY_FAULTS
from minpan.policies.rules import Policy
from minpan.units.models import Level, Unit

from . import dispute_forms, extension_forms, oversight_forms  # noqa: F401  (their forms join FORMS below)
from .action_form import TEXT, ActionForm


class UnitsField(forms.ModelMultipleChoiceField):
    """Several units by id. Django's own field passes each value to an `IN (...)` query, where a
    number past the database's integers raises (OverflowError on SQLite): refused here instead."""

    def _check_values(self, value):
        for pk in value:
            if whole_number(str(pk)) is None:
                raise forms.ValidationError(self.error_messages["invalid_pk_value"], code="invalid_pk_value",
                                            params={"pk": pk})
        return super()._check_values(value)


def dispatchable_units():
    return Unit.objects.filter(active=True).exclude(level=Level.CENTER).only("pk", "name", "path")


class AcceptForm(ActionForm):
    action = Action.ACCEPT


class NotAcceptForm(ActionForm):
    action = Action.NOT_ACCEPT
    danger = True
    template_kind, template_field = "not_accepted", "explanation"
    reason = forms.ChoiceField(label="不予受理理由")
    explanation = forms.CharField(label="说明", widget=forms.Textarea(attrs=TEXT))
    suggested_channel = forms.CharField(label="建议反映渠道", max_length=200)

    duplicate_of = forms.CharField(label="重复的较早留言", max_length=32, required=False,
                                   help_text="按重复事项不予受理时填写较早留言的编号，说明和建议渠道可留空，按标准文字填写")

    def setup(self):
        self.fields["reason"].choices = [(r, NOT_ACCEPTED_REASONS[r]) for r in self.policy.not_accepted_reasons]
        self.fields["explanation"].required = self.fields["suggested_channel"].required = False

    def clean(self):
        data = super().clean()
        earlier = None
        if data.get("duplicate_of"):
            if data.get("reason") != "duplicate":
                self.add_error("duplicate_of", "只有按“重复事项”不予受理时才填写较早留言。")
            else:
                earlier = find_case(self.user, data["duplicate_of"])
                if earlier is None:
                    self.add_error("duplicate_of", f"没有找到留言 {data['duplicate_of']}。")
        if earlier is not None:
            from minpan.similar.notices import duplicate_channel, duplicate_explanation

            data["explanation"] = data.get("explanation") or duplicate_explanation(earlier, self.policy)
            data["suggested_channel"] = data.get("suggested_channel") or duplicate_channel(earlier)
        # required unless the standard duplicate text fills them
        for name in ("explanation", "suggested_channel"):
            if not data.get(name) and name not in self.errors:
                self.add_error(name, self.fields[name].error_messages["required"])
        return data

    def params(self):
        return {k: self.cleaned_data[k] for k in ("reason", "explanation", "suggested_channel")}


def find_case(user, ref: str):
    """A case the user may see, by id, 留言#id or registration number (2026-000123)."""
    from minpan.cases.access import visible_cases

    ref = (ref or "").strip().removeprefix("留言#").removeprefix("#")
    cases = visible_cases(user)
    if ref.isascii() and ref.isdigit():
        return cases.filter(pk=int(ref)).first() if len(ref) <= 15 else None
    return cases.filter(reg_no=ref).first() if ref else None


class MergeForm(ActionForm):
    action = Action.MERGE
    danger = True
    submit_label = "并入较早留言"
    target = forms.CharField(label="并入的较早留言", max_length=32,
                             help_text="较早留言的编号（如 2026-000123 或 留言#57）；本留言人将凭原查询码查看该件的办理进展")

    def clean_target(self):
        earlier = find_case(self.user, self.cleaned_data["target"])
        if earlier is None:
            raise forms.ValidationError(f"没有找到留言 {self.cleaned_data['target']}。")
        return earlier


class UnmergeForm(ActionForm):
    action = Action.UNMERGE
    submit_label = "撤销并单"
    reason = forms.CharField(label="撤销理由", widget=forms.Textarea(attrs={"rows": 2}),
                             help_text="撤销后本留言回到待初审，单独办理，并告知留言人")


class ClassifyForm(ActionForm):
    action = Action.CLASSIFY
    msg_type = forms.ChoiceField(label="留言类型")
    domain = forms.ChoiceField(label="领域", choices=Domain.choices)
    urgency = forms.ChoiceField(label="缓急", choices=Urgency.choices, initial=Urgency.NORMAL)
    identity_withheld = forms.BooleanField(label="留言反映承办单位问题：对承办单位隐去留言人信息", required=False)

    def setup(self):
        self.fields["msg_type"].choices = [(t, MESSAGE_TYPES[t]) for t in self.policy.message_types]
        for name in ("msg_type", "domain", "urgency", "identity_withheld"):
            value = getattr(self.case, name, None)
            if value not in (None, ""):
                self.fields[name].initial = value


class DirectAnswerForm(ActionForm):
    action = Action.DIRECT_ANSWER
    template_kind, template_field = "reply", "body"
    body = forms.CharField(label="答复内容", widget=forms.Textarea(attrs={"rows": 6}))
    knowledge = forms.IntegerField(label="知识库条目", required=False, min_value=1, widget=forms.HiddenInput)  # the entry used

    @classmethod
    def offered(cls, policy, case, roles):
        return case.msg_type == "consult"  # only a consultation is answered by the center


class DispatchForm(ActionForm):
    action = Action.DISPATCH
    lead = forms.ModelChoiceField(label="牵头单位", queryset=Unit.objects.none(), empty_label="请选择")
    instructions = forms.CharField(label="交办意见", required=False, widget=forms.Textarea(attrs={"rows": 2}),
                                   help_text="对牵头单位的要求，如办理重点、须会同的单位；承办单位在留言页和承办单上看到")
    co = UnitsField(label="配合单位", queryset=Unit.objects.none(), required=False,
                                        widget=forms.SelectMultiple(attrs={"size": 6}),
                                        help_text="按住 Ctrl 可多选")
    co_instructions = forms.CharField(label="对配合单位的交办意见", required=False, widget=forms.Textarea(attrs={"rows": 2}),
                                      help_text="配合单位须提供的意见或材料")
    legal_review = forms.BooleanField(label="须法制审核", required=False,
                                      help_text="答复须经承办单位领导记录法制审核后方可报送（池州第九条(五)）")

    @classmethod
    def offered(cls, policy, case, roles):
        return pending_dispute(case) is None  # a disputed return is decided first (派单异议)

    def setup(self):
        self.fields["lead"].queryset = self.fields["co"].queryset = dispatchable_units()
        # offered only where the policy has 法制审核, and only as the case is first dispatched
        if self.action != Action.DISPATCH or self.policy is None or not self.policy.sign_off.legal_review:
            del self.fields["legal_review"]

    def clean(self):
        data = super().clean()
        if data.get("lead") and data.get("lead") in (data.get("co") or []):
            self.add_error("co", "牵头单位不必再选为配合单位。")
        if (data.get("co_instructions") or "").strip() and not data.get("co"):
            self.add_error("co_instructions", "未选配合单位：请先选择配合单位，或清空这项意见。")
        return data

    def params(self):
        return {
            "lead": self.cleaned_data["lead"], "co": list(self.cleaned_data.get("co") or []),
            "instructions": self.cleaned_data.get("instructions", ""), "co_instructions": self.cleaned_data.get("co_instructions", ""),
            **({"legal_review": self.cleaned_data.get("legal_review", False)} if "legal_review" in self.fields else {}),
        }


class RecallForm(ActionForm):
    action = Action.RECALL
    danger = True
    submit_label = "撤回交办"
    reason = forms.CharField(label="撤回理由", widget=forms.Textarea(attrs={"rows": 2}),
                             help_text="承办单位认领前可撤回；撤回后本件回到待交办")


class ReassignForm(DispatchForm):
    action = Action.REASSIGN
    danger = True
    submit_label = "改派"
    field_order = ["lead", "reason", "instructions", "co", "co_instructions"]
    reason = forms.CharField(label="改派理由", widget=forms.Textarea(attrs={"rows": 2}),
                             help_text="原承办单位的交办结束，新牵头单位重新起算办理期限")

    def setup(self):
        super().setup()
        self.fields["lead"].label = "改派至"
        self.fields["lead"].queryset = dispatchable_units().exclude(pk=self.case.lead_unit_id)

    def params(self):
        return {**super().params(), "reason": self.cleaned_data["reason"]}


class ClaimForm(ActionForm):
    action = Action.CLAIM


class ReturnForm(ActionForm):
    action = Action.RETURN
    danger = True

    @classmethod
    def offered(cls, policy, case, roles):
        rule = policy.return_rule
        in_window = case.return_due_at is not None and timezone.now() < case.return_due_at
        return rule.allowed and in_window and (not rule.signer_roles or bool(roles & set(rule.signer_roles)))
    reason = forms.CharField(label="退办原因", widget=forms.Textarea(attrs=TEXT))
    basis = forms.CharField(label="退办依据", widget=forms.Textarea(attrs={"rows": 2}), required=False,
                            help_text="如职责规定、文件条款")
    matter = forms.TypedChoiceField(label="引用派单目录事项（派单异议）", required=False, coerce=int, empty_value=None,
                                    help_text="该事项在目录中属其他单位，或目录应当修订；不填依据则以目录条目为依据，由中心审核")

    def setup(self):
        self.fields["matter"].choices = [("", "不引用"), *matters_for_choice()]


class CoInputForm(ActionForm):
    action = Action.CO_INPUT
    text = forms.CharField(label="配合意见", widget=forms.Textarea(attrs=TEXT))


class DraftForm(ActionForm):
    action = Action.DRAFT
    template_kind, template_field = "reply", "body"
    body = forms.CharField(label="答复内容", widget=forms.Textarea(attrs={"rows": 8}))
    handler_name = forms.CharField(label="经办人", max_length=60, required=False)
    handler_phone = forms.CharField(label="经办人电话", max_length=40, required=False)

    def setup(self):
        if self.user is not None:
            self.fields["handler_name"].initial = self.user.get_full_name() or self.user.get_username()
        if self.policy.publication.show_handler_contact:
            self.fields["handler_name"].required = self.fields["handler_phone"].required = True
            self.fields["handler_phone"].help_text = "本制度公开答复时公布经办人联系方式"
        # A draft sent back (退回重办) or returned by the leader (退回修改) is worked on, not rewritten:
        # the form starts from this unit's latest draft, with the reason it came back above it.
        loaded = page_rows(self.case)
        if loaded is not None:
            last = next((r for r in loaded.replies if r.unit_id == self.case.lead_unit_id and not r.by_center), None)
        else:
            last = self.case.replies.filter(unit_id=self.case.lead_unit_id, by_center=False).order_by("-version").first()
        if last is not None:
            self.fields["body"].initial = last.body
            for name in ("handler_name", "handler_phone"):
                if getattr(last, name):
                    self.fields[name].initial = getattr(last, name)
        self.notice = came_back_because(self.case)


def came_back_because(case) -> str:
    """Why the latest draft came back to the handler, if it did and has not been redrafted since."""
    moves = [Action.DRAFT, Action.SEND_BACK, Action.RETURN_DRAFT]
    loaded = page_rows(case)
    if loaded is not None:
        ev = next((e for e in reversed(loaded.events) if e.action in moves), None)
    else:
        ev = case.events.filter(action__in=moves).order_by("-seq").first()
    if ev is None or ev.action == Action.DRAFT:
        return ""
    data = ev.data or {}
    who = "审核员退回重办" if ev.action == Action.SEND_BACK else "单位领导退回修改"
    return f"{who}（{ev.actor_name or '—'}，{timezone.localtime(ev.at):%m-%d %H:%M}）：{data.get('reason') or data.get('comment') or ''}"


class SignOffForm(ActionForm):
    action = Action.SIGN_OFF
    sealed = forms.BooleanField(label="已加盖单位公章", required=False)

    @classmethod
    def offered(cls, policy, case, roles):
        return signs_here(policy, case, roles)

    def setup(self):
        if self.policy.sign_off.seal:
            self.fields["sealed"].required = True
            self.fields["sealed"].error_messages["required"] = "答复须加盖单位公章。"


def signs_here(policy: Policy, case, roles: AbstractSet[str]) -> bool:
    """The policy has the unit sign this case's answer, and these roles may sign it."""
    level = policy.sign_off.level_for(case.channel)
    return level is not None and (level != "principal" or "unit_principal" in roles)


class ReturnDraftForm(ActionForm):
    action = Action.RETURN_DRAFT
    danger = True
    submit_label = "退回修改"
    comment = forms.CharField(label="修改意见", widget=forms.Textarea(attrs=TEXT),
                              help_text="不审签，退回经办人修改；答复稿保留，经办人在此基础上修改")

    @classmethod
    def offered(cls, policy, case, roles):
        return signs_here(policy, case, roles)


class SubmitForm(ActionForm):
    action = Action.SUBMIT

    @classmethod
    def offered(cls, policy, case, roles):
        if policy.sign_off.level_for(case.channel) is not None and case.state != State.SIGNED:
            return False
        follow = policy.follow_up
        if follow.contact_before_handling and reachable(case) and not contacted_before_handling(case):
            return False  # 办前联系 first (Xizang 第五条(二)); its form is offered instead
        if legal_review_pending(policy, case):
            return False  # 法制审核 first (Chizhou 第九条(五)); its form is offered to the unit's leaders
        return not (follow.callback_before_submit and reachable(case) and not called_back(case))


class ApproveForm(ActionForm):
    action = Action.APPROVE

    @classmethod
    def offered(cls, policy, case, roles):
        # where a leader approves (Xizang 第五条(二)), only what the reviewer has prepared
        return policy.review.final_approver is None or case.prepared_at is not None

    def setup(self):
        if self.policy.review.final_approver:
            self.submit_label = "审定通过"


class PrepareForm(ActionForm):
    """整理报审 (Xizang 第五条(二)): the reviewer hands the answer up for the leader's 审定."""

    action = Action.PREPARE

    @classmethod
    def offered(cls, policy, case, roles):
        return policy.review.final_approver is not None and case.prepared_at is None

    def setup(self):
        title = self.policy.review.approver_title or "领导"
        self.submit_label = f"整理完毕，报{title}审定"
        self.notice = f"公开文本的隐去可在下方调整；报{title}审定后，由其审定通过或退回重新整理。"


class ReturnPreparedForm(ActionForm):
    """The approver sends the prepared answer back to the reviewer, with what to change."""

    action = Action.RETURN_PREPARED
    danger = True
    submit_label = "退回重新整理"
    reason = forms.CharField(label="审定意见", widget=forms.Textarea(attrs={"rows": 3}),
                             help_text="退回审核员重新整理；须承办单位重办的，由审核员退回承办单位")

    @classmethod
    def offered(cls, policy, case, roles):
        return policy.review.final_approver is not None and case.prepared_at is not None


class SendBackForm(ActionForm):
    action = Action.SEND_BACK
    danger = True

    @classmethod
    def offered(cls, policy, case, roles):
        return case.prepared_at is None  # handed up for 审定: it comes back to the reviewer first
    reason = forms.CharField(label="退回重办的理由", widget=forms.Textarea(attrs=TEXT),
                             help_text="如答非所问、敷衍塞责，说明须补充的内容")
    fault = forms.ChoiceField(label="答复质量问题", required=False, widget=forms.RadioSelect)

    def setup(self):
        # the faults the policy names; one of them starts its ladder (a 催办单, 督办通知 …) at once
        rule = self.policy.escalation
        if not rule.quality_faults:
            del self.fields["fault"]
            return
        step = ""
        if rule.quality_step is not None:
            letter = rule.quality_step.letter
            step = f"，并拟制《{letter}》报领导审批" if letter and rule.quality_step.needs_leader else (
                f"，并向承办单位发出《{letter}》" if letter else "，并启动督办")
        self.fields["fault"].choices = [("", "不属以下情形")] + [(f, QUALITY_FAULTS[f]) for f in rule.quality_faults]
        self.fields["fault"].initial = ""
        self.fields["fault"].help_text = f"选中的情形记入办理记录{step}"


class PublishForm(ActionForm):
    action = Action.PUBLISH
    mode = forms.ChoiceField(label="答复方式", choices=PublishMode.choices, widget=forms.RadioSelect)
    public_note = forms.CharField(label="公开说明", required=False, widget=forms.Textarea(attrs={"rows": 2}),
                                  help_text="不公开答复时必填：对该留言作出说明")
    places = forms.MultipleChoiceField(label="已发布到", required=False, widget=forms.CheckboxSelectMultiple,
                                       help_text="公开答复时勾选答复实际发布的位置，记入办理记录")

    @classmethod
    def offered(cls, policy, case, roles):
        rule = policy.publication
        if not roles & set(rule.publisher_roles):
            return False
        return (rule.public_allowed and case.may_publish) or rule.private_allowed

    def setup(self):
        modes = []
        if self.policy.publication.public_allowed and self.case.may_publish:
            modes.append(PublishMode.PUBLIC)
        if self.policy.publication.private_allowed:
            modes.append(PublishMode.PRIVATE)
        self.fields["mode"].choices = [(m.value, m.label) for m in modes] or PublishMode.choices
        self.fields["mode"].initial = modes[0].value if modes else None
        rule = self.policy.publication
        places = rule.places_for(self.case.channel) if PublishMode.PUBLIC in modes else ()
        if not places:
            del self.fields["places"]
            return
        # where the answer must be put, in whose name, and what it names (publication.places …)
        self.fields["places"].choices = [(p, CHANNELS.get(p, p)) for p in places]
        self.fields["places"].initial = list(places)
        signed = "以承办单位名义" if rule.in_unit_name else "以中心名义"
        shown = "，公布承办单位及回复日期" if rule.show_unit else ""
        contact = "、经办人联系方式" if rule.show_unit and rule.show_handler_contact else ""
        self.notice = f"公开答复须发布在：{'、'.join(CHANNELS.get(p, p) for p in places)}（{signed}答复{shown}{contact}）。"


class CallbackForm(ActionForm):
    action = Action.CALLBACK

    @classmethod
    def offered(cls, policy, case, roles):
        if policy.follow_up.callback_by_unit and case.lead_unit_id:
            return "unit_handler" in roles
        return True
    callback_note = forms.CharField(label="回访情况", widget=forms.Textarea(attrs=TEXT))

    def params(self):
        # apply() keeps `note` for the event; the callback effect reads it from there.
        return {"note": self.cleaned_data["callback_note"]}


class ContactWriterForm(ActionForm):
    """办前联系 (Xizang 第五条(二)): offered only where the policy asks it, while it is not yet recorded."""

    action = Action.CONTACT_WRITER
    submit_label = "记录办前联系"
    contact_note = forms.CharField(label="办前联系情况", widget=forms.Textarea(attrs=TEXT),
                                   help_text="何时以何种方式联系留言人，了解到的诉求和约定")

    @classmethod
    def offered(cls, policy, case, roles):
        return policy.follow_up.contact_before_handling and reachable(case) and not contacted_before_handling(case)

    def params(self):
        return {"note": self.cleaned_data["contact_note"]}


class ReopenForm(ActionForm):
    action = Action.REOPEN
    reason = forms.CharField(label="重新办理的原因", widget=forms.Textarea(attrs=TEXT))

    def setup(self):
        if found_not_done(self.case):  # 回头看 found the measures not carried out: the usual reason
            self.fields["reason"].initial = "回头看核查：办理措施未落实，重新交办。"


class ArchiveForm(ActionForm):
    action = Action.ARCHIVE

    @classmethod
    def offered(cls, policy, case, roles):
        return not (case.callback_due and reachable(case))


class InstructForm(ActionForm):
    action = Action.INSTRUCT
    text = forms.CharField(label="批示内容", widget=forms.Textarea(attrs=TEXT))
    leader_name = forms.CharField(label="批示领导", max_length=60, required=False)


class ExplainDelayForm(ActionForm):
    action = Action.EXPLAIN_DELAY
    reason = forms.CharField(label="逾期理由", widget=forms.Textarea(attrs=TEXT))

    @classmethod
    def offered(cls, policy, case, roles):
        return may_explain_delay(case, timezone.now())


class NoteForm(ActionForm):
    action = Action.NOTE
    submit_label = "添加内部批注"
    text = forms.CharField(label="内部批注", widget=forms.Textarea(attrs={"rows": 3}),
                           help_text="中心和承办、配合单位的工作人员可见，不向留言人公开")

    def params(self):
        return {"note": self.cleaned_data["text"]}


class CenterUrgeForm(ActionForm):
    action = Action.CENTER_URGE
    submit_label = "催办"
    text = forms.CharField(label="催办说明", required=False, widget=forms.Textarea(attrs={"rows": 2}),
                           help_text="如电话、短信催办的情况；计入催办次数")

    def params(self):
        return {"note": self.cleaned_data["text"]}


def _descendants(cls: type[ActionForm]):
    for sub in cls.__subclasses__():
        yield sub
        yield from _descendants(sub)


FORMS: dict[Action, type[ActionForm]] = {cls.action: cls for cls in _descendants(ActionForm)}
