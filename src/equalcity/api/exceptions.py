from rest_framework.response import Response
from rest_framework.views import exception_handler as drf_exception_handler

from equalcity.core.errors import DomainError


def exception_handler(exc, context):
    """DRF's handler, plus domain refusals as 400 with their code and translated message."""
    if isinstance(exc, DomainError):
        return Response({"code": exc.code, "detail": str(exc.message)}, status=400)
    return drf_exception_handler(exc, context)
