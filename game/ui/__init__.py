"""The window game (pygame-ce). Nothing outside game/ui/ imports pygame.

`python -m game.ui [--size WxH] [--text-scale N]` opens the window for manual looking; the
terminal play stays the default of `spot-the-signs play` until the play screens arrive.
"""
