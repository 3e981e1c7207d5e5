from django.http import Http404, JsonResponse
from django.shortcuts import get_object_or_404

from wagtail.images import get_image_model
from wagtail.permissions import policy_registry

from . import descriptions


def image_descriptions(request, image_id):
    """{language: description} of an image the user may choose: the admin script
    (static/js/admin/image-alt-text.js) fills an empty alternative text with it when the image
    is chosen for a page."""
    image = get_object_or_404(get_image_model(), pk=image_id)
    policy = policy_registry.get_by_type(get_image_model())
    if not policy.user_has_any_permission_for_instance(request.user, ["choose", "change"], image):
        raise Http404
    return JsonResponse({"descriptions": descriptions(image)})
