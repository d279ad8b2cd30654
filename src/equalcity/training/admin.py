from django.contrib import admin

from equalcity.training.models import Certificate, Course, Question, Session


@admin.register(Course)
class CourseAdmin(admin.ModelAdmin):
    list_display = ["title", "audience", "edition", "organiser"]
    list_filter = ["audience"]


@admin.register(Session)
class SessionAdmin(admin.ModelAdmin):
    list_display = ["course", "mode", "city", "starts_on", "capacity", "registration_open"]
    list_filter = ["mode", "registration_open"]


@admin.register(Question)
class QuestionAdmin(admin.ModelAdmin):
    list_display = ["text", "kind", "module", "position"]


@admin.register(Certificate)
class CertificateAdmin(admin.ModelAdmin):
    # Read-only: a certificate is issued by the service once the course is complete.
    list_display = ["code", "course_title", "issued_at"]
    readonly_fields = [field.name for field in Certificate._meta.fields]

    def has_add_permission(self, request):
        return False
