"""Where everything on the play screen goes, at any window size and text size.

A place: the picture fills the window; the people stand on the stage; the dialogue box runs
across the bottom (about a quarter of the height at 100% text, never more than 55%, so the stage
keeps at least 45%), its name plate on its top edge and its buttons along its foot, Next at the
right. Choices appear as a menu over the stage.

A chat: the phone as tall as the window; beside it the faces of the pupil's character and the
friend whose phone it is, the choice menu, and the same row of buttons with Next at the right.
When the window is too narrow for the phone and a column beside it (a small window with large
text), the buttons and the menu go under the phone instead.

Next has one place, and while the choices show no other button takes it (a pupil clicking on
through the lines never clicks a choice by accident).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import pygame

from game.ui.widgets import Button, ButtonRow, Widget

if TYPE_CHECKING:
    from game.ui.screens.play import PlayScreen

BOX_SHARE = 0.26  # the dialogue box's usual share of the window's height at 100% text
BOX_MOST = 0.55  # the stage always keeps the rest
SIDE_MIN = 340  # a chat's column beside the phone, at the least, before text scale


def action_row(screen: PlayScreen, width: int) -> tuple[list[Button], int]:
    """The small actions (Flag, Story so far, Back a step) that fit on one row beside Next's place,
    in their long words, else short ones, else fewer (all of them still have keys)."""
    ui = screen.ui
    assert ui is not None
    sp = ui.theme.spacing
    next_w = screen.next.preferred_size(ui, width)[0]
    room = width - next_w - sp.l
    extras = [screen.flag, screen.history_button] + ([screen.undo_button] if screen.pt.steps else [])
    next_h = screen.next.preferred_size(ui, width)[1]
    for n in range(len(extras), 0, -1):  # all of them in short words before fewer in long ones
        for short in (False, True):
            screen.set_short_labels(short)
            w, h = ButtonRow(extras[:n], gap="m").measure(ui, 10_000)
            if w <= room:
                return extras[:n], max(h, next_h)
    return [], next_h


def place_row(screen: PlayScreen, x: int, y: int, width: int, height: int, extras: list[Button]) -> list[Widget]:
    """The row of actions at ``y``: the small ones from the left, Next (or, while choosing, the
    short hint in its place) at the right."""
    ui = screen.ui
    assert ui is not None
    nw = screen.next.preferred_size(ui, width)[0]
    screen.next.rect = pygame.Rect(x + width - nw, y, nw, height)
    ButtonRow(extras, gap="m").place(ui, pygame.Rect(x, y, width - nw - ui.theme.spacing.l, height))
    shown: list[Widget] = list(extras)
    if screen.next_shown:
        shown.append(screen.next)
    elif screen.hint.text:
        hw = min(width // 2, screen.hint.preferred_size(ui, width // 2)[0])
        hh = screen.hint.preferred_size(ui, hw)[1]
        screen.hint.rect = pygame.Rect(x + width - hw, y + (height - hh) // 2, hw, hh)
        shown.append(screen.hint)
    return shown


def row_card(screen: PlayScreen, row: pygame.Rect) -> list[Widget]:
    """A calm card behind a chat's row of buttons when a picture is behind the scene (the hint's
    words never sit on the picture); none on the plain page."""
    if not screen.backdrop:
        return []
    assert screen.ui is not None
    pad = screen.ui.theme.spacing.s
    screen.row_panel.rect = row.inflate(2 * pad, 2 * pad)
    return [screen.row_panel]


def menu_area(screen: PlayScreen, rect: pygame.Rect, low: bool = False) -> list[Widget]:
    """The choice menu in ``rect`` (the prompt gives way first when room is short): ``low``, at
    its foot (over a place: the people's faces stay in sight above it); else a little above the
    middle (the room left over gathers over the buttons, where a caption can go)."""
    ui = screen.ui
    assert ui is not None
    width = min(rect.width, 900)
    for with_prompt in (True, False):
        h = screen.menu.height(ui, width, with_prompt)
        if h <= rect.height or not with_prompt:
            break
    h = min(h, max(0, rect.height))  # taller than its room: the choices scroll inside it
    spare = max(0, rect.height - h)
    box = pygame.Rect(rect.centerx - width // 2, rect.y + (spare if low else spare // 3), width, h)
    shown = screen.menu.place(ui, box, with_prompt)
    screen.menu.show(ui, screen.focus.focused)
    return shown


def arrange_place(screen: PlayScreen, size: tuple[int, int], top: int, bar_left: int) -> list[Widget]:
    ui = screen.ui
    assert ui is not None
    sp, m = ui.theme.spacing, screen.margin()
    width = min(size[0] - 2 * m, 1240)
    x, bottom = size[0] // 2 - width // 2, size[1] - m
    box = screen.box
    pad = sp.l if size[1] >= 700 else sp.m
    inner = width - 2 * pad
    extras, row_h = action_row(screen, inner)
    plate_w, plate_h = box.plate.preferred_size(ui, inner // 2)
    chip_w, chip_h = box.chip.preferred_size(ui, inner - plate_w - sp.l)
    lip = max(plate_h, chip_h) // 2  # the plate and the chip stand half above the box's edge
    one = ui.text.one_line(ui.theme.font_size("body"))
    need = box.line.content_height(ui, inner) if box.line.text else 0
    choosing = screen.choosing
    # While choosing, the words give way before the menu does; while reading they get up to the
    # most the box may take, and scroll past that.
    most = int(size[1] * BOX_MOST) - (size[1] - bottom) - lip - 2 * pad - row_h - sp.m  # the margin below counts
    usual = max(2 * ui.text.line_height(ui.theme.font_size("body")), int(size[1] * BOX_SHARE) - 2 * pad - row_h - sp.m)
    text_h = min(max(need, min(usual, most)), most) if box.line.text else 0
    menu_need = screen.menu.height(ui, min(size[0] - 2 * m, 900), False) if choosing else 0
    if choosing:
        room_above = bottom - 2 * pad - row_h - sp.m - text_h - lip - top - sp.l
        if menu_need > room_above:  # the menu needs the room: the line gives it, a line at a time
            short = menu_need - room_above
            text_h = max(0, text_h - short) if text_h - short < one else text_h - short
    if not text_h:  # no words shown: no plate or chip either (they would name a line not there)
        plate_w = chip_w = lip = 0
    box_h = lip + pad + text_h + (sp.m if text_h else 0) + row_h + pad
    box.rect = pygame.Rect(x, bottom - box_h, width, box_h)
    box.plate.rect = pygame.Rect(x + pad, box.rect.y - plate_h // 2, plate_w, plate_h)
    box.chip.rect = pygame.Rect(x + width - pad - chip_w, box.rect.y - chip_h // 2, chip_w, chip_h)
    y = box.rect.y + lip + pad
    box.line.rect = pygame.Rect(x + pad, y, inner, text_h)
    shown: list[Widget] = [screen.stage, box]
    shown += [w for w in (box.plate, box.chip) if w.text and w.rect.width]
    if text_h:
        shown.append(box.line)
        y += text_h + sp.m
    shown += place_row(screen, x + pad, y, inner, row_h, extras)
    stage_top = top
    if screen.ending_banner.text:
        bw = min(size[0] - 2 * m, 900)
        bh = screen.ending_banner.preferred_size(ui, bw - 2 * sp.l)[1]
        screen.banner_panel.rect = pygame.Rect(size[0] // 2 - bw // 2, top, bw, bh + 2 * sp.m)
        screen.ending_banner.rect = screen.banner_panel.rect.inflate(-2 * sp.l, -2 * sp.m)
        if screen.banner_panel.rect.bottom + sp.l < box.rect.y - lip:
            shown += [screen.banner_panel, screen.ending_banner]
            stage_top = screen.banner_panel.rect.bottom + sp.l
    # The people may stand up beside the top bar (its buttons sit at the right), not under it.
    screen.stage.rect = pygame.Rect(m, stage_top, size[0] - 2 * m, max(0, box.rect.y - lip - stage_top))
    screen.stage.avoid = pygame.Rect(bar_left - sp.l, 0, size[0], top) if not screen.ending_banner.text else None
    if screen.stage.avoid is not None:
        screen.stage.rect.y, screen.stage.rect.height = m, max(0, box.rect.y - lip - m)
    if choosing:
        shown += menu_area(screen, pygame.Rect(m, top, size[0] - 2 * m, box.rect.y - lip - sp.l - top), low=True)
    return shown


def arrange_chat(screen: PlayScreen, size: tuple[int, int], top: int, bar_left: int) -> list[Widget]:
    """``top``: under the top bar; ``bar_left``: where the top bar's buttons begin (the phone may
    stand beside them, full height)."""
    ui = screen.ui
    assert ui is not None
    sp, m = ui.theme.spacing, screen.margin()
    scale = ui.theme.text_scale
    phone, faces = screen.phone, screen.faces
    height = size[1] - 2 * m
    pw = max(int(height * 0.62), int(300 * scale))
    side_min = int(SIDE_MIN * scale)
    side = size[0] - 2 * m - pw - sp.xl
    if side >= side_min:  # the phone full height, a column beside it
        side = min(side, max(side_min, 760))
        x0 = size[0] // 2 - (pw + sp.xl + side) // 2
        phone_top = m if x0 + pw + sp.l <= bar_left else top
        phone.rect = pygame.Rect(x0, phone_top, pw, size[1] - m - phone_top)
        sx = x0 + pw + sp.xl
        extras, row_h = action_row(screen, side)
        row_y = size[1] - m - row_h
        shown: list[Widget] = [phone, *row_card(screen, pygame.Rect(sx, row_y, side, row_h))]
        shown += place_row(screen, sx, row_y, side, row_h, extras)
        column = pygame.Rect(sx, top, side, row_y - sp.l - top)
        if screen.choosing:
            need = screen.menu.height(ui, column.width)
            face_room = column.height - need - sp.l
            if faces.people and faces.fits(ui, pygame.Rect(sx, top, side, face_room)):
                fh = faces.card_size(ui, faces.fits(ui, pygame.Rect(sx, top, side, face_room)))[1]
                faces.rect = pygame.Rect(sx, top, side, fh)
                shown.append(faces)
                column = pygame.Rect(sx, faces.rect.bottom + sp.l, side, row_y - sp.l - faces.rect.bottom - sp.l)
            shown += menu_area(screen, column)
        elif faces.people and faces.fits(ui, column):
            fh = faces.card_size(ui, faces.fits(ui, column))[1]
            faces.rect = pygame.Rect(sx, column.y + (column.height - fh) // 2, side, fh)
            shown.append(faces)
        return shown
    # Too narrow for both: the phone above, the menu and the buttons under it.
    width = min(size[0] - 2 * m, 900)
    x = size[0] // 2 - width // 2
    extras, row_h = action_row(screen, width)
    row_y = size[1] - m - row_h
    shown = [*row_card(screen, pygame.Rect(x, row_y, width, row_h)), *place_row(screen, x, row_y, width, row_h, extras)]
    bottom = row_y - sp.l
    if screen.choosing:
        need = screen.menu.height(ui, width, False)
        room = bottom - top
        phone_h = room - need - sp.l
        if phone_h >= phone.min_height(ui):
            shown += menu_area(screen, pygame.Rect(x, top + phone_h + sp.l, width, need))
        else:  # the choices matter most: the phone waits until a choice is made
            phone_h = 0
            shown += menu_area(screen, pygame.Rect(x, top, width, room))
    else:
        phone_h = bottom - top
    if phone_h > 0:
        phone.rect = pygame.Rect(x, top, width, phone_h)
        shown.insert(0, phone)
    return shown
