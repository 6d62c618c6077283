from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import redirect


def back_to_case(case, anchor: str = ""):
    response = redirect("board:case_detail", number=case.number)
    if anchor:
        response["Location"] += f"#{anchor}"
    return response


def run_action(request, case, action, *, success: str = "", anchor: str = ""):
    """Call one service; show its refusal as an error message; go back to the case page."""
    try:
        action()
    except (ValidationError, PermissionDenied) as error:
        text = error.messages[0] if isinstance(error, ValidationError) else str(error)
        messages.error(request, text)
    else:
        if success:
            messages.success(request, success)
    return back_to_case(case, anchor)
