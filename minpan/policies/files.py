"""A policy as a TOML file: a sixth city without code.

`dump` writes a policy with every rule, each under the comment that cites its article (read from
the preset's source, where the articles are written once); `load` reads one back, checking every
key and value against rules.Policy and naming the key and line of the first mistake. Each preset
dumped and loaded again is equal to itself (tests/test_policy_files.py).

TOML has no null: a rule that is not set (no limit, no reminder) is written as a commented-out
key and read back as absent; in per_channel, "none" means no sign-off for that channel.
Pure: no Django, so settings can load MINPAN_POLICY=/path/city.toml at start-up."""
from __future__ import annotations

import dataclasses
import inspect
import re
import tomllib
import types
import typing
from pathlib import Path

from .codes import CHANNELS, MESSAGE_TYPES, NOT_ACCEPTED_REASONS, QUALITY_FAULTS
from .paths import unknown_paths
from .rules import BULLETIN_KINDS, JUDGEMENT_KINDS, ORIGIN, Policy, Step

ROLES = ("center_operator", "center_reviewer", "supervisor", "city_leader", "admin",
         "unit_handler", "unit_principal", "unit_deputy")
STEP_KINDS = ("urge", "supervise", "transfer", "criticise", "account")
# keys whose strings must be one of these (the codes the rest of the system knows)
CHOICES: dict[str, tuple[str, ...]] = {
    "channels": tuple(CHANNELS), "message_types": tuple(MESSAGE_TYPES), "not_accepted_reasons": tuple(NOT_ACCEPTED_REASONS),
    "quality_faults": tuple(QUALITY_FAULTS), "kinds": BULLETIN_KINDS,
    "approver_role": ROLES, "requester_roles": ROLES, "signer_roles": ROLES, "endorser_roles": ROLES, "publisher_roles": ROLES,
    "final_approver": ("city_leader",),  # the transition table gives 审定 (approve) to no other role
    "recipient": ROLES, "kind": STEP_KINDS, "by": ("inbox", "phone", "sms"), "per_channel": tuple(CHANNELS), "places": (*CHANNELS, ORIGIN),
}
NONE = "none"
# what each key means, written after it in the template
HELP = {
    "name": "制度代号（英文小写，留言记录按此代号引用制度）", "title": "制度名称", "document": "依据的文件名称",
    "answer_working_days": "答复时限（工作日）", "clock_start": "计时起点：receipt 收到承办单、claim 认领",
    "message_types": "留言类型", "not_accepted_reasons": "不予受理的情形", "channels": "受理渠道",
    "unit_sees_identity": "承办单位可见留言人姓名和联系方式",
    "allowed": "是否允许", "max_count": "最多批准几次", "max_days_each": "每次最多延长的工作日",
    "max_days_total": "累计最多延长的工作日", "total_limit_days": "含延期在内的总时限（工作日）",
    "approver_role": "审批角色", "requester_roles": "可申请的角色", "before_deadline": "须在期限届满前申请",
    "needs_promised_date": "须承诺办结日期", "needs_basis": "须说明依据",
    "endorser_roles": "逐级：经办人的申请须先经这些单位领导签批（空：直接报中心）",
    "needs_progress": "延期申请须报告工作进度", "explain_late_to_writer": "逾期后申请延期须写明向留言人的解释",
    "final_approver": "审定角色：审核员整理后报此角色审定（未设定：审核员审核通过即可）",
    "approver_title": "审定人的称谓（如 秘书长）",
    "window_working_days": "退办期限：0 为收到当日，N 为 N 个工作日内", "signer_roles": "须签字的角色（空：经办人即可）",
    "lead_working_days": "期限前几个工作日提醒", "recipient": "提醒对象的角色", "until_published": "报送后至发布前也提醒",
    "by": "催办方式：inbox 系统提醒、phone 电话、sms 短信（电话、短信由中心催办后记录）",
    "level": "审签层级：principal 主要负责人、deputy 分管领导", "per_channel": "按渠道的审签层级（\"none\" 为不审签）",
    "seal": "须加盖公章", "legal_review": "标记须法制审核的留言，报送前须记录法制审核",
    "public_allowed": "可公开答复", "private_allowed": "可不公开、直接答复本人",
    "same_day": "审核通过当日发布", "publisher_roles": "发布答复的角色", "show_handler_contact": "公开经办人联系方式",
    "places": "答复发布的位置（渠道代号；origin 为留言来源渠道）", "in_unit_name": "以承办单位名义答复（否：以中心名义）",
    "show_unit": "公开答复公布承办单位及回复日期",
    "rating": "网民评价", "callback_by_unit": "承办单位回访", "callback_before_submit": "报送前须回访",
    "contact_before_handling": "办理前须联系留言人", "transfer_to": "移交对象", "supervised_on_site": "领导批示件实地督查",
    "report_to_leader": "一事一报：中心可将疑难复杂事项报请市领导批示",
    "look_back": "对已办结事项抽查“回头看”，核查办理措施落实情况",
    "supervised_extra_lead_days": "督办事项提前几个工作日提醒", "kind": "步骤：urge 催办、supervise 督办、transfer 移交、criticise 通报批评、account 问责",
    "after_days": "逾期几个工作日后", "letter": "出具的文书", "needs_leader": "须领导审批后印发",
    "unless_explained": "单位已说明逾期理由的不执行", "min_prompts": "此前至少已提醒、催办几次",
    "requires_handler": "答复须写明经办人", "requires_contact": "答复须留联系电话", "requires_result_or_basis": "答复须有办理结果或依据",
    "min_chars": "答复最少字数", "handler_article": "经办人要求的条款", "result_article": "办理结果要求的条款",
    "quality_article": "答非所问、敷衍塞责的条款",
    "city_settings": "本市设定：文件未作规定、由本市确定取值的规则（写规则的路径，如 \"escalation.steps[1].after_days\"）",
    "hard_case_explained": "情况特殊、难以办结的留言，经交办单位同意后答复可为向网民所作的解释（不要求办理结果）",
    "coordination_meetings": "中心可记录专题协调会议：明确牵头和责任单位，会议确定的日期即为办理期限",
    "basis": "单位考核的依据条款",
    "start_score": "考核基础分（每个考核期）", "overdue_points": "每件逾期（应办结期限届满未答复）扣分",
    "send_back_points": "每次退回重办扣分", "quality_points": "每次因文件所列答复质量问题退回扣分（不再按退回重办扣）",
    "prompt_points": "每次到期前提醒、电话催办扣分", "urge_points": "每次逾期催办、督办扣分",
    "criticism_points": "每次通报批评扣分", "extension_points": "每次批准延期扣分",
    "unsatisfied_points": "每件网民评价不满意扣分", "look_back_points": "每件“回头看”核查措施未落实扣分",
    "on_time_points": "每件按期办结加分", "min_cases": "考核期内期限届满的留言少于此数的单位不参与排名",
    "kinds": "通报的内容：overdue 逾期办理的单位、perfunctory 答复敷衍被退回重办的单位、exemplary 表扬办理好的单位（空：不通报）",
    "every": "通报周期：month 每月、quarter 每季度", "heading": "通报的名称（如 督查通报）",
    "praise_min_cases": "表扬：期内到期留言不少于几件", "praise_on_time_percent": "表扬：按时办结率不低于（%）",
    "praise_satisfied_percent": "表扬：满意率不低于（%，须有评价）", "article": "规定通报的条款",
    "quality_faults": ("文件所列答复质量问题：off_topic 答非所问、perfunctory 敷衍塞责、buck_passing 推诿扯皮、"
                       "light_action 重答轻办、poor_result 质量不高效果不好"),
}


