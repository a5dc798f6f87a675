from django.urls import path

from nutgraf.web.api.api import api

urlpatterns = [path("api/v1/", api.urls)]
