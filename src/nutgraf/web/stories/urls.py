from django.urls import path

from nutgraf.web.stories import feeds, views

app_name = "stories"

urlpatterns = [
    path("", views.home, name="home"),
    path("stories/<slug:slug>/", views.story_detail, name="detail"),
    path("stories/<slug:slug>/source/", views.story_source, name="source"),
    path("category/<slug:slug>/", views.category_detail, name="category"),
    path(
        "category/<slug:slug>/rss.xml",
        feeds.LatestStoriesFeed(),
        name="category_rss",
    ),
    path(
        "category/<slug:slug>/atom.xml",
        feeds.LatestStoriesAtomFeed(),
        name="category_atom",
    ),
    path("tag/<slug:slug>/", views.tag_detail, name="tag"),
    path("entity/<slug:slug>/", views.entity_detail, name="entity"),
    path("search/", views.search, name="search"),
    path("archive/", views.archive, name="archive"),
    path("archive/<int:year>/<int:month>/", views.archive_month, name="archive_month"),
    path("about/", views.about, name="about"),
    path("feeds/rss.xml", feeds.LatestStoriesFeed(), name="feed_rss"),
    path("feeds/atom.xml", feeds.LatestStoriesAtomFeed(), name="feed_atom"),
]