class PolicyFileError(ValueError):
    pass


# ---- writing ----------------------------------------------------------------------------------


def dump(policy: Policy, comments: dict[str, list[str]] | None = None) -> str:
    """The policy as TOML. `comments` maps a key path ("extension", "extension.max_days_each") to
    the comment lines written above it (default: the preset's own, when it is one)."""
    comments = comments if comments is not None else preset_comments(policy.name)
    out = [f"# 办理制度：{policy.title}", f"# 依据：{policy.document}",
           "# 由 `minpan policy new` 生成；修改后以 MINPAN_POLICY=/路径/本文件.toml 启用。", ""]
    nested = []
    city = set(policy.city_settings)
    for f in dataclasses.fields(Policy):
        value = getattr(policy, f.name)
        if dataclasses.is_dataclass(value):
            nested.append((f.name, value))
        else:
            out += _key(f.name, value, comments.get(f.name, []), f.name in city)
    for name, value in nested:
        out += ["", *_comment(comments.get(name, [])), f"[{name}]"]
        steps, tables = [], []
        for f in dataclasses.fields(value):
            item = getattr(value, f.name)
            if f.name == "steps":
                steps = list(item)
                continue
            if dataclasses.is_dataclass(item):
                tables.append((f.name, item))  # a table of its own, after this table's keys
                continue
            if f.name == "per_channel":
                table = ", ".join(f"{k} = {_value(v if v is not None else NONE)}" for k, v in item.items())
                out += _comment(comments.get(f"{name}.{f.name}", [])) + [f"per_channel = {{ {table} }}    # {HELP['per_channel']}"]
                continue
            out += _key(f.name, item, comments.get(f"{name}.{f.name}", []), f"{name}.{f.name}" in city)
        for i, step in enumerate(steps):
            out += ["", f"[[{name}.steps]]"]
            for f in dataclasses.fields(Step):
                out += _key(f.name, getattr(step, f.name), [], f"{name}.steps[{i}].{f.name}" in city)
        for key, inner in tables:
            out += ["", *_comment(comments.get(f"{name}.{key}", [])), f"[{name}.{key}]"]
            for f in dataclasses.fields(inner):
                out += _key(f.name, getattr(inner, f.name), [], f"{name}.{key}.{f.name}" in city)
    return "\n".join(out) + "\n"


