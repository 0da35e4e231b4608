"""Reply check (答复质量检查): does a unit's reply answer the message and say what the policy asks?

Pure: no Django, no database. `check_reply` reads the message (title, body), the reply and the
handler fields, and returns the flags a reviewer should look at, each with a plain Chinese reason.
It never decides: the center reviewer does (Tongliao 第十九条, Xizang 第五条(五): 答非所问、敷衍塞责
的退回重办).

Relevance is the cosine of character-bigram vectors of the message and of the reply after the
reply's quotation of the title is blanked out: replies often open with "针对您反映的<title>的问题",
and that quotation must not count as answering. Bigrams are weighted by an IDF table fitted on
a background corpus (`fit_idf`) when one is given, else uniformly with the formula words below
left out. The thresholds were chosen on half of the 2020 泰迪杯 replies and measured on the other
half (bench/reply_check_eval.py, docs/text-replies.md).
"""
from __future__ import annotations

import math
import re
from collections import Counter
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field

from minpan.policies.rules import ReplyContent

from .normal import normalise

# Below this the reply is flagged as not about the message: the relevance that about 3 % of real
# replies with substance fall below, on the first half of the 2020 泰迪杯 ids (bench/reply_check_eval.py).
IRRELEVANT_BELOW_IDF = 0.017
IRRELEVANT_BELOW_UNIFORM = 0.027
# A run of this many title characters found in the reply is a quotation of the title. Shorter shared
# runs (a place, an estate's name) are kept: they are evidence the reply is about the message.
MIN_TITLE_QUOTE = 8

_CJK_RUN = re.compile(r"[\u4e00-\u9fff]+")
_KEEP = re.compile(r"[^\u4e00-\u9fff0-9a-z]")

# Words every message or reply carries; with no IDF table they would make any two texts look alike.
_GENERIC = (
    "网友 网民 您好 你好 留言 来信 收悉 回复 答复 如下 现将 有关 情况 相关 问题 反映 感谢 谢谢 支持 理解 关心 "
    "监督 关注 工作 我们 您的 你的 领导 尊敬 希望 请求 请问 部门 单位 进行 已经 目前 没有 可以 一个 这个 "
    "政府 处理 调查 核实 办理 根据 按照 规定 要求 及时 积极 认真 高度 重视 同志 市民 平台 问政 西地 地省 "
    "今年 现在 信任 生活 愉快 祝您 此致 敬礼 投诉 举报 咨询 建议 关于"
).split()
_GENERIC_BIGRAMS = frozenset(g for w in _GENERIC for g in (w[i:i + 2] for i in range(len(w) - 1)))

_SPACE = re.compile(r"\s+")


