"""Tools for teachers: printable lesson packs built from a scenario."""
