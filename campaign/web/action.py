"""An action's page and what it makes: printable letters, tweets, or the letter as text."""

from collections.abc import Sequence

from flask import Response, current_app, render_template, request
from flask_babel import lazy_gettext, ngettext

from campaign.compose import compose_letters, compose_tweets
from campaign.compose.letter import Letter
from campaign.content import Action, Recipient
from campaign.content.rules import FIELD_LIMITS, MAX_POINTS, MIN_POINTS
from campaign.documents import render_letters_text
from campaign.documents.online import online_letters
from campaign.kit import KitTooLarge, kit_filename
from campaign.pdf import DoesNotFit, RenderError
from campaign.services import services
from campaign.web import events, ratelimit, shedding
from campaign.web.counting import count_letters, letters_so_far
from campaign.web.current import (
    action_blueprint,
    current_action,
    displayed_action,
    in_page_language,
)
from campaign.web.forms import CSRF_MESSAGE, LetterForm
from campaign.web.locale import page_language
from campaign.web.messages import alternatives, names_list, site_messages
from campaign.web.security import NO_STORE

bp = action_blueprint("action", __name__)
RENDER_FAILED = lazy_gettext(
    "We could not make your letter just now. Your answers are below: send the form again, "
    "or choose tweets instead"
)
BUSY = lazy_gettext(
    "Many people are writing letters right now and yours could not be started in time. "
    "Your answers are below: send the form again in a few seconds, or choose tweets instead"
)
IN_FLIGHT = lazy_gettext(
    "Your previous letter is still being made. Your answers are below: send the form again "
    "once it has downloaded"
)
TOO_LONG_TO_PRINT = lazy_gettext(
    "Your letter is too long to print on one page. Shorten your message, your sentence "
    "about yourself or your address, and send it again"
)
TOO_LARGE_TO_SEND = lazy_gettext(
    "Your letters make a file too large to send. Leave out the envelope pages, or shorten "
    "your message or your sentence about yourself, and send it again"
)


def render_form(
    form: LetterForm | None,
    status: int = 200,
    problem: str | None = None,
    anchor: str = "name",
    retry_after: int | None = None,
):
    """Show the action and its form (none once it is closed), mistakes summarised at the top.

    A refusal to try again later says when, in the page and in Retry-After.
    """
    action = current_action()
    summary = form.error_summary if form else []
    if problem:
        summary.insert(0, (anchor, problem))
    page = render_template(
        "action/index.html",
        action=action,
        shown=displayed_action(),
        form=form,
        so_far=letters_so_far(action) if form else None,
        error_summary=summary,
        limits=FIELD_LIMITS,
        min_points=MIN_POINTS,
        max_points=MAX_POINTS,
    )
    # A re-shown form holds what the supporter typed: no cache may keep it.
    headers = NO_STORE if request.method == "POST" else {}
    if retry_after is not None:
        headers = {**headers, "Retry-After": str(retry_after)}
    return page, status, headers


def is_closed() -> bool:
    """Say whether the current action has stopped taking letters."""
    return current_action().is_closed(services().today())


@bp.get("/")
def index():
    if is_closed():
        return render_form(None)
    events.remember_event()
    return render_form(LetterForm.preselected(current_action(), request.args))


@bp.post("/")
def back_to_action():
    """Show the form again with the answers the tweets or text page carried back.

    Nothing is checked but the form's token: the supporter is still writing. The answers come
    in the body and go back in the page, never in a URL, and a refused token keeps them too.
    """
    if is_closed():
        return render_form(None, 410)
    form = LetterForm(current_action(), coverage=services().renderer.coverage)
    if form.meta.csrf and not form.csrf_token.validate(form):
        return render_form(form, 400, problem=CSRF_MESSAGE)
    return render_form(form)


@bp.errorhandler(429)
def too_many_letters(error):
    """Show the form again with the answers when the rate limit stops a letter."""
    if request.endpoint != "action.letter":
        from campaign.web.errors import render_error  # errors imports the rate limits: here

        return render_error(error)
    wait = ratelimit.retry_after_seconds() or 60
    form = LetterForm(current_action(), coverage=services().renderer.coverage)
    return render_form(form, 429, problem=_too_many(wait), retry_after=wait)


