from django.urls import path

from nutgraf.web.comments import feeds, views

app_name = "comments"

urlpatterns = [
    path("stories/<slug:slug>/comments/", views.comment_post, name="post"),
    path("stories/<slug:slug>/comments/tokens/", views.comment_tokens, name="tokens"),
    path("stories/<slug:slug>/comments/rss.xml", feeds.StoryCommentsFeed(), name="feed"),
    path("comments/<int:pk>/", views.comment_permalink, name="permalink"),
    path("comments/<int:pk>/report/", views.comment_report, name="report"),
]
