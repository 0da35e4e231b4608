"""The public text of a case: made once, at publication, from the message and the reply.

`public_text(case)` computes what the public will read — subject, body, the reply the writer
reads, the name it is signed in (the unit's where the policy answers in the unit's name, else the
center's), the answering unit and the handler's contact where the policy publishes them, and for 不予受理
the explanation and the suggested channel — as pieces, each either plain text or a masked
piece that knows its kind and the original. The reviewer's preview on the case page and
`make_copy`, which writes the PublicCopy row the public pages read, both come from it, so what
was previewed is what is published. No page redacts on the fly.

What is masked: whatever the engine (minpan.redaction) finds, the writer's registered name and
details in any spelling, and the reviewer's own masks (publish_masks["mask"]). What stays: the
official contact points (units' published duty phones, the handler's office phone where the
policy publishes it, 12345) and the reviewer's "not personal data" choices (publish_masks["keep"];
never the writer's own details without their separate consent, PIPL 第二十五条).
"""
from __future__ import annotations

import datetime as dt
import re
import unicodedata
from dataclasses import dataclass

from django.db.models import Q

from minpan.policies.active import policy_named
from minpan.redaction import LABELS, spans
from minpan.units.models import Level, Unit

from . import hard_cases
from .identity import writer_terms
from .models import Citizen, PublicCopy
from .page_rows import citizen_of, page_rows
from .states import PublishMode

# a piece the reviewer masked by hand (publish_masks["mask"])
MANUAL = "manual"
MANUAL_LABEL = "审核人隐去"
OFFICIAL = ("12345",)
SUBJECT_MAX = 200
LITERAL_MAX = 200  # the longest piece a reviewer masks or keeps in one choice


@dataclass(frozen=True)
class Piece:
    text: str            # what the public reads
    kind: str = ""       # "" for plain text, else what the masked original is
    original: str = ""   # the masked original (staff only)

    @property
    def label(self) -> str:
        if not self.kind:
            return ""
        return MANUAL_LABEL if self.kind == MANUAL else LABELS.get(self.kind, self.kind)


@dataclass(frozen=True)
class Passage:
    pieces: tuple[Piece, ...] = ()

    @property
    def text(self) -> str:
        return "".join(p.text for p in self.pieces)

    @property
    def masks(self) -> list[Piece]:
        return [p for p in self.pieces if p.kind]


@dataclass(frozen=True)
class PublicText:
    subject: Passage
    body: Passage
    reply: Passage
    explanation: Passage
    unit_name: str          # 答复单位, where the policy names it (publication.show_unit)
    handler_contact: str
    answered_at: dt.datetime | None
    signed_by: str = ""     # the name the answer goes out in (publication.in_unit_name)

    def masks(self) -> list[Piece]:
        """Every masked piece once (the same original masked the same way), in reading order."""
        seen, out = set(), []
        for passage in (self.subject, self.body, self.reply, self.explanation):
            for p in passage.masks:
                if (p.kind, p.original) not in seen:
                    seen.add((p.kind, p.original))
                    out.append(p)
        return out


@dataclass(frozen=True)
class Terms:
    """What the engine is told about one case."""
    names: tuple[str, ...] = ()
    extra: tuple[str, ...] = ()    # the writer's registered details
    manual: tuple[str, ...] = ()   # the reviewer's masks
    keep: tuple[str, ...] = ()     # official contact points and the reviewer's keeps


# ---- the parts the portal shows the writer too -----------------------------------------

def latest_reply(case):
    """The latest reply version: the one the writer reads and the public copy is made from."""
    return case.replies.select_related("unit").order_by("-version").first()


def reply_unit_name(reply) -> str:
    if reply is None:
        return ""
    return reply.unit.name if reply.unit_id else "受理中心"


def center_name() -> str:
    """The center's own name (the unit at the top of the center level), which signs its answers."""
    unit = Unit.objects.filter(level=Level.CENTER).order_by("path").only("name").first()
    return unit.name if unit else "受理中心"


