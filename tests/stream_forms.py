"""The admin's POST data of a StreamField, from a page's value: what the editor's form sends
when it is saved without touching that field (the browser builds it from the form's JSON)."""

from wagtail import blocks


def stream_data(page, name):
    """{key: value} of the StreamField ``name`` (a language's field, "body_fr") of ``page``."""
    data = {}
    _block(page._meta.get_field(name).stream_block, getattr(page, name), name, data)
    return data


def _block(block, value, prefix, data):
    if isinstance(block, blocks.StreamBlock):
        children = list(value or [])
        data[f"{prefix}-count"] = str(len(children))
        for i, child in enumerate(children):
            data[f"{prefix}-{i}-type"] = child.block_type
            data[f"{prefix}-{i}-deleted"] = ""
            data[f"{prefix}-{i}-order"] = str(i)
            data[f"{prefix}-{i}-id"] = child.id or ""
            _block(child.block, child.value, f"{prefix}-{i}-value", data)
    elif isinstance(block, blocks.ListBlock):
        items = list(value.bound_blocks) if hasattr(value, "bound_blocks") else []
        data[f"{prefix}-count"] = str(len(items))
        for i, item in enumerate(items):
            data[f"{prefix}-{i}-deleted"] = ""
            data[f"{prefix}-{i}-order"] = str(i)
            data[f"{prefix}-{i}-id"] = item.id or ""
            _block(block.child_block, item.value, f"{prefix}-{i}-value", data)
    elif isinstance(block, blocks.StructBlock):
        for name, child in block.child_blocks.items():
            _block(child, value.get(name) if value else None, f"{prefix}-{name}", data)
    elif isinstance(block, blocks.BooleanBlock):
        if value:
            data[prefix] = "on"
    elif isinstance(block, blocks.ChooserBlock):
        data[prefix] = "" if value is None else str(getattr(value, "pk", value))
    elif value is None:
        data[prefix] = ""
    else:
        formatted = block.field.widget.format_value(block.value_for_form(value))
        if isinstance(formatted, (list, tuple)):  # a select's chosen values
            formatted = formatted[0] if formatted else ""
        data[prefix] = "" if formatted is None else str(formatted)