def _too_many(seconds: int) -> str:
    """Say, as a person would, how long to wait: "in 45 seconds", "in 2 minutes"."""
    if seconds < 60:
        return ngettext(
            "You have made many letters in a short time, and to keep the service open for "
            "everyone each connection can make a limited number. Your answers are below: send "
            "the form again in %(num)s second, or choose tweets instead",
            "You have made many letters in a short time, and to keep the service open for "
            "everyone each connection can make a limited number. Your answers are below: send "
            "the form again in %(num)s seconds, or choose tweets instead",
            seconds,
        )
    minutes = max(1, (seconds + 30) // 60)  # to the nearest minute: 61 s is "1 minute"
    return ngettext(
        "You have made many letters in a short time, and to keep the service open for "
        "everyone each connection can make a limited number. Your answers are below: send "
        "the form again in %(num)s minute, or choose tweets instead",
        "You have made many letters in a short time, and to keep the service open for "
        "everyone each connection can make a limited number. Your answers are below: send "
        "the form again in %(num)s minutes, or choose tweets instead",
        minutes,
    )


@bp.post("/letter")
def letter():
    if shedding.client_gone():
        # Nobody is there to read an answer: not even the form is made for them. In a queue
        # of abandoned letters (a mailing's rush, clients giving up), this keeps the workers
        # for those still waiting.
        current_app.logger.warning(shedding.SKIPPED)
        return shedding.NOBODY_THERE
    if is_closed():
        return render_form(None, 410)
    form = LetterForm(current_action(), coverage=services().renderer.coverage)
    if not form.validate():
        return render_form(form, 400)
    if form.format.data == "tweet":
        return _tweets(form)
    if form.format.data == "text":
        return _text(form)
    return _pdf(form)


def _letters(form: LetterForm):
    """Return the letters, in the language chosen for them (not necessarily the page's)."""
    return compose_letters(
        current_action(),
        form.answers(),
        services().today(form.sent_date()),
        language=form.chosen_language(),
    )


def tweeted_officials(
    action: Action, form: LetterForm, letters: Sequence[Letter]
) -> list[Recipient]:
    """Return the officials written to, as the tweets' language names them."""
    written = {letter.recipient.id for letter in letters}
    tweeted = action.in_language(form.tweet_language())
    return [recipient for recipient in tweeted.recipients if recipient.id in written]


def _pdf(form: LetterForm):
    action = current_action()
    if shedding.waited_too_long():
        return render_form(form, 503, problem=BUSY, retry_after=shedding.retry_after_shed())
    try:
        with ratelimit.one_render_per_client():
            pdf = services().make_kit(
                action,
                form.answers(),
                form.kit_options(),
                today=services().today(form.sent_date()),
                timeout=current_app.config["RENDER_TIMEOUT"],
                language=form.chosen_language(),
                guide_language=page_language(),
            )
    except ratelimit.RenderInFlight as busy:
        return render_form(form, 429, problem=IN_FLIGHT, retry_after=busy.retry_after)
    except DoesNotFit:
        return render_form(form, 400, problem=TOO_LONG_TO_PRINT, anchor="message")
    except KitTooLarge as error:
        # A 400 like the page limit's: the answers asked for too much, and other answers
        # (not a smaller request body, as a 413 would say) make a letter that can be sent.
        current_app.logger.warning("PDF refused: %s", error)
        return render_form(form, 400, problem=TOO_LARGE_TO_SEND, anchor="message")
    except RenderError as error:
        current_app.logger.error("PDF render failed: %s", type(error.__cause__ or error).__name__)
        return render_form(form, 503, problem=RENDER_FAILED)
    if shedding.client_gone():
        current_app.logger.warning(shedding.LEFT_DURING_RENDER)
        return shedding.NOBODY_THERE
    # Counted once made and someone is there to take it: one letter per official chosen.
    count_letters(action, form, "pdf", len(form.answers().recipients))
    # The file name is the slug (letters, digits and hyphens): a token that needs no quoting.
    return Response(
        pdf,
        mimetype="application/pdf",
        headers={
            "Content-Disposition": f"attachment; filename={kit_filename(action)}",
            **NO_STORE,
        },
    )


def _text(form: LetterForm):
    """Show each letter as text to copy and send online, or give them all as a .txt file.

    The file comes from the page's "Download as .txt" button, which posts the same answers
    with download=txt; its name is the action's, never anything the supporter typed. The
    file holds the letters the page counted already, so only the page is counted.
    """
    action = current_action()
    letters = _letters(form)
    if request.form.get("download") == "txt":
        return (
            render_letters_text(letters),
            200,
            {
                "Content-Type": "text/plain; charset=utf-8",
                "Content-Disposition": f"attachment; filename=letters-{action.slug}.txt",
                **NO_STORE,
            },
        )
    page = render_template(
        "action/text.html",
        action=action,
        online=online_letters(letters, subject=action.in_language(form.chosen_language()).title),
        form=form,
    )
    count_letters(action, form, "text", len(letters))
    return page, 200, NO_STORE


def _tweets(form: LetterForm):
    action = current_action()
    chosen = tweeted_officials(action, form, _letters(form))
    groups = compose_tweets(action, chosen, form.answers(), language=form.tweet_language())
    page = render_template(
        "action/tweets.html", action=action, groups=groups, chosen=chosen, form=form
    )
    # One per official tweeted to: those with no account get none.
    count_letters(action, form, "tweet", len(groups))
    return page, 200, NO_STORE


# Every page gives its scripts their wording (base.html).
bp.add_app_template_global(site_messages, "site_messages")
bp.add_app_template_filter(names_list, "names_list")
bp.add_app_template_filter(alternatives, "alternatives")
# Lists of actions show each in the page's language when it offers it.
bp.add_app_template_filter(in_page_language, "in_page_language")
