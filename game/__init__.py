"""Spot the Signs: a calm branching-story game for PSHE lessons on the warning signs of
child sexual exploitation. ``game.story`` is the pure-Python engine; ``game.ui`` the window."""

__version__ = "0.1.0"