def signer_name(case, reply, center: str) -> str:
    """The name the answer goes out in: the answering unit's where the policy says so (Naiman
    第十五条 以承办单位名义), else the center's, which publishes it; the center's own answers are its own."""
    rule = policy_named(case.policy_name).publication
    if rule.in_unit_name and reply is not None and reply.unit_id:
        return reply.unit.name
    return center


def handler_contact(case, reply) -> str:
    """经办人及联系电话, only where the policy publishes them (Tongliao 第十条, Chizhou)."""
    if reply is None or not policy_named(case.policy_name).publication.show_handler_contact:
        return ""
    return "　".join(p for p in (reply.handler_name, reply.handler_phone) if p)


def explanation_text(case) -> str:
    """The 不予受理 explanation and the channel the writer is pointed to."""
    channel = case.suggested_channel and f"建议反映渠道：{case.suggested_channel}"
    return "\n".join(p for p in (case.not_accepted_explanation, channel) if p)


# ---- who the writer is, and what the reviewer decided ----------------------------------

def _normal(text: str) -> str:
    # one spelling for comparing: full-width made half-width, no spaces or separators, lower case
    return re.sub(r"[\s\-.·_/()（）]+", "", unicodedata.normalize("NFKC", text or "")).lower()


def is_writers_own(literal: str, names, extra) -> bool:
    """Whether the literal is, or holds, or is part of the writer's registered name or details."""
    mine = _normal(literal)
    if len(mine) < 2:
        return False
    for term in (*names, *extra):
        theirs = _normal(term)
        if len(theirs) >= 2 and (theirs in mine or mine in theirs):
            return True
    return False


def official_contacts(case, reply, unit_phones) -> list[str]:
    """Official contact points that stay visible: the units' published duty phones, the handler's
    office phone where the policy publishes it, 12345."""
    phones = [p for p in unit_phones if p]
    if reply is not None and reply.handler_phone and policy_named(case.policy_name).publication.show_handler_contact:
        phones.append(reply.handler_phone)
    return [*phones, *OFFICIAL]


def terms_for(case, citizen, official) -> Terms:
    names, extra = writer_terms(citizen)
    choices = case.publish_masks or {}
    keep = [k for k in choices.get("keep", []) if k]
    if not case.publish_personal:
        # a keep never uncovers the writer's own details without their separate consent
        keep = [k for k in keep if not is_writers_own(k, names, extra)]
    return Terms(names=tuple(names), extra=tuple(extra), manual=tuple(m for m in choices.get("mask", []) if m.strip()),
                 keep=tuple(dict.fromkeys([*official, *keep])))


def occurs(case, literal: str) -> bool:
    """Whether the literal is in the subject, the body or the reply to be published."""
    reply = latest_reply(case)
    return any(literal in (text or "") for text in (case.subject, case.body, reply.body if reply else ""))


def describe(literal: str, names, extra) -> dict:
    """What the event records of a reviewer's choice: never the literal, which may be personal data."""
    if is_writers_own(literal, names, extra):
        kind = "writer"
    else:
        found = spans(literal, names=names, extra=extra)
        kind = found[0].kind if found else "text"
    shown = "*" * len(literal) if len(literal) <= 3 else literal[0] + "*" * min(len(literal) - 1, 8)
    return {"kind": kind, "length": len(literal), "shown": shown}


# ---- the text ----------------------------------------------------------------------------

def _manual_spans(text: str, manual) -> list[tuple[int, int]]:
    """Where the reviewer's masks occur, spelt with or without spaces and line breaks."""
    found = []
    for literal in manual:
        chars = [c for c in literal if not c.isspace()]
        if chars:
            found += [(m.start(), m.end()) for m in re.finditer(r"\s*".join(map(re.escape, chars)), text, re.I)]
    return found


def _starred(text: str) -> str:
    return "".join(c if c.isspace() else "*" for c in text)