def _comment(lines: list[str]) -> list[str]:
    # the presets' notes to developers ("Not yet a setting…") are not the city's business
    return [f"# {c}" for c in lines if not c.startswith("Not yet a setting")]


def _key(name: str, value, comment: list[str], city_set: bool = False) -> list[str]:
    # 本市设定: the document leaves this value open (Policy.city_settings)
    help_text = HELP.get(name, "") + ("【本市设定】" if city_set else "")
    if value is None:
        return [*_comment(comment), f"# {name} =    # {help_text}（未设定：不限或不适用；需要时去掉行首 # 并填写）"]
    return [*_comment(comment), f"{name} = {_value(value)}    # {help_text}"]


def _value(value) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int):
        return str(value)
    if isinstance(value, str):
        return '"' + value.replace("\\", "\\\\").replace('"', '\\"') + '"'
    if isinstance(value, (tuple, list)):
        return "[" + ", ".join(_value(v) for v in value) + "]"
    raise TypeError(f"cannot write {value!r} as TOML")


def preset_comments(name: str) -> dict[str, list[str]]:
    """The comments written above each keyword in the preset module's Policy(...): its articles."""
    try:
        module = __import__(f"minpan.policies.presets.{name}", fromlist=["POLICY"])
        source = inspect.getsource(module)
    except (ImportError, OSError):
        return {}
    found: dict[str, list[str]] = {}
    pending: list[str] = []
    parent = ""
    for line in source.splitlines():
        comment = re.match(r"^( {4,8})# ?(.*)$", line)
        if comment:
            pending.append(comment.group(2))
            continue
        top = re.match(r"^ {4}(\w+)=", line)
        inner = re.match(r"^ {8}(\w+)=", line)
        if top:
            parent = top.group(1)
            found.setdefault(parent, []).extend(pending)
        elif inner and parent:
            found.setdefault(f"{parent}.{inner.group(1)}", []).extend(pending)
        elif pending and parent and line.strip() in (")", "),"):
            found.setdefault(parent, []).extend(pending)  # a note at the end of a block
        pending = []
    return found


# ---- reading ----------------------------------------------------------------------------------


def load_file(path: str | Path) -> Policy:
    path = Path(path)
    try:
        text = path.read_text(encoding="utf-8-sig")
    except FileNotFoundError:
        raise PolicyFileError(f"找不到办理制度文件：{path}") from None
    except UnicodeDecodeError:
        raise PolicyFileError(f"办理制度文件不是 UTF-8 编码：{path}") from None
    return load(text, source=str(path))


def load(text: str, source: str = "办理制度文件") -> Policy:
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise PolicyFileError(f"{source}：TOML 格式错误（{exc}）") from None
    reader = _Reader(text, source)
    policy = reader.build(Policy, data, "")
    for path in unknown_paths(policy):
        reader.fail("city_settings", f"{path!r} 不是本制度的规则（写法如 \"escalation.steps[1].after_days\"）")
    return policy


