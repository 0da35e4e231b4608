from django.urls import path

from . import views

app_name = "notify"
urlpatterns = [
    path("inbox/", views.inbox, name="inbox"),
    path("inbox/read/", views.mark_read, name="mark_read"),
    path("settings/", views.preference_page, name="settings"),
    path("leader/", views.leader_view, name="leader"),
    path("letters/<int:pk>/", views.letter_page, name="letter"),
    path("letters/<int:pk>/approve/", views.approve_letter, name="approve_letter"),
    path("letters/<int:pk>/refuse/", views.refuse_letter, name="refuse_letter"),
]