def passage(text: str, terms: Terms) -> Passage:
    """The text cut into plain and masked pieces. The reviewer's masks are applied over the engine's
    findings: where they overlap, the union is hidden, so a mask never uncovers part of another."""
    text = text or ""
    found = [(s.start, s.end, s.kind, s.replacement)
             for s in spans(text, names=terms.names, extra=terms.extra, keep=terms.keep)]
    for start, end in sorted(_manual_spans(text, terms.manual)):
        if any(f[0] <= start and end <= f[1] for f in found):
            continue  # already hidden (by the engine, or by a longer mask)
        for other in [f for f in found if f[0] < end and start < f[1]]:
            found.remove(other)
            start, end = min(start, other[0]), max(end, other[1])
        found.append((start, end, MANUAL, _starred(text[start:end])))
    pieces, pos = [], 0
    for start, end, kind, replacement in sorted(found):
        if start > pos:
            pieces.append(Piece(text[pos:start]))
        pieces.append(Piece(replacement, kind, text[start:end]))
        pos = end
    if pos < len(text):
        pieces.append(Piece(text[pos:]))
    return Passage(tuple(pieces))


def compose(case, *, reply, citizen, official, explained: bool = False, center: str = "") -> PublicText:
    """The public text from what the case holds; reads no rows itself (the data migration calls
    it with historical models). `explained`: the center agreed the unit explains a hard case to the
    writer (Tongliao 第十八条); the public reads that it is being explained, not the explanation.
    `center`: the center's name, which signs what is not in a unit's name."""
    terms = terms_for(case, citizen, official)
    refusal = bool(case.not_accepted_reason) and case.answered_at is None
    rule = policy_named(case.policy_name).publication
    if explained and reply is not None and not refusal:
        answer = Passage((Piece(hard_cases.PUBLIC_TEXT),))
    else:
        answer = passage(reply.body, terms) if reply is not None and not refusal else Passage()
    return PublicText(
        subject=passage(case.subject, terms),
        body=passage(case.body, terms),
        reply=answer,
        explanation=passage(explanation_text(case), terms) if refusal else Passage(),
        unit_name="" if refusal or not rule.show_unit else reply_unit_name(reply),
        handler_contact="" if refusal else handler_contact(case, reply),
        answered_at=case.answered_at,
        signed_by="" if refusal else signer_name(case, reply, center or "受理中心"),
    )


def public_text(case) -> PublicText:
    """What the public will read of the case (and, once published, what it reads). On the case
    page the replies and the writer's row are those it read already (cases.page_rows)."""
    loaded = page_rows(case)
    reply = (loaded.replies[0] if loaded.replies else None) if loaded is not None else latest_reply(case)
    citizen = citizen_of(case) if loaded is not None else Citizen.objects.filter(case=case).first()
    # the units' duty phones and the center's name in one read
    units = loaded.units() if loaded is not None else Unit.objects.filter(~Q(phone="") | Q(level=Level.CENTER)).order_by("path")
    unit_phones = [u.phone for u in units if u.phone]
    center = next((u.name for u in units if u.level == Level.CENTER), "受理中心")
    explained = policy_named(case.policy_name).reply_content.hard_case_explained and hard_cases.explained(case)
    return compose(case, reply=reply, citizen=citizen,
                   official=official_contacts(case, reply, unit_phones), explained=explained, center=center)


def is_published_publicly(case) -> bool:
    """An answer published publicly, or a 不予受理 notice, that the writer agreed to publish."""
    if not case.may_publish:
        return False
    if case.answered_at is not None:
        return case.publish_mode == PublishMode.PUBLIC
    return bool(case.not_accepted_reason)


def copy_fields(text: PublicText, now: dt.datetime) -> dict:
    return dict(
        answered_at=text.answered_at, subject=text.subject.text[:SUBJECT_MAX], body=text.body.text,
        reply=text.reply.text, unit_name=text.unit_name[:100], handler_contact=text.handler_contact[:120],
        explanation=text.explanation.text, made_at=now,
    )


def make_copy(case, now: dt.datetime):
    """Write the public copy at publication (inside its transaction). A case that is not public
    (a private answer, no consent to publish) has none: an earlier answer's copy goes."""
    if not is_published_publicly(case):
        PublicCopy.objects.filter(case=case).delete()
        return None
    text = public_text(case)
    # signed_by is written here, not in copy_fields, which the 0010 data migration also uses on
    # historical rows that have no such column
    copy, _ = PublicCopy.objects.update_or_create(case=case, defaults={**copy_fields(text, now), "signed_by": text.signed_by[:100]})
    return copy
