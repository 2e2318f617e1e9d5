"""The window's screens. Each returns Actions; none changes the app itself."""
