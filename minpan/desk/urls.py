from django.urls import path

from .views import (
    assessment,
    auth,
    bulk,
    bulletins,
    case,
    catalogue,
    channels,
    dashboard,
    documents,
    files,
    hot,
    knowledge,
    lookback,
    publication,
    queues,
    report_files,
    second_factor,
    writer_files,
)

app_name = "desk"
urlpatterns = [
    path("", auth.home, name="home"),
    path("login/", auth.sign_in, name="login"),
    path("logout/", auth.sign_out, name="logout"),
    path("2fa/setup/", second_factor.setup, name="otp_setup"),
    path("2fa/verify/", second_factor.verify, name="otp_verify"),
    path("q/<slug:slug>/", queues.queue_view, name="queue"),
    path("q/<slug:slug>/export.<str:fmt>", queues.queue_export, name="export"),
    path("bulk/dispatch/", bulk.bulk_dispatch, name="bulk_dispatch"),
    path("case/<int:pk>/", case.case_page, name="case"),
    path("case/<int:pk>/do/<slug:action>/", case.case_act, name="act"),
    path("case/<int:pk>/publication/", publication.mask, name="publication"),
    path("case/<int:pk>/doc/<slug:kind>/", documents.document_page, name="document"),
    path("case/<int:pk>/doc/<slug:kind>.docx", documents.document_docx, name="document_docx"),
    path("case/<int:pk>/files/", files.upload, name="upload"),
    path("case/<int:pk>/files/<int:att>/", files.download, name="download"),
    path("case/<int:pk>/writer-files/<int:att>/", writer_files.writer_file, name="writer_file"),
    *hot.urlpatterns,  # hot/ and hot/<YYYY-MM>.docx: 热点问题
    *channels.urlpatterns,  # channels/ and its files: 渠道对账
    *lookback.urlpatterns,  # look-back/ and look-back/draw/: 回头看
    *knowledge.urlpatterns,  # knowledge/…: 知识库
    *bulletins.urlpatterns,  # bulletins/…: 通报, drafted, signed, issued
    *catalogue.urlpatterns,  # catalogue/…: 派单目录, its matters' versions, Excel in and out
    *dashboard.urlpatterns,  # stats/ and stats/cases/: 统计看板 and the cases behind its numbers
    *report_files.urlpatterns,  # stats/monthly/ and stats/special/: 月报 and 专报 as DOCX or XLSX
    *assessment.urlpatterns,  # assessment/, its units and its workbook: 单位考核
]
