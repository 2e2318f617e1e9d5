"""The game's own drawings made in code (pure Python, no pygame): see characters.py."""
