from wagtail import hooks


@hooks.register("register_demo_content")
def partners_demo_content():
    from .demo import DEMO_SECTIONS

    return DEMO_SECTIONS
