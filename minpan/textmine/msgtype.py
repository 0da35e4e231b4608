"""Message type (留言类型: 咨询、反映、投诉、求助、建议、监督意见、其它) of a message. Pure: no Django models.

There is no labelled data for message types, so the first suggestion comes from cue rules a
person can read and argue with: words that say what the writer wants (请问 → an answer,
举报 → an investigation, 建议 → a change, 求助 → help for themselves). Once staff have typed
enough cases, a classifier learnt from them (the domain classifier's model on other labels)
replaces the rules; it is stored like the domain model, under MODELS_DIR/msgtype/.

The five documents name different sets of types (Xizang 咨询、投诉、求助、建议、其它; Yuncheng
咨询、反映、投诉、建议、求助; Tongliao adds 监督意见): `rank` only returns the types the case's
policy allows, moving the weight of a type it lacks to the nearest one it has.
"""
from __future__ import annotations

import re
from collections import Counter
from pathlib import Path

from minpan.policies.codes import MESSAGE_TYPES

from . import classify
from .normal import normalise

RULES_VERSION = "rules-2"
KIND = "msgtype"  # the artefact folder under MODELS_DIR
MIN_ROWS = 200  # staff-typed cases before a learnt model is trusted over the rules
MIN_TYPES = 2

# (type, pattern, weight in the title, weight in the body). The title is where writers say what
# they want ("咨询…", "投诉…", "关于…的建议"); in a long body, questions are often rhetorical
# (“这合理吗？”) and count little or nothing.
CUES: list[tuple[str, str, float, float]] = [
    ("consult", r"咨询|请教|询问", 6, 2),
    ("consult", r"请问|想问|问一下|问问", 4, 1),
    ("consult", r"怎么办理|如何办理|怎样办理|如何申请|怎么申请|办理流程|需要哪些|需要什么(材料|资料|手续|条件)|去哪|哪个部门|哪些部门", 4, 2),
    ("consult", r"能否|可否|能不能|可不可以|是否|有没有|什么时候|何时|吗[?？]|属不属于|算不算|是不是", 2, 0),
    ("complaint", r"投诉|举报|揭发|揭露", 6, 3),
    ("complaint", r"乱收费|强制收|强行收|违规收|多收|滥收|加收|敛财|克扣|拖欠|欺诈|诈骗|欺骗|坑人|霸王", 4, 2),
    ("complaint", r"不作为|严查|彻查|查处|严惩|追究|拒载|体罚|偷排|偷工减料|非法|违法|违规|违建|侵占|强占|霸占|垄断", 3, 1.5),
    ("complaint", r"污染|扰民|噪音|收费|居然|竟然|凭什么|态度(差|恶劣|蛮横)|维权|讨说法|给个说法|还.{0,6}公道", 2, 1),
    ("report", r"反映|反应", 4, 2),
    ("report", r"隐患|迟迟|太差|太少|太高|太早|太晚|太贵|不便|困扰|急需|亟需|亟待|频繁|故障|停电|停水|坏了|不亮|积水|破损|拥堵", 2, 1),
    ("help", r"求助|求援|救助|救济|帮帮|求求|走投无路|无能为力|无助|生活困难|家庭困难", 6, 3),
    ("help", r"请求(帮助|解决|认定|领导)|帮我|帮忙|做主|工伤|讨薪|血汗钱|养老保险没|没有着落", 4, 2),
    ("suggestion", r"建议|倡议|呼吁", 6, 3),
    ("suggestion", r"(能否|可否|能不能|可不可以)(给|实行|增加|增设|开通|设立|建|有|把|将|尽快|提高|取消)", 4, 0),
    ("suggestion", r"希望.{0,12}能|增设|增开|应该|应当|应(优先|尽快|加强)|提一提|改进|完善", 2, 1),
    ("supervision", r"作风|腐败|贪污|受贿|违纪|滥用职权|失职|渎职|懒政|不干事|纪委|纪检", 4, 2),
    ("supervision", r"监督", 2, 0.5),
]
# With no cue at all a message most often reports a problem; "other" keeps a little weight
# so it is always among the alternatives a policy without 反映 can fall back on.
PRIOR = {"report": 0.5, "other": 0.2}
SMOOTHING = 0.5  # added to every type before the shares: one weak cue is not 90 % certainty

# Where a type's weight goes when the policy does not have that type, nearest first.
SUBSTITUTES = {
    "report": ("complaint", "help", "other"),
    "help": ("report", "complaint", "other"),
    "supervision": ("complaint", "report", "other"),
    "complaint": ("report", "supervision", "other"),
    "consult": ("other",),
    "suggestion": ("other",),
    "other": (),
}

