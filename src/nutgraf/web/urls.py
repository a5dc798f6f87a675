from django.contrib import admin
from django.contrib.sitemaps import views as sitemap_views
from django.urls import include, path

from nutgraf.web import views
from nutgraf.web.stories.sitemaps import SITEMAPS

handler404 = "nutgraf.web.views.not_found"
handler500 = "nutgraf.web.views.server_error"

urlpatterns = [
    path("desk/", admin.site.urls),
    path("sitemap.xml", sitemap_views.sitemap, {"sitemaps": SITEMAPS}, name="sitemap"),
    path("news-sitemap.xml", views.news_sitemap, name="news_sitemap"),
    path("robots.txt", views.robots, name="robots"),
    path("healthz", views.health, name="health"),
    path("media/<path:path>", views.media, name="media"),
    path("favicon.ico", views.favicon, name="favicon"),
    path("", include("nutgraf.web.api.urls")),
    path("", include("nutgraf.web.comments.urls")),
    path("", include("nutgraf.web.coverage.urls")),
    path("", include("nutgraf.web.stories.urls")),
]
