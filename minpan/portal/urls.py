from django.urls import path

from . import my_data, views, views_public, views_recovery

app_name = "portal"
urlpatterns = [
    path("", views.home, name="home"),
    path("write/", views.write, name="write"),
    path("receipt/<str:key>/", views.receipt, name="receipt"),
    path("confirm-email/<str:token>/", views.confirm_address, name="confirm_email"),
    path("website-error/", views.report_error, name="report_error"),
    path("query/", views.query, name="query"),
    path("query/forgot/", views_recovery.forgot, name="forgot"),
    path("query/forgot/code/", views_recovery.forgot_code, name="forgot_code"),
    path("status/", views.status, name="status"),
    path("status/rate/", views.rate, name="rate"),
    path("status/follow-up/", views.follow_up, name="follow_up"),
    path("status/my-data/", my_data.my_data, name="my_data"),
    path("status/my-data.json", my_data.my_data_json, name="my_data_json"),
    path("status/my-data/contact/", my_data.change_contact, name="my_data_contact"),
    path("status/my-data/correction/", my_data.ask_correction, name="my_data_correction"),
    path("status/my-data/erase/", my_data.erase, name="my_data_erase"),
    path("answers/", views_public.answers, name="answers"),
    path("answers/<int:pk>/", views_public.answer, name="answer"),
    path("not-accepted/", views_public.refusals, name="refusals"),
    path("statistics/", views_public.statistics, name="statistics"),
    path("elder/", views.elder, name="elder"),
]