class _Reader:
    def __init__(self, text: str, source: str):
        self.lines = text.splitlines()
        self.source = source

    def fail(self, path: str, message: str) -> typing.NoReturn:
        line = self.line_of(path)
        where = f"第 {line} 行 " if line else ""
        raise PolicyFileError(f"{self.source}：{where}{path}：{message}")

    def line_of(self, path: str) -> int | None:
        """The line where the key is written: under its [table] (the nth [[table]]) when in one."""
        parts = path.split(".")
        key = re.sub(r"\[\d+\]$", "", parts[-1])
        if len(parts) == 1:
            start, end = 0, self._next_header(0)
        else:
            table = ".".join(re.sub(r"\[\d+\]$", "", p) for p in parts[:-1])
            nth = re.search(r"\[(\d+)\]$", parts[-2])
            heads = [i for i, line in enumerate(self.lines)
                     if re.match(rf"^\s*\[\[?\s*{re.escape(table)}\s*\]\]?\s*(#.*)?$", line)]
            if not heads:
                return self.line_of(parts[0]) if len(parts) > 1 else None
            head = heads[min(int(nth.group(1)) if nth else 0, len(heads) - 1)]
            start, end = head + 1, self._next_header(head + 1)
        for i in range(start, end):
            if re.match(rf"^\s*{re.escape(key)}\s*=", self.lines[i]):
                return i + 1
        return start or None  # the table's own header line

    def _next_header(self, i: int) -> int:
        for j in range(i, len(self.lines)):
            if re.match(r"^\s*\[", self.lines[j]):
                return j
        return len(self.lines)

    def build(self, cls, data, prefix: str):
        if not isinstance(data, dict):
            self.fail(prefix.rstrip("."), "应为一个表（[表名]）")
        hints = typing.get_type_hints(cls)
        names = {f.name for f in dataclasses.fields(cls)}
        for key in data:
            if key not in names:
                self.fail(f"{prefix}{key}", f"未知的规则。可用：{', '.join(sorted(names))}")
        kwargs: dict[str, object] = {}
        for f in dataclasses.fields(cls):
            path = f"{prefix}{f.name}"
            if f.name not in data:
                if f.default is dataclasses.MISSING and f.default_factory is dataclasses.MISSING:
                    if _optional(hints[f.name]):
                        kwargs[f.name] = None
                        continue
                    self.fail(path, "缺少此项")
                continue
            kwargs[f.name] = self.value(hints[f.name], data[f.name], path, f.name)
        if cls is Step and kwargs.get("kind") in JUDGEMENT_KINDS and not kwargs.get("needs_leader"):
            self.fail(f"{prefix}needs_leader", "移交、通报批评、问责须由市政府领导审定：应为 true（拟稿报领导同意后印发）")
        return cls(**kwargs)

    def value(self, hint, raw, path: str, name: str):
        origin = typing.get_origin(hint)
        if origin in (typing.Union, types.UnionType):
            inner = [a for a in typing.get_args(hint) if a is not type(None)]
            return self.value(inner[0], raw, path, name)
        if dataclasses.is_dataclass(hint):
            return self.build(hint, raw, f"{path}.")
        if origin is typing.Literal:
            allowed = typing.get_args(hint)
            if raw not in allowed:
                self.fail(path, f"应为 {' 或 '.join(map(repr, allowed))} 之一，现为 {raw!r}")
            return raw
        if origin is tuple:
            item = typing.get_args(hint)[0]
            if not isinstance(raw, list):
                self.fail(path, f"应为列表，例如 [\"a\", \"b\"]，现为 {raw!r}")
            if dataclasses.is_dataclass(item):
                return tuple(self.build(item, r, f"{path}[{i}].") for i, r in enumerate(raw))
            return tuple(self.value(item, r, path, name) for r in raw)
        if origin is dict:
            if not isinstance(raw, dict):
                self.fail(path, "应为表，例如 { people_daily = \"principal\" }")
            out = {}
            for channel, level in raw.items():
                if channel not in CHOICES[name]:
                    self.fail(path, f"未知的渠道 {channel!r}")
                if level not in ("principal", "deputy", NONE):
                    self.fail(path, f"{channel} 的审签层级应为 \"principal\"、\"deputy\" 或 \"none\"，现为 {level!r}")
                out[channel] = None if level == NONE else level
            return out
        if hint is bool:
            if not isinstance(raw, bool):
                self.fail(path, f"应为 true 或 false，现为 {raw!r}")
            return raw
        if hint is int:
            if isinstance(raw, bool) or not isinstance(raw, int):
                self.fail(path, f"应为整数，现为 {raw!r}")
            if raw < 0 or raw > 366:
                self.fail(path, f"应在 0 到 366 之间，现为 {raw}")
            return raw
        if hint is str:
            if not isinstance(raw, str):
                self.fail(path, f"应为文字（加引号），现为 {raw!r}")
            if name in CHOICES and raw not in CHOICES[name]:
                self.fail(path, f"未知的取值 {raw!r}。可用：{', '.join(CHOICES[name])}")
            return raw
        raise TypeError(f"no reader for {hint!r}")


def _optional(hint) -> bool:
    return type(None) in typing.get_args(hint)