_COMPILED = [(t, re.compile(p), wt, wb) for t, p, wt, wb in CUES]
TYPES = tuple(MESSAGE_TYPES)
LABEL_CODES = {label: code for code, label in MESSAGE_TYPES.items()} | {code: code for code in MESSAGE_TYPES}


def cue_scores(title: str, body: str) -> dict[str, float]:
    """Each type's weight of cues found: every cue counts at most once in the title and once in the body."""
    title, body = normalise(title), normalise(body)
    scores = dict.fromkeys(TYPES, 0.0)
    for t, weight in PRIOR.items():
        scores[t] += weight
    for t, pattern, in_title, in_body in _COMPILED:
        if in_title and pattern.search(title):
            scores[t] += in_title
        if in_body and pattern.search(body):
            scores[t] += in_body
    return scores


def restrict(scores: dict[str, float], allowed=None) -> dict[str, float]:
    """The scores moved onto the allowed types (a policy's message_types); all types when None."""
    if allowed is None:
        return dict(scores)
    allowed = [t for t in allowed if t in scores]
    out = dict.fromkeys(allowed, 0.0)
    for t, s in scores.items():
        target = t if t in out else next((x for x in SUBSTITUTES.get(t, ()) if x in out), None)
        if target is not None:
            out[target] += s
    return out


def rank_by_cues(title: str, body: str, *, allowed=None, k: int = 3) -> list[tuple[str, float]]:
    """[(type code, confidence)] best first. Confidences are smoothed shares of the cue weights:
    they order the types and say how one-sided the cues are; they are not calibrated probabilities."""
    scores = restrict(cue_scores(title, body), allowed)
    total = sum(scores.values()) + SMOOTHING * len(scores)
    ranked = sorted(scores.items(), key=lambda kv: (-kv[1], TYPES.index(kv[0])))
    return [(t, round((s + SMOOTHING) / total, 4)) for t, s in ranked[:k]]


def cues_found(title: str, body: str) -> list[tuple[str, str]]:
    """(type, matched text) for every cue found, title first: what the rules saw, for a reader to check."""
    found = []
    for text in (normalise(title), normalise(body)):
        for t, pattern, *_ in _COMPILED:
            found += [(t, m.group(0)) for m in pattern.finditer(text)]
    return found


# ---------------------------------------------------------------- the learnt model

def codes_of(labels) -> list[str]:
    """Type codes for labels given as codes (consult) or names (咨询); ValueError naming the unknown ones."""
    unknown = sorted({y for y in labels if y not in LABEL_CODES})
    if unknown:
        raise ValueError(f"未知的留言类型：{', '.join(unknown)}。可用：{'、'.join(MESSAGE_TYPES.values())}")
    return [LABEL_CODES[y] for y in labels]


def enough(labels) -> bool:
    counts = Counter(labels)
    return len(labels) >= MIN_ROWS and sum(1 for n in counts.values() if n >= 2) >= MIN_TYPES


def train_artefact(titles, bodies, labels, *, source: str, root: Path | None = None, extra: dict | None = None,
                   keep_if_worse_by: float | None = None) -> tuple[Path, dict]:
    """Train on staff-typed messages and store MODELS_DIR/msgtype/<version> (made current unless the guard says no)."""
    codes = codes_of(labels)
    if not enough(codes):
        raise ValueError(f"学习留言类型需要至少 {MIN_ROWS} 条已分类留言、至少 {MIN_TYPES} 种类型；现有 {len(codes)} 条、"
                         f"{len(set(codes))} 种。在此之前按关键词规则建议。")
    return classify.fit_and_store(KIND, titles, bodies, codes, source=source, root=root, extra=extra,
                                  keep_if_worse_by=keep_if_worse_by)


def suggest_msg_type(title: str, body: str, *, allowed=None, k: int = 3) -> tuple[list[tuple[str, float]], str]:
    """([(type code, confidence)], version): the learnt model when one is current, else the cue rules.

    `allowed` (the policy's message_types) drops the types the policy does not use; a learnt
    model's confidences are then renormalised over the rest.
    """
    try:
        model, meta = classify.current_model(kind=KIND)
    except classify.NoModel:
        return rank_by_cues(title, body, allowed=allowed, k=k), RULES_VERSION
    ranked = model.suggest(title, body, k=len(model.classes_))
    if allowed is not None:
        ranked = [(t, p) for t, p in ranked if t in allowed]
        total = sum(p for _, p in ranked) or 1.0
        ranked = [(t, round(p / total, 4)) for t, p in ranked]
    if not ranked:  # the model knows none of this policy's types
        return rank_by_cues(title, body, allowed=allowed, k=k), RULES_VERSION
    return ranked[:k], meta["version"]