# ---- what is formula, not substance ----------------------------------------------------------------
# Text is normalised first (NFKC, lower case): full-width ：，！（） are ASCII, 。、“”《》 are not.
_DATE = r"(?:\d{4}|二[〇0o零]\w{2})\s*[年.\-/]\s*\d{1,2}\s*[月.\-/]\s*\d{1,2}\s*日?"
_SIGNATURE_DATE = re.compile(
    r"(?<![于在至自从截前到止])" + _DATE + r"(?=\s*(?:$|网友|网民|尊敬|亲爱|[“\"]|[a-z]|您好|你好|来信))"
)
_FORMULAS = [re.compile(p) for p in (
    r"[“\"']?(?:uu|a)\d{3,}[”\"']?",                                  # the writer's user id
    r"(?:尊敬的|亲爱的)?(?:网友|网民|市民同志|市民|来信人|朋友)",
    r"(?:您|你)们?好",
    r"(?:您|你)?(?:的|所)?(?:留言|来信|帖文|网帖|帖子|函件|诉求|问题|建议|意见|咨询|来帖|情况)?(?:已|均已)?(?:收悉|收到|获悉|已阅|阅悉)",
    r"现(?:将|就)?[^。!?;]{0,24}?(?:回复|答复|汇报)如下",
    r"(?:衷心|真诚|非常|再次)?(?:感谢|谢谢)[^。!?;]{0,40}",
    r"(?:欢迎|希望|恳请|敬请)[^。!?;]{0,20}(?:理解|支持|配合|关注|监督)[^。!?;]{0,10}",
    r"祝(?:您|你)[^。!?;]{0,12}",
    r"特此(?:回复|答复|函复)",
    r"(?:此事|此件|该问题|您反映的问题)?(?:正在|正)(?:调查|核实|处理|办理)(?:处理|核实|之)?中",
    r"(?:如|若)有[^。!?;]{0,12}(?:将|会)(?:及时|第一时间)?(?:反馈|回复|告知)[^。!?;]{0,10}",
    r"(?:敬请|请)(?:关注|留意)[^。!?;]{0,12}",
    r"请勿重复发帖",
    r"高度重视|立即组织(?:精干力量|专人|人员)?(?:进行)?(?:调查处理|调查核实|调查|核查)?",
)]
# Passing the message on is not answering it: 已转市住建局调查处理, 已转交相关部门.
_TRANSFER = re.compile(
    r"(?:已|已经|我办已|我们已|并)?(?:转交|转至|转到|转给|移交|交由|批转|转(?![变让学移弯入为型正卖账岗户化包租业运达发载换折]))"
    r"[^。!?;]{0,30}?(?:调查|核处|核实|处理|办理|办复|处置|关注|核查|办)[^。!?;]{0,12}"
)
# Sending the writer elsewhere, or promising to think about it, without an answer.
_REFERRAL = re.compile(
    r"(?:建议|请)(?:您|你)?(?:直接)?(?:向|到|与|咨询|拨打|致电|联系|登录|前往)[^。!?;]{0,40}"
    r"|(?:将|会)(?:认真|充分|进一步)?(?:考虑|研究|论证|收集|吸纳)[^。!?;]{0,20}"
    r"|不属于[^。!?;]{0,30}(?:职责|职权|管辖|范围)[^。!?;]{0,30}"
)

# ---- what counts as a result or a basis ------------------------------------------------------------
_BASIS = re.compile(
    r"《[^》]{2,80}》|第[一二三四五六七八九十百零\d]+条"
    r"|(?:根据|依据|按照|依照|参照)[^。!?;]{0,40}?(?:规定|办法|条例|法|文件|通知|意见|政策|标准|精神|要求|规划|方案|细则|条款)"
    r"|[〔\[【(]\s*\d{4}\s*[〕\]】)]\s*\d+\s*号|发\s*[〔\[【(]?\d{4}"
)
_RESULT = re.compile(
    r"经(?:查|查实|核实|核查|调查|了解|现场|研究|协调|审查|检测|鉴定)|据查|调查发现|现场(?:核实|查看|勘察)"
    r"|已(?:经)?(?:完成|修复|责令|要求|督促|安排|组织|整改|拆除|疏通|查处|立案|签订|支付|恢复|下达|约谈|处罚|清理"
    r"|启动|开工|建成|通车|投入使用|纳入|批复|审批|发放|到位|解决|制定|出台|开通|增设|安装|更换|取缔|关停|停业|罚款"
    r"|告知|召开|退还|补发|办结|依法|报案|受理|撤销|移送|暂停|处理完毕|进行了)"
    r"|(?:将于|预计|计划|力争|争取|拟于|拟定于)[^。!?;]{0,24}?(?:\d+月|\d+日|年底|月底|年内|前|底)"
    r"|(?:于|在|截至|截止|自|从)\s*(?:\d{4}年)?\d{1,2}月(?:\d{1,2}日)?"
    r"|\d+(?:\.\d+)?\s*(?:米|公里|平方米|万元|亿元|元|户|人次|台次|名|辆|栋|所|个班|亩|吨|家|起|处)"
)
_PHONE = re.compile(
    r"(?<!\d)(?:0\d{2,3}\s*[-—–]\s*\d{4}\s*[-—–]?\s*\d{3,8}|0\d{2,3}\s*[-—–]?\s*\d{7,8}|1[3-9]\d{9}|123\d{2})(?!\d)"
    r"|(?:电话|热线|联系方式|致电|拨打|手机)\s*[:为是]?\s*\d{5,}"
    r"|[\w.\-]+@[\w\-]+\.[\w.]+"
)
_DIGITS = re.compile(r"\d{5,}|\d{3,4}\s*[-—–]\s*\d{4,}")
_HANDLER = re.compile(r"(?:经办人|承办人|联系人|办理人)\s*[:为是]?\s*[\u4e00-\u9fff]{1,4}")


