from django.urls import path

from nutgraf.web.coverage import views

app_name = "coverage"

urlpatterns = [
    path("coverage/", views.coverage_index, name="index"),
    path("coverage/<slug:slug>/", views.coverage_detail, name="detail"),
]
