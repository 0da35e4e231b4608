"""The demo's 知识库: a few approved answers to the consultations the demo's writers ask, so the
case page of a demo 咨询 offers one. Worded as general guidance; a city writes its own."""
from __future__ import annotations

import datetime as dt

from django.utils import timezone

from minpan.knowledge import entries
from minpan.knowledge.models import Entry
from minpan.workdays.arith import local_date

from .city import City

# (owner unit code, title, questions, answer, basis, months of validity left or None for no end)
ENTRIES = [
    ("renshe", "养老保险关系跨省转移接续", "养老保险怎么转到外省\n换城市工作社保怎么转",
     "参保人员跨省流动就业的，基本养老保险关系随同转移。请向新就业地社会保险经办机构提出转移接续申请，"
     "或通过国家社会保险公共服务平台、掌上12333 App 网上申请，转出地和转入地经办机构按规定办理，个人无须往返两地。",
     "《城镇企业职工基本养老保险关系转移接续暂行办法》（国办发〔2009〕66号）", None),
    ("yibao", "异地就医备案", "异地就医怎么备案报销\n外地看病能直接结算吗",
     "参保人员异地就医前，可通过国家医保服务平台 App、国家异地就医备案小程序或参保地医保经办机构办理备案，"
     "备案后在就医地已开通跨省联网结算的定点医疗机构就医，可直接结算。",
     "《关于进一步做好基本医疗保险跨省异地就医直接结算工作的通知》（医保发〔2022〕22号）", 12),
    ("shuishou", "个体工商户代开发票", "个体户怎么开发票\n小规模纳税人代开发票",
     "个体工商户等小规模纳税人需要开具发票的，可通过电子税务局或税务机关办税服务厅申请代开，"
     "持有效身份证件和经营合同等资料办理；已领用数电发票的可自行开具。",
     "《中华人民共和国发票管理办法》", None),
    ("gongan", "居民身份证异地办理", "身份证能在外地换吗\n身份证丢了在外地怎么补",
     "居民身份证可在全国范围内异地申领、换领、补领。请本人携带户口所在地信息核对需要的材料，到居住地公安机关"
     "户政窗口办理，现场采集指纹和照片，证件制作完成后可到窗口领取或邮寄送达。",
     "《中华人民共和国居民身份证法》；公安部关于居民身份证异地受理的规定", None),
    ("weijian", "成人疫苗接种地点", "哪里可以接种HPV疫苗\n成人打疫苗去哪里",
     "成人疫苗可到辖区社区卫生服务中心、乡镇卫生院预防接种门诊接种，部分疫苗须提前预约。"
     "接种前请携带身份证，如实告知健康状况；具体门诊及时间以各门诊公布为准。",
     "《中华人民共和国疫苗管理法》", 1),
]


def load_knowledge(city: City, now: dt.datetime | None = None) -> int:
    """Create the demo entries that are missing, approved by the center's reviewer; how many were made."""
    now = now or timezone.now()
    today = local_date(now)
    reviewer = city.users.get("shenhe")
    made = 0
    for code, title, questions, answer, basis, months in ENTRIES:
        owner = city.units.get(code)
        if owner is None or Entry.objects.filter(title=title).exists():
            continue
        # one runs out within the month, so the reminder and the 已过期 tab have something to show
        until = None if months is None else today + dt.timedelta(days=30 * months - 10)
        entry = Entry(title=title, questions=questions, answer=answer, basis=basis, owner=owner,
                      valid_from=today.replace(month=1, day=1), valid_until=until)
        entries.save(entry, by=reviewer, approve=True, now=now)
        made += 1
    return made