@dataclass(frozen=True)
class Flag:
    code: str
    label_zh: str
    why_zh: str


@dataclass
class ReplyCheck:
    flags: list[Flag] = field(default_factory=list)
    relevance: float = 0.0
    substance_chars: int = 0   # characters left once greetings, receipts, transfers and thanks are removed

    @property
    def ok(self) -> bool:
        return not self.flags

    @property
    def codes(self) -> list[str]:
        return [f.code for f in self.flags]

    @property
    def relevance_percent(self) -> int:
        return round(self.relevance * 100)


def check_reply(
    *, title: str, body: str, reply: str, handler_name: str = "", handler_phone: str = "",
    requirements: ReplyContent, idf: Mapping[str, float] | None = None,
) -> ReplyCheck:
    text = normalise(reply)
    message = f"{normalise(title)} {normalise(body)}"
    answer = dequote(_SIGNATURE_DATE.sub(" ", text), normalise(title))
    rest = substance(answer)
    chars = len(_KEEP.sub("", rest))
    concrete = bool(_BASIS.search(answer) or _RESULT.search(_TRANSFER.sub(" ", answer)))
    relevance = similarity(message, answer, idf)
    check = ReplyCheck(relevance=relevance, substance_chars=chars)
    flags = check.flags
    cite = _cite(requirements.quality_article)

    passes_on = bool(_TRANSFER.search(answer) or _REFERRAL.search(answer))
    if chars < requirements.min_chars:
        flags.append(Flag("perfunctory", "敷衍应付",
                          f"答复除问候、收悉、转办、致谢等套话外只有 {chars} 字实质内容，未回应留言的诉求{cite}"))
    elif passes_on and not concrete:
        flags.append(Flag("perfunctory", "敷衍应付",
                          f"答复只说明已转交他处、建议另行咨询或将研究考虑，没有调查核实情况或办理结果{cite}"))
    # Relevance of a reply with almost nothing in it means little; "perfunctory" already says so.
    threshold = IRRELEVANT_BELOW_IDF if idf else IRRELEVANT_BELOW_UNIFORM
    if chars >= requirements.min_chars and len(_KEEP.sub("", message)) >= 8 and relevance < threshold:
        missing = missing_terms(normalise(title), answer)
        about = f"，答复未提及{'、'.join(f'“{t}”' for t in missing)}" if missing else ""
        flags.append(Flag("irrelevant", "答非所问",
                          f"答复与留言“{_short(title)}”的关联度低（{relevance:.2f}）{about}{cite}"))
    if requirements.requires_result_or_basis and not concrete:
        flags.append(Flag("no_result_or_basis", "无办理结果或依据",
                          "答复未写明调查核实的情况、办理结果或措施（如“经核实…”“已于…完成”“将于…前”），"
                          f"也未引用法律政策依据（如“根据《…》第…条”）{_cite(requirements.result_article)}"))
    if requirements.requires_handler and not (handler_name.strip() or _HANDLER.search(text)):
        flags.append(Flag("no_handler", "未写明经办人", f"答复未写明经办人{_cite(requirements.handler_article)}"))
    # A phone field holding "无" or "见上" is no contact: the field must carry a number.
    if requirements.requires_contact and not (_DIGITS.search(handler_phone or "") or _PHONE.search(text)):
        flags.append(Flag("no_contact", "未留联系方式",
                          f"答复未留经办人联系电话或其他联系方式{_cite(requirements.handler_article)}"))
    return check


