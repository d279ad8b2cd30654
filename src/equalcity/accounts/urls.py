from django.contrib.auth import views as auth_views
from django.urls import path, reverse_lazy

from equalcity.accounts import views
from equalcity.core.decorators import public_page

app_name = "accounts"

urlpatterns = [
    path("login/", public_page(views.LoginView.as_view()), name="login"),
    path("logout/", public_page(auth_views.LogoutView.as_view()), name="logout"),
    path("two-factor/", views.two_factor, name="two-factor"),
    path("", views.dashboard, name="dashboard"),
    path("invitations/<str:token>/", views.accept_invitation, name="accept-invitation"),
    path("programmes/<slug:slug>/members/", views.members, name="members"),
    path("programmes/<slug:slug>/members/invite/", views.invite, name="invite"),
    path(
        "programmes/<slug:slug>/members/<int:membership_id>/role/",
        views.change_role,
        name="change-role",
    ),
    path(
        "programmes/<slug:slug>/members/<int:membership_id>/active/",
        views.set_active,
        name="set-active",
    ),
    path(
        "programmes/<slug:slug>/invitations/<uuid:public_id>/revoke/",
        views.revoke_invitation,
        name="revoke-invitation",
    ),
    path("programmes/<slug:slug>/audit/", views.audit_log, name="audit-log"),
    path(
        "password-reset/",
        public_page(
            views.PasswordResetView.as_view(
                template_name="accounts/password_reset_form.html",
                email_template_name="accounts/email/password_reset.txt",
                subject_template_name="accounts/email/password_reset_subject.txt",
                success_url=reverse_lazy("accounts:password_reset_done"),
            )
        ),
        name="password_reset",
    ),
    path(
        "password-reset/sent/",
        public_page(
            auth_views.PasswordResetDoneView.as_view(
                template_name="accounts/password_reset_done.html"
            )
        ),
        name="password_reset_done",
    ),
    path(
        "password-reset/<uidb64>/<token>/",
        public_page(
            auth_views.PasswordResetConfirmView.as_view(
                template_name="accounts/password_reset_confirm.html",
                success_url=reverse_lazy("accounts:password_reset_complete"),
            )
        ),
        name="password_reset_confirm",
    ),
    path(
        "password-reset/done/",
        public_page(
            auth_views.PasswordResetCompleteView.as_view(
                template_name="accounts/password_reset_complete.html"
            )
        ),
        name="password_reset_complete",
    ),
]