def _cite(article: str) -> str:
    return f"（见制度{article}）" if article else ""


def _short(title: str, n: int = 24) -> str:
    t = _SPACE.sub(" ", title or "").strip()
    return t if len(t) <= n else t[: n - 1] + "…"


# ---- pieces, public for the evaluation and the tests ----------------------------------------------

def dequote(reply: str, title: str, k: int = MIN_TITLE_QUOTE) -> str:
    """The reply with every run of ≥ k characters it shares with the title blanked out."""
    t = _KEEP.sub("", title)
    spans, i = [], 0
    while i <= len(t) - k:
        j = i + k
        if t[i:j] not in reply:
            i += 1
            continue
        while j < len(t) and t[i:j + 1] in reply:
            j += 1
        spans.append(t[i:j])
        i = j
    for s in sorted(spans, key=len, reverse=True):
        reply = reply.replace(s, " ")
    return reply


def substance(text: str) -> str:
    """What is left of a normalised reply once formulas, transfers and referrals are removed."""
    for pattern in (*_FORMULAS, _TRANSFER, _REFERRAL):
        text = pattern.sub(" ", text)
    return text


def bigrams(text: str) -> list[str]:
    out = []
    for run in _CJK_RUN.findall(text):
        out += [run[i:i + 2] for i in range(len(run) - 1)]
    return out


class Idf(dict):
    """Bigram → IDF weight; `unseen` is the weight of a bigram the corpus never had (the rarest)."""

    unseen: float = 1.0


def fit_idf(texts: Iterable[str]) -> Idf:
    """Smoothed IDF of character bigrams over a background corpus (messages and replies)."""
    df: Counter[str] = Counter()
    n = 0
    for t in texts:
        df.update(set(bigrams(normalise(t))))
        n += 1
    idf = Idf((g, math.log((n + 1) / (c + 1)) + 1.0) for g, c in df.items())
    idf.unseen = math.log(n + 1) + 1.0
    return idf


def _vector(text: str, idf: Mapping[str, float] | None) -> dict[str, float]:
    counts = Counter(bigrams(text))
    if idf is None:
        return {g: 1 + math.log(c) for g, c in counts.items() if g not in _GENERIC_BIGRAMS}
    unseen = getattr(idf, "unseen", None) or max(idf.values(), default=1.0)
    return {g: (1 + math.log(c)) * idf.get(g, unseen) for g, c in counts.items()}


def similarity(a: str, b: str, idf: Mapping[str, float] | None = None) -> float:
    va, vb = _vector(a, idf), _vector(b, idf)
    if len(va) > len(vb):
        va, vb = vb, va
    dot = sum(w * vb.get(g, 0.0) for g, w in va.items())
    na = math.sqrt(sum(w * w for w in va.values()))
    nb = math.sqrt(sum(w * w for w in vb.values()))
    return dot / (na * nb) if na and nb else 0.0


def missing_terms(title: str, reply: str, limit: int = 3) -> list[str]:
    """Runs of the title (≥ 2 characters) none of whose bigrams occur in the reply: what it leaves out."""
    have = set(bigrams(reply))
    runs = []
    for run in _CJK_RUN.findall(title):
        cur = ""
        for i in range(len(run) - 1):
            g = run[i:i + 2]
            if g in have or g in _GENERIC_BIGRAMS:
                if len(cur) >= 2:
                    runs.append(cur)
                cur = ""
            else:
                cur = cur + g[1] if cur else g
        if len(cur) >= 2:
            runs.append(cur)
    runs = [r for r in runs if len(r) >= 2]
    return sorted(dict.fromkeys(runs), key=len, reverse=True)[:limit]
